import { isForeground, safeMean } from './decompose';
import type { Decomposition } from './types';

/**
 * Fine histograms of background p and foreground error 1 − p, with per-bin counts and sums.
 * Bin edges are j / bins. Background bins are open below, (lo, hi], because FP_hard uses p > t;
 * foreground bins are closed below, [lo, hi), because FN_hard uses 1 − p ≥ t. With these
 * conventions a threshold on an edge splits the bins exactly as Eq. 1–4 split the pixels.
 */
export interface PredictionHistogram {
  bins: number;
  bgCount: Float64Array;
  bgSum: Float64Array;
  fgCount: Float64Array;
  fgErrSum: Float64Array;
  /**
   * Pixels sitting exactly on the outer edges are kept apart: background p = 0 is never > t,
   * and foreground error 1 − p = 1 is always ≥ t, so no bin can hold them for every t ∈ [0, 1].
   */
  bgZero: number;
  fgErrOne: number;
}

export const binEdge = (j: number, bins: number): number => j / bins;

/** Index of the (lo, hi] bin holding v ∈ [0, 1]; 0 lands in bin 0. */
export function openBelowBin(v: number, bins: number): number {
  let j = Math.min(bins - 1, Math.max(0, Math.ceil(v * bins) - 1));
  // v * bins can round across an edge; settle on the bin the exact comparisons pick.
  if (j > 0 && v <= binEdge(j, bins)) j--;
  else if (j < bins - 1 && v > binEdge(j + 1, bins)) j++;
  return j;
}

/** Index of the [lo, hi) bin holding v ∈ [0, 1]; 1 lands in the last bin. */
function closedBelowBin(v: number, bins: number): number {
  let j = Math.min(bins - 1, Math.max(0, Math.floor(v * bins)));
  if (j > 0 && v < binEdge(j, bins)) j--;
  else if (j < bins - 1 && v >= binEdge(j + 1, bins)) j++;
  return j;
}

export function emptyHistogram(bins: number): PredictionHistogram {
  return {
    bins,
    bgCount: new Float64Array(bins),
    bgSum: new Float64Array(bins),
    fgCount: new Float64Array(bins),
    fgErrSum: new Float64Array(bins),
    bgZero: 0,
    fgErrOne: 0,
  };
}

export function histogram(p: ArrayLike<number>, y: ArrayLike<number>, bins = 1000): PredictionHistogram {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a positive integer, got ${bins}`);
  if (p.length !== y.length) throw new RangeError(`p has ${p.length} values but y has ${y.length}`);
  const h = emptyHistogram(bins);
  for (let i = 0; i < p.length; i++) {
    const pi = p[i];
    if (isForeground(y[i])) {
      const err = 1 - pi;
      if (err === 1) {
        h.fgErrOne++;
        continue;
      }
      const j = closedBelowBin(err, bins);
      h.fgCount[j]++;
      h.fgErrSum[j] += err;
    } else {
      if (pi === 0) {
        h.bgZero++;
        continue;
      }
      const j = openBelowBin(pi, bins);
      h.bgCount[j]++;
      h.bgSum[j] += pi;
    }
  }
  return h;
}

/** Fields of a Decomposition that a histogram determines (kthBg, and eq12 from it, need the pixels themselves). */
export type HistogramDecomposition = Omit<Decomposition, 'kthBg' | 'eq12'>;

/**
 * Sums of counts and values in bins at or past a cut position c ∈ [0, bins] (bin index space).
 * An integer cut is exact; a fractional cut splits its bin in proportion (uniform within a bin).
 */
function tail(count: Float64Array, sum: Float64Array, cut: number): { count: number; sum: number } {
  const bins = count.length;
  const whole = Math.ceil(cut);
  let c = 0;
  let s = 0;
  for (let j = whole; j < bins; j++) {
    c += count[j];
    s += sum[j];
  }
  const frac = whole - cut;
  if (frac > 0 && whole - 1 >= 0) {
    c += frac * count[whole - 1];
    s += frac * sum[whole - 1];
  }
  return { count: c, sum: s };
}

function totals(a: Float64Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j];
  return s;
}

/** The Decomposition at threshold t from histograms: exact when t is a bin edge j / bins. */
export function decomposeFromHistogram(h: PredictionHistogram, t: number): HistogramDecomposition {
  const { bins } = h;
  const rounded = Math.round(t * bins);
  const cut = binEdge(rounded, bins) === t ? rounded : Math.min(bins, Math.max(0, t * bins));
  const b = totals(h.bgCount) + h.bgZero;
  const f = totals(h.fgCount) + h.fgErrOne;
  const fpSoft = totals(h.bgSum);
  const fnSoft = totals(h.fgErrSum) + h.fgErrOne;
  const bgAbove = tail(h.bgCount, h.bgSum, cut); // p > t
  const fgAbove = tail(h.fgCount, h.fgErrSum, cut); // 1 − p ≥ t
  const fpHard = bgAbove.count;
  const fnHard = fgAbove.count + h.fgErrOne;
  const fpMain = bgAbove.sum;
  const fnMain = fgAbove.sum + h.fgErrOne;
  const fpBias = fpSoft - fpMain;
  const fnBias = fnSoft - fnMain;
  return {
    f,
    b,
    fpHard,
    fnHard,
    fpSoft,
    fnSoft,
    fpMain,
    fpBias,
    fnMain,
    fnBias,
    eBgAbove: safeMean(fpMain, fpHard),
    eBgBelow: safeMean(fpBias, b - fpHard),
    eFgBelow: safeMean(fnMain, fnHard),
    eFgAbove: safeMean(fnBias, f - fnHard),
    mainAltered: fpHard > f,
  };
}
