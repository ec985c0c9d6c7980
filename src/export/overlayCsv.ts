/**
 * Compare mode's overlay as CSV: long format, one row per run and logged step, with the columns of
 * the panel being exported at the current t (the rows of src/state/overlayQuantities, as drawn).
 */
import type { OverlayKey, OverlayRow } from '../state/overlayQuantities';

export interface OverlayCsvRun {
  /** 'A' or 'B'. */
  tag: string;
  /** The run's differing settings, as the legend names them. */
  settings: string;
  rows: readonly OverlayRow[];
}

const SNAKE: Record<OverlayKey, string> = {
  fpMain: 'fp_main',
  fpBias: 'fp_bias',
  fnMain: 'fn_main',
  fnBias: 'fn_bias',
  dice: 'dice',
  iou: 'iou',
  bgBiasShare: 'bg_bias_share',
  fpHard: 'fp_hard',
  fnHard: 'fn_hard',
};

/** RFC 4180 quoting where a field needs it. */
const field = (text: string): string => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
/** Full precision; a value the run did not log (NaN) is empty. */
const cell = (v: number): string => (Number.isFinite(v) ? String(v) : '');

export function overlayCsv(runs: readonly OverlayCsvRun[], keys: readonly OverlayKey[], t: number): string {
  const lines = [['run', 'settings', 'step', ...keys.map((k) => SNAKE[k]), 't'].join(',')];
  for (const run of runs)
    for (const r of run.rows)
      lines.push(
        [field(run.tag), field(run.settings), String(r.step), ...keys.map((k) => cell(r[k])), String(t)].join(','),
      );
  return `${lines.join('\n')}\n`;
}
