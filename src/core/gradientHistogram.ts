import { isForeground } from './decompose';
import { binEdge, openBelowBin } from './histogram';

/**
 * Where a loss pushes, kept per logged step so the BG-bias share can be re-read at any t later:
 * Σ|∂L/∂z| of background pixels binned by p with the same (lo, hi] bins as the prediction
 * histogram, plus the total over all pixels. At a bin edge t the BG-bias share
 * Σ_{BG, p ≤ t} g / Σ g is exact (docs/design.md §1.3).
 */
export interface GradientHistogram {
  bins: number;
  /** Σ g of background pixels per p bin (lo, hi]; p = 0 is kept apart in bgZero. */
  bgSum: Float64Array;
  bgZero: number;
  /** Σ g over every pixel (both classes). */
  total: number;
}

export function gradientHistogram(
  g: ArrayLike<number>,
  p: ArrayLike<number>,
  y: ArrayLike<number>,
  bins = 1000,
): GradientHistogram {
  if (g.length !== p.length || p.length !== y.length)
    throw new RangeError(`g, p and y differ in length: ${g.length}, ${p.length}, ${y.length}`);
  const bgSum = new Float64Array(bins);
  let bgZero = 0;
  let total = 0;
  for (let i = 0; i < p.length; i++) {
    total += g[i];
    if (isForeground(y[i])) continue;
    if (p[i] === 0) bgZero += g[i];
    else bgSum[openBelowBin(p[i], bins)] += g[i];
  }
  return { bins, bgSum, bgZero, total };
}

/**
 * BG-bias share at t: background pixels with p ≤ t. Exact when t is a bin edge; inside a bin the
 * bin is split in proportion (uniform within the bin), like the prediction histogram's curves.
 */
export function bgBiasShareAt(h: GradientHistogram, t: number): number {
  if (!(h.total > 0)) return 0;
  const { bins } = h;
  const rounded = Math.round(t * bins);
  const cut = binEdge(rounded, bins) === t ? rounded : Math.min(bins, Math.max(0, t * bins));
  const whole = Math.floor(cut);
  let below = h.bgZero;
  for (let j = 0; j < whole; j++) below += h.bgSum[j];
  if (whole < bins && cut > whole) below += (cut - whole) * h.bgSum[whole];
  return below / h.total;
}
