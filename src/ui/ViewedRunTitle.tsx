import type { ViewedRun } from '../state/store';
import { useRun } from '../state/runContext';
import { useLab } from '../state/store';

/**
 * The section title of a logged run on view: its name, what was logged, and an item picker, since
 * the images panel shows four items and a log keeps up to 16 (docs/python-logger.md).
 */
export function ViewedRunTitle({ viewed }: { viewed: ViewedRun }) {
  const n = useRun((s) => s.dataset?.nVal ?? 0);
  const step = useRun((s) => s.liveStep);
  const points = useRun((s) => s.history.length);
  const selected = useLab((s) => s.selectedImage);
  const selectImage = useLab((s) => s.selectImage);
  const items = n === 1 ? '1 item' : `${n} items`;
  return (
    <h1 className="section-title" data-testid="viewed-run-title">
      Logged run: {viewed.name}{' '}
      <small>
        view only · last step {step} · {points} history points · {items} of {viewed.width}×{viewed.height} px
        {viewed.hasImages ? '' : ' (no input images logged)'} · {viewed.writer}
      </small>
      <span className="analysis-tools">
        <label>
          Item{' '}
          <select
            data-testid="viewed-item"
            value={selected === null || selected >= n ? 'all' : String(selected)}
            onChange={(e) => selectImage(e.target.value === 'all' ? null : Number(e.target.value))}
          >
            <option value="all">all {n} items</option>
            {Array.from({ length: n }, (_, i) => (
              <option key={i} value={i}>
                item {i + 1}
              </option>
            ))}
          </select>
        </label>
      </span>
    </h1>
  );
}
