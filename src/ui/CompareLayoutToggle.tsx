import { useLab } from '../state/store';
import type { CompareLayout } from '../state/view';

const LAYOUTS: { id: CompareLayout; label: string; title: string }[] = [
  { id: 'columns', label: 'Columns', title: 'Each run in its own column with every panel' },
  { id: 'overlay', label: 'Overlay', title: 'Both runs on one chart per history panel: A solid, B dashed' },
];

/** Compare mode's layout: two columns, or the history panels with both runs overlaid (cmpl= in the link). */
export function CompareLayoutToggle() {
  const layout = useLab((s) => s.view.compareLayout);
  const setView = useLab((s) => s.setView);
  return (
    <div className="segmented" role="group" aria-label="Compare layout">
      {LAYOUTS.map((l) => (
        <button
          key={l.id}
          type="button"
          data-testid={`compare-layout-${l.id}`}
          aria-pressed={layout === l.id}
          title={l.title}
          onClick={() => setView({ compareLayout: l.id })}
        >
          {l.label}
        </button>
      ))}
    </div>
  );
}
