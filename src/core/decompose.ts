import { kthLargestInPlace } from './select';
import type { DecomposeOptions, Decomposition, WeightedFp } from './types';

/** A label value above one half is foreground (docs/design.md §1). */
export const isForeground = (label: number): boolean => label > 0.5;

/** Mean of a sum over a set of `count` items; the mean over an empty set is 0 (docs/design.md §1.1). */
export const safeMean = (sum: number, count: number): number => (count > 0 ? sum / count : 0);

/** The sums and counts at t that both ways of computing the split (a pass here, prefix sums in thresholdIndex.ts) end with. */
export interface SplitSums {
  f: number;
  b: number;
  fpHard: number;
  fnHard: number;
  fpMain: number;
  fpBias: number;
  fnMain: number;
  fnBias: number;
  kthBg: number | null;
  t: number;
}

/** The decomposition (docs/design.md §1.1) from its sums and counts: the soft totals, the mean errors and the Eq. 11/12 case. */
export function assemble({ f, b, fpHard, fnHard, fpMain, fpBias, fnMain, fnBias, kthBg, t }: SplitSums): Decomposition {
  return {
    f,
    b,
    fpHard,
    fnHard,
    fpSoft: fpMain + fpBias,
    fnSoft: fnMain + fnBias,
    fpMain,
    fpBias,
    fnMain,
    fnBias,
    eBgAbove: safeMean(fpMain, fpHard),
    eBgBelow: safeMean(fpBias, b - fpHard),
    eFgBelow: safeMean(fnMain, fnHard),
    eFgAbove: safeMean(fnBias, f - fnHard),
    kthBg,
    mainAltered: fpHard > f,
    eq12: kthBg !== null && kthBg >= t,
  };
}

export function decompose(
  p: ArrayLike<number>,
  y: ArrayLike<number>,
  opts: DecomposeOptions & { eps: number },
): Decomposition & WeightedFp;
export function decompose(p: ArrayLike<number>, y: ArrayLike<number>, opts: DecomposeOptions): Decomposition;
/**
 * Exact main/bias decomposition of soft FP and FN (Eq. 1–12) in float64, O(N) expected time
 * (one quickselect for the f-th largest background prediction).
 */
export function decompose(
  p: ArrayLike<number>,
  y: ArrayLike<number>,
  opts: DecomposeOptions,
): Decomposition | (Decomposition & WeightedFp) {
  if (p.length !== y.length) throw new RangeError(`p has ${p.length} values but y has ${y.length}`);
  const { t, eps } = opts;
  const n = p.length;
  let f = 0;
  for (let i = 0; i < n; i++) if (isForeground(y[i])) f++;
  const b = n - f;
  const bg = new Float64Array(b);
  let fpHard = 0;
  let fnHard = 0;
  let fpMain = 0;
  let fpBias = 0;
  let fnMain = 0;
  let fnBias = 0;
  for (let i = 0, j = 0; i < n; i++) {
    const pi = p[i];
    if (isForeground(y[i])) {
      const err = 1 - pi;
      if (err >= t) {
        fnHard++;
        fnMain += err;
      } else {
        fnBias += err;
      }
    } else {
      bg[j++] = pi;
      if (pi > t) {
        fpHard++;
        fpMain += pi;
      } else {
        fpBias += pi;
      }
    }
  }
  const kthBg = f >= 1 && f <= b ? kthLargestInPlace(bg, f) : null;
  const result = assemble({ f, b, fpHard, fnHard, fpMain, fpBias, fnMain, fnBias, kthBg, t });
  if (eps === undefined) return result;
  return { ...result, ...weightedFp(bg, f, kthBg, t, eps, fpMain, fpBias) };
}

/**
 * ε-weighted FP split. The hard background H is the top min(f, b) background pixels; after the
 * quickselect, every value above kthBg is in H and the remaining H slots hold ties equal to kthBg,
 * so sums over H need no full sort (and ties are split exactly, whichever tied pixel is "in").
 */
function weightedFp(
  bg: Float64Array,
  f: number,
  kthBg: number | null,
  t: number,
  eps: number,
  fpMain: number,
  fpBias: number,
): WeightedFp {
  const b = bg.length;
  if (f >= b) return { fpMainW: fpMain, fpBiasW: fpBias }; // H is all of the background
  if (f === 0 || kthBg === null) return { fpMainW: eps * fpMain, fpBiasW: eps * fpBias };
  let hMain = 0;
  let hBias = 0;
  let above = 0;
  for (let i = 0; i < b; i++) {
    const v = bg[i];
    if (v > kthBg) {
      above++;
      if (v > t) hMain += v;
      else hBias += v;
    }
  }
  const tiesInH = f - above;
  if (kthBg > t) hMain += tiesInH * kthBg;
  else hBias += tiesInH * kthBg;
  return {
    fpMainW: hMain + eps * (fpMain - hMain),
    fpBiasW: hBias + eps * (fpBias - hBias),
  };
}
