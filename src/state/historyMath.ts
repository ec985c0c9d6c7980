/**
 * History bookkeeping at a chosen t: the curves and counts the history and loss panels draw and
 * the CSV export writes, from each logged step's validation histogram.
 */
import { decomposeFromHistogram, scoresFromCounts } from '../core';
import { histogramCurves, type HistogramCurves } from '../core/historyCurves';
import type { HistoryEntry, HistorySync } from './historyTypes';

export interface HistoryRow extends HistogramCurves {
  step: number;
}

/** One history point at threshold t (O(1); exact at bin edges). */
export function historyRow(entry: HistoryEntry, t: number): HistoryRow {
  return { step: entry.step, ...histogramCurves(entry.hist, entry.eps, t) };
}

/** The union of several runs' history extents at t, so compare mode draws them on one scale. */
export function historySync(histories: readonly (readonly HistoryEntry[])[], t: number): HistorySync | null {
  let s0 = Infinity;
  let s1 = -Infinity;
  let yMax = 0;
  let yMinPos = Infinity;
  for (const history of histories) {
    for (const e of history) {
      const r = historyRow(e, t);
      s0 = Math.min(s0, r.step);
      s1 = Math.max(s1, r.step);
      for (const v of [r.fpMain, r.fpBias, r.fnMain, r.fnBias, r.fpBiasW]) {
        if (v > yMax) yMax = v;
        if (v > 0 && v < yMinPos) yMinPos = v;
      }
    }
  }
  if (!Number.isFinite(s0)) return null;
  return { steps: s0 === s1 ? [s0 - 1, s1 + 1] : [s0, s1], yMax, yMinPos };
}

/** Test metrics binarise at p > 0.5 (docs/design.md §1.4b). */
const TEST_CUT = 0.5;

/**
 * A history point with hard FP/FN re-derived at t from its histogram (Eq. 1–2), and Dice and IoU
 * at the test cut p > 0.5 whatever t is; 0.5 is a bin edge, so both are exact.
 */
export function atThreshold(e: HistoryEntry, t: number): HistoryEntry {
  const d = decomposeFromHistogram(e.hist, t);
  const atCut = t === TEST_CUT ? d : decomposeFromHistogram(e.hist, TEST_CUT);
  const scores = scoresFromCounts(atCut.f - atCut.fnHard, atCut.fpHard, atCut.fnHard);
  return { ...e, fpHard: d.fpHard, fnHard: d.fnHard, dice: scores.dice, iou: scores.iou };
}
