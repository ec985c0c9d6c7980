import type { PredictionHistogram } from './histogram';

/**
 * The main/bias curves of a logged validation histogram at any t in O(1) per point, for the
 * history panel and the CSV export: the same numbers as decomposeFromHistogram (exact at bin
 * edges), plus the ε-weighted FP terms of Eq. 11–12 (docs/design.md §1.2).
 */
export interface HistogramCurves {
  fpMain: number;
  fpBias: number;
  fnMain: number;
  fnBias: number;
  /** Σ_{BG, p ≤ t} w·p with w = 1 on H and ε elsewhere; exact except inside the bin holding kthBg. */
  fpBiasW: number;
  /** ε-weighted FP main term (equals fpMain unless pixels above t fall outside H). */
  fpMainW: number;
}

/**
 * What a histogram determines independently of t, computed once per histogram: totals, suffix
 * sums (so each t costs O(1)) and where the top-f background pixels (the hard set H) begin.
 */
interface Prepared {
  h: PredictionHistogram;
  /** bgSuffix[j] = Σ_{k ≥ j} bgSum[k]; fgSuffix likewise for fgErrSum. Length bins + 1. */
  bgSuffix: Float64Array;
  fgSuffix: Float64Array;
  fpSoft: number;
  fnSoft: number;
  /**
   * Position in bin-index space above which the top min(f, b) background pixels lie (bin j spans
   * [j, j + 1)); a fractional position splits the f-th largest pixel's bin by count.
   */
  hPos: number;
}

const prepared = new WeakMap<PredictionHistogram, Prepared>();

export function prepareHistogram(h: PredictionHistogram): Prepared {
  const hit = prepared.get(h);
  if (hit) return hit;
  const { bins } = h;
  const bgSuffix = new Float64Array(bins + 1);
  const fgSuffix = new Float64Array(bins + 1);
  let f = h.fgErrOne;
  for (let j = bins - 1; j >= 0; j--) {
    bgSuffix[j] = bgSuffix[j + 1] + h.bgSum[j];
    fgSuffix[j] = fgSuffix[j + 1] + h.fgErrSum[j];
    f += h.fgCount[j];
  }
  // Walk the background bins from the top until f pixels are taken; if the bins run out first,
  // the rest of H is background p = 0, which adds nothing to any sum.
  let hPos = 0;
  let taken = 0;
  if (f === 0) hPos = bins;
  else {
    for (let j = bins - 1; j >= 0; j--) {
      const c = h.bgCount[j];
      if (taken + c >= f) {
        hPos = j + 1 - (f - taken) / c;
        break;
      }
      taken += c;
    }
  }
  const p: Prepared = { h, bgSuffix, fgSuffix, fpSoft: bgSuffix[0], fnSoft: fgSuffix[0] + h.fgErrOne, hPos };
  prepared.set(h, p);
  return p;
}

/** Sum of `values` at positions ≥ pos (bin-index space), a fractional bin split in proportion. */
function tailSum(suffix: Float64Array, values: Float64Array, pos: number): number {
  const whole = Math.ceil(pos);
  let s = suffix[whole];
  const frac = whole - pos;
  if (frac > 0 && whole >= 1) s += frac * values[whole - 1];
  return s;
}

/** The cut position of t, as decomposeFromHistogram chooses it (exact on a bin edge). */
export function cutOf(t: number, bins: number): number {
  const rounded = Math.round(t * bins);
  return rounded / bins === t ? rounded : Math.min(bins, Math.max(0, t * bins));
}

/** The curves of one histogram at threshold t with Inter-CBL weight ε on easy background. */
export function histogramCurves(h: PredictionHistogram, eps: number, t: number): HistogramCurves {
  const pr = prepareHistogram(h);
  const cut = cutOf(t, h.bins);
  const fpMain = tailSum(pr.bgSuffix, h.bgSum, cut);
  const fnMain = tailSum(pr.fgSuffix, h.fgErrSum, cut) + h.fgErrOne;
  const fpBias = pr.fpSoft - fpMain;
  const fnBias = pr.fnSoft - fnMain;
  const hSum = tailSum(pr.bgSuffix, h.bgSum, pr.hPos);
  const hAbove = tailSum(pr.bgSuffix, h.bgSum, Math.max(pr.hPos, cut));
  const hBias = hSum - hAbove;
  return {
    fpMain,
    fpBias,
    fnMain,
    fnBias,
    fpBiasW: hBias + eps * (fpBias - hBias),
    fpMainW: hAbove + eps * (fpMain - hAbove),
  };
}
