import { useState } from 'react';
import { schema, type ParamKey } from '../state/schema';
import { useLab } from '../state/store';
import { queryFromParams } from '../state/url';
import { CONTROL_GROUPS } from './controlGroups';
import { useUi } from './uiStore';

const linkTo = (query: string): string => `${window.location.origin}${window.location.pathname}${query}`;

/** Copies text, falling back to selecting it when the clipboard is not available (http, permissions). */
async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** “Copy link” for the exact current view, and a classroom link that hides chosen controls. */
export function ShareMenu() {
  const open = useUi((s) => s.shareOpen);
  const setShare = useUi((s) => s.setShare);
  const params = useLab((s) => s.params);
  const view = useLab((s) => s.view);
  const selectedImage = useLab((s) => s.selectedImage);
  const [copied, setCopied] = useState<string | null>(null);
  const [hideAll, setHideAll] = useState(false);
  const [hiddenGroups, setHiddenGroups] = useState<Set<string>>(new Set(['Synthetic data', 'U-Net', 'Training']));

  const link = linkTo(queryFromParams(params, { view, selectedImage }));
  const hidden: ParamKey[] | 'all' = hideAll ? 'all' : CONTROL_GROUPS.filter((g) => hiddenGroups.has(g.title)).flatMap((g) => g.keys);
  const classroomLink = linkTo(queryFromParams(params, { view: { ...view, hidden }, selectedImage }));

  const copyAndSay = async (text: string, what: string): Promise<void> => {
    setCopied((await copy(text)) ? `${what} copied` : 'Clipboard unavailable: select the link and copy it');
  };

  return (
    <div className="share">
      <button data-testid="btn-copy-link" onClick={() => void copyAndSay(link, 'Link')} title="Copy a link to exactly this view: every parameter, the seed, the selected image and mode">
        Copy link
      </button>
      <button data-testid="btn-classroom" aria-expanded={open} onClick={() => setShare(!open)} title="A link for students that hides the controls you choose">
        Classroom link…
      </button>
      {copied ? (
        <span className="share-status" role="status" data-testid="share-status">
          {copied}
        </span>
      ) : null}
      {open ? (
        <div className="share-card" data-testid="classroom-dialog">
          <p>Students who open this link see the current view with these controls hidden:</p>
          <label>
            <input type="checkbox" checked={hideAll} onChange={(e) => setHideAll(e.target.checked)} data-testid="classroom-hide-all" /> every control (the panels only)
          </label>
          {CONTROL_GROUPS.map((g) => (
            <label key={g.title} className={hideAll ? 'idle' : ''}>
              <input
                type="checkbox"
                disabled={hideAll}
                checked={hideAll || hiddenGroups.has(g.title)}
                data-testid={`classroom-hide-${g.keys[0]}`}
                onChange={(e) => {
                  const next = new Set(hiddenGroups);
                  if (e.target.checked) next.add(g.title);
                  else next.delete(g.title);
                  setHiddenGroups(next);
                }}
              />{' '}
              {g.title} <small>({g.keys.map((k) => schema[k].label).join(', ')})</small>
            </label>
          ))}
          <input className="share-url" readOnly value={classroomLink} data-testid="classroom-url" onFocus={(e) => e.target.select()} />
          <div className="share-actions">
            <button onClick={() => void copyAndSay(classroomLink, 'Classroom link')}>Copy classroom link</button>
            <button onClick={() => setShare(false)}>Close</button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
