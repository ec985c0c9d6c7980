/**
 * The main/bias decomposition (Eq. 1–12) at any threshold from one sort of the predictions: the
 * background p and the foreground errors 1 − p sorted descending, with their running sums. A t
 * move then costs two binary searches instead of a pass over every pixel (issue 19: one frame
 * per slider input). The comparisons are decompose()'s (docs/design.md §1.1): a background pixel
 * is a hard FP when p > t, a foreground pixel a hard FN when 1 − p ≥ t; the sums are the same
 * float64 values added in rank order, so they agree with decompose() to rounding
 * (tests/unit/thresholdIndex.test.ts).
 */
import { assemble, isForeground } from './decompose';
import type { Decomposition, WeightedFp } from './types';

export interface ThresholdIndex {
  f: number;
  b: number;
  /** Background p, descending. */
  bg: Float64Array;
  /** Foreground errors 1 − p, descending. */
  fgErr: Float64Array;
  /** head[k] = sum of the k largest values; tail[k] = sum of the values from rank k + 1 on. */
  bgHead: Float64Array;
  bgTail: Float64Array;
  fgHead: Float64Array;
  fgTail: Float64Array;
  /** f-th largest background p (Fig. 2); null when f = 0 or f > b. */
  kthBg: number | null;
}

const descending = (values: Float64Array): Float64Array => values.sort().reverse();

/** head[k] = Σ_{i<k} v_i and tail[k] = Σ_{i≥k} v_i, each summed from its own end. */
function runningSums(v: Float64Array): { head: Float64Array; tail: Float64Array } {
  const head = new Float64Array(v.length + 1);
  const tail = new Float64Array(v.length + 1);
  for (let i = 0; i < v.length; i++) head[i + 1] = head[i] + v[i];
  for (let i = v.length - 1; i >= 0; i--) tail[i] = tail[i + 1] + v[i];
  return { head, tail };
}

/** How many of the descending values pass: v > t (strict) or v ≥ t. */
export function countAbove(desc: Float64Array, t: number, strict: boolean): number {
  let lo = 0;
  let hi = desc.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (strict ? desc[mid] > t : desc[mid] >= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function thresholdIndex(p: ArrayLike<number>, y: ArrayLike<number>): ThresholdIndex {
  if (p.length !== y.length) throw new RangeError(`p has ${p.length} values but y has ${y.length}`);
  let f = 0;
  for (let i = 0; i < y.length; i++) if (isForeground(y[i])) f++;
  const bg = new Float64Array(p.length - f);
  const fgErr = new Float64Array(f);
  for (let i = 0, j = 0, k = 0; i < p.length; i++) {
    if (isForeground(y[i])) fgErr[k++] = 1 - p[i];
    else bg[j++] = p[i];
  }
  descending(bg);
  descending(fgErr);
  const bgSums = runningSums(bg);
  const fgSums = runningSums(fgErr);
  const b = bg.length;
  return {
    f,
    b,
    bg,
    fgErr,
    bgHead: bgSums.head,
    bgTail: bgSums.tail,
    fgHead: fgSums.head,
    fgTail: fgSums.tail,
    kthBg: f >= 1 && f <= b ? bg[f - 1] : null,
  };
}

export function decomposeAt(ix: ThresholdIndex, t: number): Decomposition;
export function decomposeAt(ix: ThresholdIndex, t: number, eps: number): Decomposition & WeightedFp;
/** decompose(p, y, { t, eps }) from the index, in O(log N). */
export function decomposeAt(ix: ThresholdIndex, t: number, eps?: number): Decomposition | (Decomposition & WeightedFp) {
  const { f, b, kthBg } = ix;
  const fpHard = countAbove(ix.bg, t, true);
  const fnHard = countAbove(ix.fgErr, t, false);
  const fpMain = ix.bgHead[fpHard];
  const fpBias = ix.bgTail[fpHard];
  const fnMain = ix.fgHead[fnHard];
  const fnBias = ix.fgTail[fnHard];
  const result = assemble({ f, b, fpHard, fnHard, fpMain, fpBias, fnMain, fnBias, kthBg, t });
  if (eps === undefined) return result;
  return { ...result, ...weightedAt(ix, fpHard, eps, fpMain, fpBias) };
}

/**
 * Eq. 11–12: the hard background H is the top f ranks (ties at kthBg split by rank, as in
 * decompose), so its part above t is its top min(f, FP_hard) ranks.
 */
function weightedAt(ix: ThresholdIndex, fpHard: number, eps: number, fpMain: number, fpBias: number): WeightedFp {
  const { f, b } = ix;
  if (f >= b) return { fpMainW: fpMain, fpBiasW: fpBias };
  if (f === 0) return { fpMainW: eps * fpMain, fpBiasW: eps * fpBias };
  const hMain = ix.bgHead[Math.min(f, fpHard)];
  const hBias = ix.bgHead[f] - hMain;
  return {
    fpMainW: hMain + eps * (fpMain - hMain),
    fpBiasW: hBias + eps * (fpBias - hBias),
  };
}
