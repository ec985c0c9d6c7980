import { seriesKey, seriesLabel } from '../../experiments/series';
import type { Stat, SummaryRow } from '../../experiments/types';

const fmt = (s: Stat, digits: number): string =>
  Number.isFinite(s.mean) ? `${s.mean.toFixed(digits)} ± ${s.sd.toFixed(digits)}` : '–';
const pct = (s: Stat): string => `${(100 * s.mean).toFixed(1)} ± ${(100 * s.sd).toFixed(1)}%`;

const COLUMNS: { head: string; title: string; cell: (r: SummaryRow) => string }[] = [
  { head: 'Dice', title: 'Validation Dice at p > 0.5', cell: (r) => fmt(r.dice, 3) },
  { head: 'IoU', title: 'Validation IoU at p > 0.5', cell: (r) => fmt(r.iou, 3) },
  { head: 'Precision', title: 'At p > 0.5; 1 when nothing is predicted (0/0)', cell: (r) => fmt(r.precision, 3) },
  { head: 'Recall', title: 'At p > 0.5', cell: (r) => fmt(r.recall, 3) },
  { head: 'FP_hard', title: 'Background pixels with p > t (validation set)', cell: (r) => fmt(r.fpHard, 0) },
  { head: 'FN_hard', title: 'Foreground pixels with 1 − p ≥ t', cell: (r) => fmt(r.fnHard, 0) },
  { head: 'FP main', title: 'Σ p over background with p > t', cell: (r) => fmt(r.fpMain, 1) },
  { head: 'FP bias', title: 'Σ p over background with p ≤ t', cell: (r) => fmt(r.fpBias, 1) },
  { head: 'FN main', title: 'Σ (1 − p) over foreground with 1 − p ≥ t', cell: (r) => fmt(r.fnMain, 1) },
  { head: 'FN bias', title: 'Σ (1 − p) over foreground with 1 − p < t', cell: (r) => fmt(r.fnBias, 1) },
  {
    head: 'BG-bias share',
    title: 'Share of the trained loss’s Σ|∂L/∂z| on background pixels with p ≤ t, at the end',
    cell: (r) => pct(r.bgBiasShare),
  },
  {
    head: 'Switch step',
    title: 'Balance loss: step after which Algorithm 1 switched to stage 2 (mean ± sd over the runs that switched)',
    cell: (r) =>
      r.loss !== 'balance'
        ? ''
        : r.switch === 'fromStart'
          ? 'stage 2 from the start'
          : r.switchStep
            ? `${fmt(r.switchStep, 0)} (${r.switched}/${r.n})`
            : `never (0/${r.n})`,
  },
];

/** Mean ± sd over seeds per loss × ratio; metrics at p > 0.5, the decomposition at the sweep's t. */
export function ExperimentTable({ summary, t }: { summary: readonly SummaryRow[]; t: number }) {
  return (
    <div className="experiment-table-wrap">
      <table className="experiment-table" data-testid="experiment-table">
        <caption>
          Validation set after training; Dice, IoU, precision, recall at p &gt; 0.5; counts and main/bias at t = {t}.
        </caption>
        <thead>
          <tr>
            <th>Loss</th>
            <th title="Background pixels per foreground pixel">b/f</th>
            <th title="Seeds finished">n</th>
            {COLUMNS.map((c) => (
              <th key={c.head} title={c.title}>
                {c.head}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {summary.map((r) => (
            <tr
              key={`${seriesKey(r)}-${r.ratio}`}
              data-testid={`experiment-row-${seriesKey(r)}-${r.ratio}`}
              data-n={r.n}
            >
              <td>{seriesLabel(r)}</td>
              <td>{r.ratio}</td>
              <td>
                {r.n}
                {r.diverged ? ` (${r.diverged} diverged)` : ''}
              </td>
              {COLUMNS.map((c) => (
                <td key={c.head}>{c.cell(r)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
