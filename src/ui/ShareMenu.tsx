import { useState } from 'react';
import { schema, type ParamKey } from '../params/schema';
import { useLab } from '../state/store';
import { queryFromParams } from '../state/url';
import { CONTROL_GROUPS } from './controlGroups';
import { useUi } from './uiStore';
import { ShareUrl } from './ShareUrl';

const linkTo = (query: string): string => `${window.location.origin}${window.location.pathname}${query}`;

/** Copies text and says so; without clipboard access (http, permissions) it says how to copy by hand. */
async function copyAndSay(text: string, what: string): Promise<void> {
  let ok = true;
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    ok = false;
  }
  useUi
    .getState()
    .flash(ok ? `${what} copied` : `Clipboard unavailable: copy the link from the address bar or the classroom dialog`);
}

/** The Share menu's items: copy a link to exactly this view; open the classroom-link dialog. */
export function ShareMenu() {
  const setShare = useUi((s) => s.setShare);
  return (
    <>
      <button
        data-testid="btn-copy-link"
        onClick={() => void copyAndSay(window.location.origin + window.location.pathname + currentLinkQuery(), 'Link')}
        title="Every parameter, the seed, the selected image and the mode"
      >
        Copy link to this view
      </button>
      <button
        data-testid="btn-classroom"
        onClick={() => setShare(true)}
        title="A link for students that hides the controls you choose"
      >
        Classroom link…
      </button>
    </>
  );
}

function currentLinkQuery(): string {
  const s = useLab.getState();
  return queryFromParams(s.params, { view: s.view, selectedImage: s.selectedImage });
}

/**
 * The classroom-link dialog and the “copied” message (outside the menu, so they outlive it). The
 * dialog follows the parameters only while it is open: closed, a slider input costs it nothing.
 */
export function ShareCard() {
  const open = useUi((s) => s.shareOpen);
  const status = useUi((s) => s.status);
  // Which groups the link hides: kept here, so closing and opening the dialog keeps the choice.
  const [hideAll, setHideAll] = useState(false);
  const [hiddenGroups, setHiddenGroups] = useState<Set<string>>(new Set(['Synthetic data', 'U-Net', 'Training']));
  return (
    <>
      {status ? (
        <div className="toast" role="status" data-testid="share-status">
          {status}
        </div>
      ) : null}
      {open ? (
        <ClassroomDialog
          hideAll={hideAll}
          setHideAll={setHideAll}
          hiddenGroups={hiddenGroups}
          setHiddenGroups={setHiddenGroups}
        />
      ) : null}
    </>
  );
}

function ClassroomDialog({
  hideAll,
  setHideAll,
  hiddenGroups,
  setHiddenGroups,
}: {
  hideAll: boolean;
  setHideAll: (all: boolean) => void;
  hiddenGroups: Set<string>;
  setHiddenGroups: (groups: Set<string>) => void;
}) {
  const setShare = useUi((s) => s.setShare);
  const params = useLab((s) => s.params);
  const view = useLab((s) => s.view);
  const selectedImage = useLab((s) => s.selectedImage);
  const hidden: ParamKey[] | 'all' = hideAll
    ? 'all'
    : CONTROL_GROUPS.filter((g) => hiddenGroups.has(g.title)).flatMap((g) => g.keys);
  const classroomLink = linkTo(queryFromParams(params, { view: { ...view, hidden }, selectedImage }));
  return (
    <div className="share-card" data-testid="classroom-dialog" role="dialog" aria-label="Classroom link">
      <p>Students who open this link see the current view with these controls hidden:</p>
      <label>
        <input
          type="checkbox"
          checked={hideAll}
          onChange={(e) => setHideAll(e.target.checked)}
          data-testid="classroom-hide-all"
        />{' '}
        every control (the panels only)
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
      <ShareUrl value={classroomLink} testId="classroom-url" />
      <div className="share-actions">
        <button onClick={() => void copyAndSay(classroomLink, 'Classroom link')}>Copy classroom link</button>
        <button onClick={() => setShare(false)}>Close</button>
      </div>
    </div>
  );
}
