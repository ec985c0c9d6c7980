import { useLab } from '../state/store';

/** Turns compare mode on (run B starts as the natural contrast to A's loss) or off. */
export function CompareToggle() {
  const comparing = useLab((s) => s.view.compare !== null);
  const loss = useLab((s) => s.params.loss);
  const setView = useLab((s) => s.setView);
  const viewed = useLab((s) => s.viewed !== null);
  return (
    <button
      data-testid="btn-compare"
      aria-pressed={comparing}
      disabled={viewed && !comparing}
      onClick={() => setView({ compare: comparing ? null : { loss: loss === 'bce' ? 'balance' : 'bce' } })}
      title={
        viewed
          ? 'A logged run is view only: Reset returns to the lab’s own run, which can be compared'
          : 'Two runs side by side on the same data and initial weights (both restart at step 0)'
      }
    >
      {comparing ? 'End compare' : 'Compare'}
    </button>
  );
}
