/**
 * The CBL losses of one image written out term by term (docs/design.md §1.3–1.4), in float64 and
 * O(N) (one quickselect per k-th largest value), with no tfjs: the numbers the equation panel shows
 * next to Intra-CBL, Inter-CBL, the Balance loss and Algorithm 1's switch test.
 */
import { kthLargestInPlace } from './select';
import type { EpsSetting } from './types';

/** p̃ = clamp(p, 1e−7, 1 − 1e−7) (docs/design.md §1.3). */
export const P_MIN = 1e-7;
export const clampP = (p: number): number => Math.min(1 - P_MIN, Math.max(P_MIN, p));

/** A group of pixels: its size, Σ ℓ and mean ℓ (a mean over an empty group is 0). */
export interface GroupStat {
  count: number;
  sumCE: number;
  meanCE: number;
}

export interface IntraTerms {
  tHard: number;
  /** FG hard p̃ ≤ t_h, FG easy p̃ > t_h, BG hard 1 − p̃ ≤ t_h, BG easy 1 − p̃ > t_h. */
  groups: { fgHard: GroupStat; fgEasy: GroupStat; bgHard: GroupStat; bgEasy: GroupStat };
  /** Sum of the four group means. */
  value: number;
}

export interface InterTerms {
  /** The setting the loss uses; `epsEquivalent` is the ε it amounts to (f/N under 'reference'). */
  eps: EpsSetting;
  epsEquivalent: number;
  f: number;
  b: number;
  N: number;
  /** |H| = min(f, b) hardest background pixels (largest p̃), |E| = b − |H|. */
  h: number;
  e: number;
  fgSum: number;
  fgMean: number;
  hSum: number;
  hMean: number;
  eSum: number;
  /** Σ_BG ℓ (the f = 0 form's numerator). */
  bgSum: number;
  /** The authors' form: mean_FG ℓ + mean_H ℓ + Σ_E ℓ / N (f = 0: Σ_BG ℓ / N). */
  valueReference: number;
  /** The ε form: mean_FG ℓ + (Σ_H ℓ + ε Σ_E ℓ)/|H| at ε = epsEquivalent (f = 0: Σ_BG ℓ / N; b = 0: mean_FG ℓ). */
  valueEps: number;
  /** The loss in use: valueReference under 'reference', else valueEps. */
  value: number;
}

export interface LossTerms {
  intra: IntraTerms;
  inter: InterTerms;
  balance: { a: number; value: number };
}

export interface LossTermsOptions {
  /** Intra-CBL's hard-sample threshold t_h (default 0.9). */
  tHard?: number;
  /** Inter-CBL's ε: a number in [0, 1] or the authors' 'reference' (default). */
  eps?: EpsSetting;
  /** Balance loss mix a (default 0.5). */
  a?: number;
}

const stat = (count: number, sumCE: number): GroupStat => ({ count, sumCE, meanCE: count > 0 ? sumCE / count : 0 });

/** One pass over the pixels: class sizes, Σ ℓ per Intra-CBL group and per class, and the background p̃. */
interface PixelScan {
  f: number;
  b: number;
  /** p̃ of every background pixel (selected from in place for H). */
  bg: Float64Array;
  /** Per group, in the order fgHard, fgEasy, bgHard, bgEasy. */
  counts: number[];
  sums: number[];
  fgSum: number;
  bgSum: number;
}

function scanPixels(p: ArrayLike<number>, y: ArrayLike<number>, tHard: number): PixelScan {
  const N = p.length;
  let f = 0;
  for (let i = 0; i < N; i++) if (y[i] > 0.5) f++;
  const b = N - f;
  const bg = new Float64Array(b);
  const counts = [0, 0, 0, 0];
  const sums = [0, 0, 0, 0];
  let fgSum = 0;
  let bgSum = 0;
  for (let i = 0, j = 0; i < N; i++) {
    const q = clampP(p[i]);
    if (y[i] > 0.5) {
      const ce = -Math.log(q);
      const g = q <= tHard ? 0 : 1;
      counts[g]++;
      sums[g] += ce;
      fgSum += ce;
    } else {
      const ce = -Math.log(1 - q);
      const g = 1 - q <= tHard ? 2 : 3;
      counts[g]++;
      sums[g] += ce;
      bgSum += ce;
      bg[j++] = q;
    }
  }
  return { f, b, bg, counts, sums, fgSum, bgSum };
}

function intraTerms({ counts, sums }: PixelScan, tHard: number): IntraTerms {
  const groups = {
    fgHard: stat(counts[0], sums[0]),
    fgEasy: stat(counts[1], sums[1]),
    bgHard: stat(counts[2], sums[2]),
    bgEasy: stat(counts[3], sums[3]),
  };
  const value = groups.fgHard.meanCE + groups.fgEasy.meanCE + groups.bgHard.meanCE + groups.bgEasy.meanCE;
  return { tHard, groups, value };
}

/**
 * Σ ℓ over H, the top h background pixels by p̃. Every value above the h-th largest is in H and
 * the remaining slots hold ties equal to it (equal p̃, equal ℓ), so no full sort is needed.
 */
function hardBackgroundSum(bg: Float64Array, h: number, bgSum: number): number {
  if (h === bg.length) return bgSum;
  if (h === 0) return 0;
  const kth = kthLargestInPlace(bg, h);
  let hSum = 0;
  let above = 0;
  for (let i = 0; i < bg.length; i++) {
    if (bg[i] > kth) {
      above++;
      hSum += -Math.log(1 - bg[i]);
    }
  }
  return hSum + (h - above) * -Math.log(1 - kth);
}

function interTerms(scan: PixelScan, N: number, eps: EpsSetting): InterTerms {
  const { f, b, fgSum, bgSum } = scan;
  const h = Math.min(f, b);
  const hSum = hardBackgroundSum(scan.bg, h, bgSum);
  const e = b - h;
  const eSum = bgSum - hSum;
  const fgMean = f > 0 ? fgSum / f : 0;
  const hMean = h > 0 ? hSum / h : 0;
  const epsEquivalent = eps === 'reference' ? (N > 0 ? f / N : 0) : eps;
  const noFg = N > 0 ? bgSum / N : 0;
  const valueReference = f === 0 ? noFg : fgMean + hMean + eSum / N;
  // b = 0 (H empty, f ≥ 1): there is no background term.
  const valueEps = f === 0 ? noFg : fgMean + (h > 0 ? (hSum + epsEquivalent * eSum) / h : 0);
  const value = eps === 'reference' ? valueReference : valueEps;
  return {
    eps,
    epsEquivalent,
    f,
    b,
    N,
    h,
    e,
    fgSum,
    fgMean,
    hSum,
    hMean,
    eSum,
    bgSum,
    valueReference,
    valueEps,
    value,
  };
}

/** Intra-CBL, Inter-CBL (both forms) and the Balance loss for one image (docs/design.md §1.3). */
export function lossTerms(p: ArrayLike<number>, y: ArrayLike<number>, opts: LossTermsOptions = {}): LossTerms {
  if (p.length !== y.length) throw new RangeError(`p has ${p.length} values but y has ${y.length}`);
  const tHard = opts.tHard ?? 0.9;
  const eps = opts.eps ?? 'reference';
  const a = opts.a ?? 0.5;
  if (eps !== 'reference' && !(eps >= 0 && eps <= 1))
    throw new RangeError(`eps must be in [0, 1] or 'reference', got ${eps}`);
  const scan = scanPixels(p, y, tHard);
  const intra = intraTerms(scan, tHard);
  const inter = interTerms(scan, p.length, eps);
  return { intra, inter, balance: { a, value: a * intra.value + (1 - a) * inter.value } };
}

/** One side of Algorithm 1's test for one image: the f-th largest value and whether it passes. */
export interface SwitchSide {
  kth: number;
  ok: boolean;
}

export interface SwitchFlags {
  f: number;
  /** Rule 'code': f-th largest of y·(1 − p̃) ≤ 1 − t_h; f-th largest of (1 − y)·p̃ ≤ 1 − t_h. */
  code: { fg: SwitchSide; bg: SwitchSide };
  /** Rule 'algorithm1': f-th largest of y·p̃ ≥ t_h; f-th largest of (1 − y)(1 − p̃) ≥ t_h. */
  algorithm1: { fg: SwitchSide; bg: SwitchSide };
}

/**
 * Algorithm 1's per-image flags under both rules (docs/design.md §1.4), each f-th largest taken
 * over all N pixels of the masked product, as the authors' code does. An image with f = 0 passes
 * both tests (kth reported as 0). Counting these over a batch gives numF, numB.
 */
export function switchFlags(p: ArrayLike<number>, y: ArrayLike<number>, tHard = 0.9): SwitchFlags {
  if (p.length !== y.length) throw new RangeError(`p has ${p.length} values but y has ${y.length}`);
  const N = p.length;
  let f = 0;
  for (let i = 0; i < N; i++) if (y[i] > 0.5) f++;
  const kthOf = (value: (q: number, fg: boolean) => number): number => {
    if (f === 0) return 0;
    const v = new Float64Array(N);
    for (let i = 0; i < N; i++) v[i] = value(clampP(p[i]), y[i] > 0.5);
    return kthLargestInPlace(v, f);
  };
  const le = (kth: number): SwitchSide => ({ kth, ok: f === 0 || kth <= 1 - tHard });
  const ge = (kth: number): SwitchSide => ({ kth, ok: f === 0 || kth >= tHard });
  return {
    f,
    code: { fg: le(kthOf((q, fg) => (fg ? 1 - q : 0))), bg: le(kthOf((q, fg) => (fg ? 0 : q))) },
    algorithm1: { fg: ge(kthOf((q, fg) => (fg ? q : 0))), bg: ge(kthOf((q, fg) => (fg ? 0 : 1 - q))) },
  };
}
