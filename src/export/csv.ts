/**
 * The run's curves as CSV: one row per logged history point, every value at the current t as the
 * history and loss panels compute it (the same functions from src/state/historyMath, so the file
 * matches the screen). Dice and IoU are test metrics at p > 0.5 whatever t is.
 */
import { atThreshold, historyRow } from '../state/historyMath';
import type { HistoryEntry } from '../state/historyTypes';

export const CSV_COLUMNS = [
  'step',
  'stage',
  'loss',
  'intra',
  'inter',
  'dice',
  'iou',
  'fp_hard',
  'fn_hard',
  'fp_main',
  'fp_bias',
  'fn_main',
  'fn_bias',
  'fp_main_w',
  'fp_bias_w',
  't',
  'eps',
] as const;

/** Full precision (String round-trips a double); a missing value (no Intra/Inter part) is empty. */
const cell = (v: number | null): string => (v === null ? '' : String(v));

export function historyCsv(history: readonly HistoryEntry[], t: number): string {
  const lines: string[] = [CSV_COLUMNS.join(',')];
  for (const e of history) {
    const m = atThreshold(e, t);
    const r = historyRow(e, t);
    const row: (number | null)[] = [
      e.step,
      e.stage,
      e.loss,
      e.intra,
      e.inter,
      m.dice,
      m.iou,
      m.fpHard,
      m.fnHard,
      r.fpMain,
      r.fpBias,
      r.fnMain,
      r.fnBias,
      r.fpMainW,
      r.fpBiasW,
      t,
      e.eps,
    ];
    lines.push(row.map(cell).join(','));
  }
  return `${lines.join('\n')}\n`;
}
