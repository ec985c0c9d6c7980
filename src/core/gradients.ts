/**
 * Where a loss pushes (docs/design.md §1.3): per-pixel g_i = |∂L/∂z_i| with p = σ(z), in closed
 * form and float64, for every registered loss. The four-group share of it is this project's own
 * measure, not the authors' `gard` logging (which records mean p over the background, Σ_BG p / f
 * and mean 1 − p over the foreground, under no_grad, with no main/bias split).
 *
 * Free of TensorFlow.js on purpose (directly and through its imports): the main thread recomputes
 * these on every slider move from cached predictions, without loading tfjs. Each formula mirrors
 * the tfjs loss of src/core exactly, so the numbers match autodiff of the real loss to float32
 * precision (tests/unit/gradients.test.ts checks that, and finite differences of a float64 reference):
 * - p is first rounded to float32 (the losses see float32 tensors), so group membership, ranks
 *   and ties are decided on the same values as in tfjs;
 * - the clamp p̃ = clamp(p, 1e−7, 1 − 1e−7) passes gradient only where LOW ≤ p ≤ HIGH, inclusive,
 *   as tfjs's ClipByValue gradient does; a clamped pixel gets g = 0 from the CE-based losses;
 * - CBL weights (group means, H membership with tie shares) are constants, as in the losses;
 * - per-image losses are averaged over the batch (1/n); Dice and Tversky are batch-level sums.
 *
 * For a CE loss Σ_i W_i ℓ_i: ∂ℓ/∂z = −(1 − p) on FG and p on BG (σ′ = p(1 − p) cancels 1/q), so
 * g_i = W_i (1 − p_i)/n on FG and W_i p_i/n on BG.
 */
import { isForeground } from './decompose';
import { BASELINE_CONSTANTS as K, CLAMP, lossIds, type LossId } from './lossInfo';
import { kthLargestInPlace } from './select';
import type { EpsSetting } from './types';

export type GradGroup = 'fgMain' | 'fgBias' | 'bgMain' | 'bgBias';
export const gradGroups: readonly GradGroup[] = ['fgMain', 'fgBias', 'bgMain', 'bgBias'];

export interface GradientOptions {
  /** Intra-CBL hard-sample threshold t_h. */
  tHard: number;
  /** Inter-CBL weight of easy background: a number in [0, 1] or 'reference'. */
  eps: EpsSetting;
  /** Balance loss mix a·Intra + (1 − a)·Inter. */
  a: number;
}

/** The clamp bounds as float32 holds them: tfjs compares float32 values with float32 bounds. */
const LOW = Math.fround(CLAMP);
const HIGH = Math.fround(1 - CLAMP);
const clamp = (v: number): number => (v < LOW ? LOW : v > HIGH ? HIGH : v);

/** The CE-family losses: gradient W_i·(1 − p) or W_i·p per unclamped pixel. */
type WeightedCeId = 'bce' | 'wce' | 'intra' | 'inter' | 'balance';

/** Mixing coefficients of the per-pixel CE weights; bce/wce need no per-image ranking. */
interface Mix {
  uniform: number;
  classMean: number;
  intra: number;
  inter: number;
}

function mixOf(id: WeightedCeId, a: number): Mix {
  switch (id) {
    case 'bce':
      return { uniform: 1, classMean: 0, intra: 0, inter: 0 };
    case 'wce':
      return { uniform: 0, classMean: 1, intra: 0, inter: 0 };
    case 'intra':
      return { uniform: 0, classMean: 0, intra: 1, inter: 0 };
    case 'inter':
      return { uniform: 0, classMean: 0, intra: 0, inter: 1 };
    case 'balance':
      return { uniform: 0, classMean: 0, intra: a, inter: 1 - a };
  }
}

const inv = (c: number): number => (c > 0 ? 1 / c : 0);

/**
 * Per-call buffers shared by all losses (nothing is allocated per pixel): p rounded to float32,
 * its clamp p̃, the foreground mask, and quickselect scratch for one image.
 */
interface Work {
  pf: Float64Array;
  pc: Float64Array;
  fg: Uint8Array;
  scratch: Float64Array;
}

function prepare(p: ArrayLike<number>, y: ArrayLike<number>, size: number): Work {
  const work: Work = {
    pf: new Float64Array(p.length),
    pc: new Float64Array(p.length),
    fg: new Uint8Array(p.length),
    scratch: new Float64Array(size),
  };
  for (let i = 0; i < p.length; i++) {
    // The values the tfjs losses see: float32 tensors.
    const v = Math.fround(p[i]);
    work.pf[i] = v;
    work.pc[i] = clamp(v);
    work.fg[i] = isForeground(y[i]) ? 1 : 0;
  }
  return work;
}

/**
 * One image of a weighted-CE loss. Weights mirror losses/cblWeightsCpu.ts: hard is q ≤ fround(t_h) with
 * q = p̃ on FG and fround(1 − p̃) on BG; H is the top k = min(f, b) background by p̃ with pixels tied
 * at the k-th value sharing the remaining slots; easy background weighs 1/N ('reference', or H
 * empty) or ε/|H| (numeric ε).
 */
function weightedCeImage(
  work: Work,
  start: number,
  size: number,
  n: number,
  mix: Mix,
  opts: GradientOptions,
  out: Float64Array,
): void {
  const { pf, pc: clamped, fg: isFg, scratch } = work;
  const end = start + size;
  const tHard = Math.fround(opts.tHard);
  let f = 0;
  let fgHard = 0;
  let bgHard = 0;
  for (let i = start; i < end; i++) {
    const pc = clamped[i];
    if (isFg[i]) {
      f++;
      if (pc <= tHard) fgHard++;
    } else {
      scratch[i - start - f] = pc;
      if (Math.fround(1 - pc) <= tHard) bgHard++;
    }
  }
  const b = size - f;
  // Inter-CBL's hard background H: the k-th largest clamped background value and its tie share.
  const k = Math.min(f, b);
  let kth = Infinity;
  let tiedShare = 0;
  if (mix.inter !== 0 && k > 0) {
    kth = kthLargestInPlace(scratch.subarray(0, b), k);
    let above = 0;
    let tied = 0;
    for (let i = start; i < end; i++) {
      if (isFg[i]) continue;
      const pc = clamped[i];
      if (pc > kth) above++;
      else if (pc === kth) tied++;
    }
    tiedShare = tied > 0 ? (k - above) / tied : 0;
  }
  const wH = inv(k);
  const wE = opts.eps === 'reference' || k === 0 ? 1 / size : opts.eps / k;
  const scale = 1 / n;
  const uniform = mix.uniform / size;
  const wFgClass = mix.classMean * 0.5 * inv(f);
  const wBgClass = mix.classMean * 0.5 * inv(b);
  const wFgHard = mix.intra * inv(fgHard);
  const wFgEasy = mix.intra * inv(f - fgHard);
  const wBgHard = mix.intra * inv(bgHard);
  const wBgEasy = mix.intra * inv(b - bgHard);
  const wFgInter = mix.inter * inv(f);
  for (let i = start; i < end; i++) {
    const p = pf[i];
    if (!(p >= LOW && p <= HIGH)) {
      out[i] = 0; // clamped: tfjs's ClipByValue passes no gradient
      continue;
    }
    let w: number;
    if (isFg[i]) {
      w = uniform + wFgClass + (p <= tHard ? wFgHard : wFgEasy) + wFgInter;
      out[i] = w * scale * (1 - p);
    } else {
      const h = p > kth ? 1 : p === kth ? tiedShare : 0;
      w = uniform + wBgClass + (Math.fround(1 - p) <= tHard ? wBgHard : wBgEasy) + mix.inter * (h * wH + (1 - h) * wE);
      out[i] = w * scale * p;
    }
  }
}

/**
 * Focal loss, mean over all n·N pixels of c·(1 − q)^γ·(−log q), q = p̃ (FG) or 1 − p̃ (BG), c = α or
 * 1 − α. |d/dz| = c/(nN)·[γ(1 − q)^(γ−1)(−log q)·p(1 − p) + (1 − q)^γ·p(1 − p)/q], and
 * p(1 − p)/q = 1 − p on FG, p on BG. Clamped pixels get 0.
 */
function focalInto({ pf, fg: isFg }: Work, out: Float64Array): void {
  const gamma = K.focalGamma;
  const alpha = K.focalAlpha;
  const scale = 1 / pf.length;
  for (let i = 0; i < pf.length; i++) {
    const p = pf[i];
    if (!(p >= LOW && p <= HIGH)) {
      out[i] = 0;
      continue;
    }
    const fg = isFg[i] === 1;
    const q = fg ? p : 1 - p;
    const c = fg ? alpha : 1 - alpha;
    const sigmoidSlope = p * (1 - p);
    const overQ = fg ? 1 - p : p;
    const rest = 1 - q;
    out[i] = c * scale * (gamma * rest ** (gamma - 1) * -Math.log(q) * sigmoidSlope + rest ** gamma * overQ);
  }
}

/**
 * Dice over the whole batch (unclamped p): L = 1 − ½(S_fg + S_bg), S_c = (2I_c + s)/D_c.
 * ∂S_fg/∂p_i = (2y_i − S_fg)/D_fg, ∂S_bg/∂p_i = −(2(1 − y_i) − S_bg)/D_bg.
 */
function diceInto({ pf, fg }: Work, out: Float64Array): void {
  const s = K.diceSmooth;
  let iFg = 0;
  let pFg = 0;
  let yFg = 0;
  let iBg = 0;
  let pBg = 0;
  for (let i = 0; i < pf.length; i++) {
    const p = pf[i];
    const m = fg[i];
    iFg += p * m;
    pFg += p;
    yFg += m;
    iBg += (1 - p) * (1 - m);
    pBg += 1 - p;
  }
  const dFg = pFg + yFg + s;
  const dBg = pBg + (pf.length - yFg) + s;
  const sFg = (2 * iFg + s) / dFg;
  const sBg = (2 * iBg + s) / dBg;
  for (let i = 0; i < pf.length; i++) {
    const p = pf[i];
    const m = fg[i];
    const dLdp = -0.5 * ((2 * m - sFg) / dFg - (2 * (1 - m) - sBg) / dBg);
    out[i] = Math.abs(dLdp) * p * (1 - p);
  }
}

/**
 * Tversky over the whole batch (unclamped p): L = 1 − A/B, A = TP + s, B = TP + αFP + βFN + s.
 * ∂L/∂p_i = −(B − A(1 − β))/B² on FG and A·α/B² on BG.
 */
function tverskyInto({ pf, fg }: Work, out: Float64Array): void {
  const { tverskyAlpha: alpha, tverskyBeta: beta, tverskySmooth: s } = K;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < pf.length; i++) {
    const p = pf[i];
    if (fg[i]) {
      tp += p;
      fn += 1 - p;
    } else {
      fp += p;
    }
  }
  const A = tp + s;
  const B = tp + alpha * fp + beta * fn + s;
  const fgSlope = Math.abs(B - A * (1 - beta)) / (B * B);
  const bgSlope = (A * alpha) / (B * B);
  for (let i = 0; i < pf.length; i++) {
    const p = pf[i];
    out[i] = (fg[i] ? fgSlope : bgSlope) * p * (1 - p);
  }
}

function validate(p: ArrayLike<number>, y: ArrayLike<number>, n: number, opts: GradientOptions): number {
  if (p.length !== y.length) throw new RangeError(`p has ${p.length} values but y has ${y.length}`);
  if (!Number.isInteger(n) || n < 1 || p.length % n !== 0)
    throw new RangeError(`n = ${n} does not split ${p.length} pixels into equal images`);
  if (opts.eps !== 'reference' && !(opts.eps >= 0 && opts.eps <= 1))
    throw new RangeError(`eps must be in [0, 1] or 'reference', got ${opts.eps}`);
  return p.length / n;
}

function gradientsInto(
  lossId: LossId,
  n: number,
  size: number,
  opts: GradientOptions,
  work: Work,
  out: Float64Array,
): void {
  switch (lossId) {
    case 'dice':
      return diceInto(work, out);
    case 'tversky':
      return tverskyInto(work, out);
    case 'focal':
      return focalInto(work, out);
    default: {
      const mix = mixOf(lossId, opts.a);
      for (let r = 0; r < n; r++) weightedCeImage(work, r * size, size, n, mix, opts, out);
    }
  }
}

/** Per-pixel |∂L/∂z| for one loss on n images given as flat arrays (image i = [i*size, (i+1)*size)). */
export function pixelGradients(
  lossId: LossId,
  p: ArrayLike<number>,
  y: ArrayLike<number>,
  n: number,
  opts: GradientOptions,
): Float64Array {
  const size = validate(p, y, n, opts);
  const work = prepare(p, y, size);
  const out = new Float64Array(p.length);
  gradientsInto(lossId, n, size, opts, work, out);
  return out;
}

const GROUP_CODE: Record<GradGroup, number> = { fgMain: 0, fgBias: 1, bgMain: 2, bgBias: 3 };

/** The group of each pixel at threshold t (docs/design.md §1.3): FG-main y=1 ∧ 1−p ≥ t, FG-bias y=1 ∧ 1−p < t, BG-main y=0 ∧ p > t, BG-bias y=0 ∧ p ≤ t. */
export function gradGroupOf(p: number, y: number, t: number): GradGroup {
  // The same comparisons as Eq. 1–2 and decompose(), on p as given.
  if (isForeground(y)) return 1 - p >= t ? 'fgMain' : 'fgBias';
  return p > t ? 'bgMain' : 'bgBias';
}

export interface GradientShares {
  fgMain: number;
  fgBias: number;
  bgMain: number;
  bgBias: number;
  /** Σ_all g_i, the raw total the shares divide. */
  total: number;
}

function groupCodes(p: ArrayLike<number>, y: ArrayLike<number>, t: number): Uint8Array {
  const codes = new Uint8Array(p.length);
  for (let i = 0; i < p.length; i++) {
    // gradGroupOf inlined (this runs per pixel on every slider move); the tests check they agree.
    const v = p[i];
    codes[i] = isForeground(y[i])
      ? 1 - v >= t
        ? GROUP_CODE.fgMain
        : GROUP_CODE.fgBias
      : v > t
        ? GROUP_CODE.bgMain
        : GROUP_CODE.bgBias;
  }
  return codes;
}

function sharesOf(g: ArrayLike<number>, codes: Uint8Array): GradientShares {
  const sums = [0, 0, 0, 0];
  for (let i = 0; i < g.length; i++) sums[codes[i]] += g[i];
  const total = sums[0] + sums[1] + sums[2] + sums[3];
  const share = (s: number): number => (total > 0 ? s / total : 0);
  return { fgMain: share(sums[0]), fgBias: share(sums[1]), bgMain: share(sums[2]), bgBias: share(sums[3]), total };
}

/** Σ_G g_i / Σ_all g_i for the four groups at threshold t; all shares 0 when Σ g = 0. */
export function gradientShares(
  g: ArrayLike<number>,
  p: ArrayLike<number>,
  y: ArrayLike<number>,
  t: number,
): GradientShares {
  if (g.length !== p.length || p.length !== y.length)
    throw new RangeError(`g, p and y differ in length: ${g.length}, ${p.length}, ${y.length}`);
  return sharesOf(g, groupCodes(p, y, t));
}

/** Shares of several losses' gradients at t and each group's pixel count, grouping the pixels once (every t move). */
export function sharesOfEach<K extends string>(
  grads: Record<K, ArrayLike<number>>,
  p: ArrayLike<number>,
  y: ArrayLike<number>,
  t: number,
): { shares: Record<K, GradientShares>; counts: Record<GradGroup, number> } {
  const codes = groupCodes(p, y, t);
  const shares = {} as Record<K, GradientShares>;
  for (const id of Object.keys(grads) as K[]) {
    if (grads[id].length !== p.length) throw new RangeError(`g has ${grads[id].length} values, p ${p.length}`);
    shares[id] = sharesOf(grads[id], codes);
  }
  const tally = [0, 0, 0, 0];
  for (let i = 0; i < codes.length; i++) tally[codes[i]]++;
  return { shares, counts: { fgMain: tally[0], fgBias: tally[1], bgMain: tally[2], bgBias: tally[3] } };
}

/** Shares of every registered loss on the same predictions, in lossIds order. */
export function allGradientShares(
  p: ArrayLike<number>,
  y: ArrayLike<number>,
  n: number,
  t: number,
  opts: GradientOptions,
): Record<LossId, GradientShares> {
  const size = validate(p, y, n, opts);
  // One set of buffers and one group pass for all losses: this runs on every slider move.
  const work = prepare(p, y, size);
  const codes = groupCodes(p, y, t);
  const g = new Float64Array(p.length);
  const out = {} as Record<LossId, GradientShares>;
  for (const id of lossIds) {
    gradientsInto(id, n, size, opts, work, g);
    out[id] = sharesOf(g, codes);
  }
  return out;
}
