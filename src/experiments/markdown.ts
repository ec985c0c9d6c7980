/** The summary as a Markdown table (for a README), with the same numbers as the app's table. */
import { seriesLabel } from './series';
import type { Stat, SummaryRow } from './types';

const fmt = (s: Stat, digits: number): string => `${s.mean.toFixed(digits)} ± ${s.sd.toFixed(digits)}`;

function switchCell(r: SummaryRow): string {
  if (r.loss !== 'balance') return '';
  if (r.switch === 'fromStart') return 'from the start';
  if (r.switch === 'never') return 'never (override)';
  return r.switchStep ? `${fmt(r.switchStep, 0)} (${r.switched}/${r.n})` : `never (0/${r.n})`;
}

/** One line per series × ratio, ordered by ratio, then as the rows come. */
export function summaryTable(summary: readonly SummaryRow[]): string {
  const head =
    '| b/f | loss | n | Dice | precision | recall | FP_hard | FN_hard | FP main | FP bias | FN main | FN bias | switch step |';
  const rule = '|---:|---|---:|---|---|---|---|---|---|---|---|---|---|';
  const rows = [...summary]
    .map((r, i) => ({ r, i }))
    .sort((a, b) => a.r.ratio - b.r.ratio || a.i - b.i)
    .map(({ r }) =>
      [
        r.ratio,
        seriesLabel(r),
        r.diverged ? `${r.n} (${r.diverged} diverged)` : r.n,
        fmt(r.dice, 3),
        fmt(r.precision, 3),
        fmt(r.recall, 3),
        fmt(r.fpHard, 0),
        fmt(r.fnHard, 0),
        fmt(r.fpMain, 1),
        fmt(r.fpBias, 1),
        fmt(r.fnMain, 1),
        fmt(r.fnBias, 1),
        switchCell(r),
      ].join(' | '),
    )
    .map((line) => `| ${line} |`);
  return [head, rule, ...rows].join('\n') + '\n';
}
