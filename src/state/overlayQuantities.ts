/**
 * What compare mode's overlay draws for each run, per logged step, at the current t: the four
 * main/bias terms (Eq. 3–4), Dice and IoU at the test cut, the trained loss's share of its push on
 * background-bias pixels, and the hard FP/FN counts. The overlay panels and their CSV export both
 * read these rows, so a file matches its chart.
 */
import { bgBiasShareAt } from '../core/gradientHistogram';
import { atThreshold, historyRow } from './historyMath';
import type { HistoryEntry } from './historyTypes';

export const OVERLAY_KEYS = [
  'fpMain',
  'fpBias',
  'fnMain',
  'fnBias',
  'dice',
  'iou',
  'bgBiasShare',
  'fpHard',
  'fnHard',
] as const;
export type OverlayKey = (typeof OVERLAY_KEYS)[number];

export type OverlayRow = { step: number } & Record<OverlayKey, number>;

/** One row per logged step; a share is NaN where the entry has no gradient trace (older run files). */
export function overlayRows(history: readonly HistoryEntry[], t: number): OverlayRow[] {
  return history.map((e) => {
    const terms = historyRow(e, t);
    const hard = atThreshold(e, t);
    return {
      step: e.step,
      fpMain: terms.fpMain,
      fpBias: terms.fpBias,
      fnMain: terms.fnMain,
      fnBias: terms.fnBias,
      dice: hard.dice,
      iou: hard.iou,
      bgBiasShare: e.grad ? bgBiasShareAt(e.grad.trainedHist, t) : NaN,
      fpHard: hard.fpHard,
      fnHard: hard.fnHard,
    };
  });
}

/** The union of the runs' logged steps (one step of room around a single point). */
export function overlaySteps(runs: readonly (readonly OverlayRow[])[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const rows of runs)
    for (const r of rows) {
      lo = Math.min(lo, r.step);
      hi = Math.max(hi, r.step);
    }
  if (!Number.isFinite(lo)) return null;
  return lo === hi ? [lo - 1, hi + 1] : [lo, hi];
}
