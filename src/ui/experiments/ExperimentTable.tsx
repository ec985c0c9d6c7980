import { useState, type ReactNode } from 'react';
import { seriesKey, seriesLabel } from '../../experiments/series';
import type { RunResult, Stat, SummaryRow, SweepConfig } from '../../experiments/types';
import { Panel } from '../../panels/Panel';
import { downloadResults } from './experimentFiles';

/** A count or sum short enough for a table cell: 12 345 → 12.3k, 1 234 567 → 1.23M. */
export function compactNumber(v: number, digits: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return `${(v / 1e6).toPrecision(3)}M`;
  if (a >= 1e4) return `${(v / 1e3).toPrecision(3)}k`;
  return v.toFixed(digits);
}

/** The mean, then the sd smaller and muted: the mean is what the eye compares down a column. */
function meanSd(s: Stat, format: (v: number) => string): ReactNode {
  if (!Number.isFinite(s.mean)) return '–';
  return (
    <>
      {format(s.mean)}
      <span className="sd"> ± {format(s.sd)}</span>
    </>
  );
}
const score = (s: Stat): ReactNode => meanSd(s, (v) => v.toFixed(3));
const count = (digits: number) => (s: Stat) => meanSd(s, (v) => compactNumber(v, digits));
const pct = (s: Stat): ReactNode => meanSd(s, (v) => `${(100 * v).toFixed(1)}%`);

interface Column {
  head: string;
  title: string;
  cell: (r: SummaryRow) => ReactNode;
  /** Shown only with "All columns": the table fits its panel at 1280 px without them. */
  more?: boolean;
}

function switchCell(r: SummaryRow): ReactNode {
  if (r.loss !== 'balance') return '';
  if (r.switch === 'fromStart') return 'from the start';
  if (!r.switchStep) return `never (0/${r.n})`;
  return (
    <>
      {count(0)(r.switchStep)}{' '}
      <span className="sd">
        ({r.switched}/{r.n})
      </span>
    </>
  );
}

const COLUMNS: Column[] = [
  { head: 'Dice', title: 'Validation Dice at p > 0.5', cell: (r) => score(r.dice) },
  { head: 'IoU', title: 'Validation IoU at p > 0.5', cell: (r) => score(r.iou) },
  {
    head: 'Precision',
    title: 'At p > 0.5; 1 when nothing is predicted (0/0)',
    cell: (r) => score(r.precision),
    more: true,
  },
  { head: 'Recall', title: 'At p > 0.5', cell: (r) => score(r.recall) },
  { head: 'FP_hard', title: 'Background pixels with p > t (validation set)', cell: (r) => count(0)(r.fpHard) },
  { head: 'FN_hard', title: 'Foreground pixels with 1 − p ≥ t', cell: (r) => count(0)(r.fnHard) },
  { head: 'FP main', title: 'Σ p over background with p > t', cell: (r) => count(1)(r.fpMain), more: true },
  { head: 'FP bias', title: 'Σ p over background with p ≤ t', cell: (r) => count(1)(r.fpBias), more: true },
  { head: 'FN main', title: 'Σ (1 − p) over foreground with 1 − p ≥ t', cell: (r) => count(1)(r.fnMain), more: true },
  { head: 'FN bias', title: 'Σ (1 − p) over foreground with 1 − p < t', cell: (r) => count(1)(r.fnBias), more: true },
  {
    head: 'BG-bias share',
    title: 'Share of the trained loss’s Σ|∂L/∂z| on background pixels with p ≤ t, at the end',
    cell: (r) => pct(r.bgBiasShare),
  },
];
const SWITCH_COLUMN: Column = {
  head: 'Switch step',
  title: 'Balance loss: step after which Algorithm 1 switched to stage 2 (mean ± sd over the runs that switched)',
  cell: switchCell,
};

/** The panel's own tools: more or fewer columns, and the table as CSV (SVG/PNG come with every panel). */
function TableTools({ all, setAll, onCsv }: { all: boolean; setAll: (on: boolean) => void; onCsv: () => void }) {
  return (
    <>
      <button
        type="button"
        data-testid="experiment-columns-toggle"
        aria-pressed={all}
        onClick={() => setAll(!all)}
        title={all ? 'Show the main columns only' : 'Show precision and the main/bias sums too'}
      >
        {all ? 'Fewer columns' : 'All columns'}
      </button>
      <button
        type="button"
        data-testid="btn-experiment-csv"
        onClick={onCsv}
        title="The table: mean and sd per loss × ratio"
      >
        CSV
      </button>
    </>
  );
}

/** Mean ± sd over seeds per loss × ratio; metrics at p > 0.5, the decomposition at the sweep's t. */
export function ExperimentTable({
  summary,
  config,
  runs,
}: {
  summary: readonly SummaryRow[];
  config: SweepConfig;
  runs: readonly RunResult[];
}) {
  const [all, setAll] = useState(false);
  const columns = [
    ...COLUMNS.filter((c) => all || !c.more),
    ...(summary.some((r) => r.loss === 'balance') ? [SWITCH_COLUMN] : []),
  ];
  return (
    <Panel
      title="Results (mean ± sd over seeds)"
      testId="experiment-table-panel"
      tools={<TableTools all={all} setAll={setAll} onCsv={() => downloadResults('csv', config, [...runs])} />}
    >
      <div className="experiment-table-wrap" data-testid="experiment-table-wrap">
        <table className="experiment-table" data-testid="experiment-table">
          <caption>
            Validation set after training; Dice, IoU, precision, recall at p &gt; 0.5; counts and main/bias at t ={' '}
            {config.t}.
          </caption>
          <thead>
            <tr>
              <th>Loss</th>
              <th title="Background pixels per foreground pixel">b/f</th>
              <th title="Seeds finished">n</th>
              {columns.map((c) => (
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
                {columns.map((c) => (
                  <td key={c.head}>{c.cell(r)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
