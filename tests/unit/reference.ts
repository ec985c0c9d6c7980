/**
 * Naive float64 reference implementations written straight from docs/design.md §1, independent of
 * src/core: sorts instead of selection, loops instead of weight maps. Tests compare src/core
 * against these on random inputs.
 */
// The clamp bounds as float32 sees them, since the tensors under test are float32.
const LOW = Math.fround(1e-7);
const HIGH = Math.fround(1 - 1e-7);
const clamp = (v: number): number => Math.min(HIGH, Math.max(LOW, v));
const mean = (xs: number[]): number => (xs.length ? xs.reduce((s, v) => s + v, 0) / xs.length : 0);
const sum = (xs: number[]): number => xs.reduce((s, v) => s + v, 0);
const isFg = (label: number): boolean => label > 0.5;

export function refDecompose(p: number[], y: number[], t: number, eps?: number) {
  const bg = p.filter((_, i) => !isFg(y[i]));
  const fgErr = p.filter((_, i) => isFg(y[i])).map((v) => 1 - v);
  const f = fgErr.length;
  const b = bg.length;
  const fpHard = bg.filter((v) => v > t).length;
  const fnHard = fgErr.filter((e) => e >= t).length;
  const fpMain = sum(bg.filter((v) => v > t));
  const fpBias = sum(bg.filter((v) => v <= t));
  const fnMain = sum(fgErr.filter((e) => e >= t));
  const fnBias = sum(fgErr.filter((e) => e < t));
  const sorted = [...bg].sort((a, c) => c - a);
  const kthBg = f >= 1 && f <= b ? sorted[f - 1] : null;
  const out = {
    f,
    b,
    fpHard,
    fnHard,
    fpSoft: sum(bg),
    fnSoft: sum(fgErr),
    fpMain,
    fpBias,
    fnMain,
    fnBias,
    eBgAbove: fpHard ? fpMain / fpHard : 0,
    eBgBelow: b - fpHard ? fpBias / (b - fpHard) : 0,
    eFgBelow: fnHard ? fnMain / fnHard : 0,
    eFgAbove: f - fnHard ? fnBias / (f - fnHard) : 0,
    kthBg,
    mainAltered: fpHard > f,
    // §1.4b: the paper prints Eq. 12 when the f-th largest background prediction is ≥ t.
    eq12: kthBg !== null && kthBg >= t,
  };
  if (eps === undefined) return out;
  const w = sorted.map((_, r) => (r < Math.min(f, b) ? 1 : eps));
  return {
    ...out,
    fpMainW: sum(sorted.map((v, r) => (v > t ? w[r] * v : 0))),
    fpBiasW: sum(sorted.map((v, r) => (v <= t ? w[r] * v : 0))),
  };
}

/** One image's pixels as {p̃, ℓ} split by class. */
function pixels(p: number[], y: number[]) {
  const fg: { pc: number; ce: number }[] = [];
  const bg: { pc: number; ce: number }[] = [];
  p.forEach((v, i) => {
    const pc = clamp(v);
    if (isFg(y[i])) fg.push({ pc, ce: -Math.log(pc) });
    else bg.push({ pc, ce: -Math.log(1 - pc) });
  });
  return { fg, bg };
}

type PerImage = (p: number[], y: number[]) => number;

/** Split flat batch arrays into images and average a per-image loss. */
export function batchMean(perImage: PerImage, p: number[], y: number[], n: number): number {
  const size = p.length / n;
  let total = 0;
  for (let i = 0; i < n; i++) total += perImage(p.slice(i * size, (i + 1) * size), y.slice(i * size, (i + 1) * size));
  return total / n;
}

export const refIntra =
  (tHard = 0.9): PerImage =>
  (p, y) => {
    const { fg, bg } = pixels(p, y);
    return (
      mean(fg.filter((q) => q.pc <= tHard).map((q) => q.ce)) +
      mean(fg.filter((q) => q.pc > tHard).map((q) => q.ce)) +
      mean(bg.filter((q) => 1 - q.pc <= tHard).map((q) => q.ce)) +
      mean(bg.filter((q) => 1 - q.pc > tHard).map((q) => q.ce))
    );
  };

export const refInter =
  (eps: number | 'reference' = 'reference'): PerImage =>
  (p, y) => {
    const { fg, bg } = pixels(p, y);
    const sorted = [...bg].sort((a, c) => c.pc - a.pc);
    const k = Math.min(fg.length, bg.length);
    const hard = sorted.slice(0, k).map((q) => q.ce);
    const easy = sorted.slice(k).map((q) => q.ce);
    const fgTerm = mean(fg.map((q) => q.ce));
    // H empty (f = 0, or b = 0 where there is no background at all): Σ_BG ℓ / N, whatever ε.
    if (k === 0) return fgTerm + sum(easy) / p.length;
    if (eps === 'reference') return fgTerm + mean(hard) + sum(easy) / p.length;
    return fgTerm + (sum(hard) + eps * sum(easy)) / k;
  };

export const refBalance =
  (tHard = 0.9, eps: number | 'reference' = 'reference', a = 0.5): PerImage =>
  (p, y) =>
    a * refIntra(tHard)(p, y) + (1 - a) * refInter(eps)(p, y);

export const refBce: PerImage = (p, y) => {
  const { fg, bg } = pixels(p, y);
  return sum([...fg, ...bg].map((q) => q.ce)) / p.length;
};

export const refWce: PerImage = (p, y) => {
  const { fg, bg } = pixels(p, y);
  return 0.5 * mean(fg.map((q) => q.ce)) + 0.5 * mean(bg.map((q) => q.ce));
};

/** A loss over a whole flat batch of n images. */
export type BatchLoss = (p: number[], y: number[], n: number) => number;

/** The batch mean of a per-image loss, as a BatchLoss. */
export const perImage =
  (loss: PerImage): BatchLoss =>
  (p, y, n) =>
    batchMean(loss, p, y, n);

/** Dice over the whole batch (n does not matter): 1 − mean of the FG and BG soft Dice, s = 1e−5. */
export const refDice: BatchLoss = (p, y) => {
  const s = 1e-5;
  const score = (pc: number[], yc: number[]): number =>
    (2 * sum(pc.map((v, i) => v * yc[i])) + s) / (sum(pc) + sum(yc) + s);
  const yFg = y.map((v) => (isFg(v) ? 1 : 0));
  return (
    1 -
    0.5 *
      (score(p, yFg) +
        score(
          p.map((v) => 1 - v),
          yFg.map((v) => 1 - v),
        ))
  );
};

/** Tversky with soft TP/FP/FN summed over the whole batch (n does not matter). */
export const refTversky: BatchLoss = (p, y) => {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  p.forEach((v, i) => {
    if (isFg(y[i])) {
      tp += v;
      fn += 1 - v;
    } else fp += v;
  });
  return 1 - (tp + 1) / (tp + 0.3 * fp + 0.7 * fn + 1);
};

export const refFocal: PerImage = (p, y) => {
  const { fg, bg } = pixels(p, y);
  const terms = [...fg.map((q) => 0.25 * (1 - q.pc) ** 2 * q.ce), ...bg.map((q) => 0.75 * q.pc ** 2 * q.ce)];
  return sum(terms) / p.length;
};

/** Algorithm 1 switch test per docs/design.md §1.4, by sorting each image. */
export function refStage(p: number[], y: number[], n: number, tHard: number, rule: 'code' | 'algorithm1') {
  const size = p.length / n;
  let numF = 0;
  let numB = 0;
  for (let i = 0; i < n; i++) {
    const pi = p.slice(i * size, (i + 1) * size).map(clamp);
    const yi = y.slice(i * size, (i + 1) * size).map((v) => (isFg(v) ? 1 : 0));
    const f = sum(yi);
    if (f === 0) {
      numF++;
      numB++;
      continue;
    }
    const kth = (xs: number[]) => [...xs].sort((a, c) => c - a)[f - 1];
    if (rule === 'code') {
      if (kth(pi.map((v, j) => yi[j] * (1 - v))) <= 1 - tHard) numF++;
      if (kth(pi.map((v, j) => (1 - yi[j]) * v)) <= 1 - tHard) numB++;
    } else {
      if (kth(pi.map((v, j) => yi[j] * v)) >= tHard) numF++;
      if (kth(pi.map((v, j) => (1 - yi[j]) * (1 - v))) >= tHard) numB++;
    }
  }
  return { numF, numB, n, converged: numF >= n / 2 && numB >= n / 2 };
}
