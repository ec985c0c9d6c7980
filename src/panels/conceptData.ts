/**
 * Deterministic "concept" predictions for the Fig. 2 panels: no model, no randomness, just evenly
 * spaced quantiles of Kumaraswamy distributions, so that two sliders (class ratio, quality) show
 * the paper's point without training anything.
 *
 * Kumaraswamy(a, k) on (0, 1): CDF F(x) = 1 − (1 − x^a)^k, inverse x = (1 − (1 − u)^{1/k})^{1/a}.
 * Every quantile moves toward 0 as k rises or a falls, so every parameter below is monotone in
 * `quality` and so is every predicted error (higher quality → lower FP_soft and FN_soft, pixel by pixel).
 *
 * Background = two zones, each at evenly spaced quantiles u_i = (i + 0.5)/n of its own Kumaraswamy:
 * - the *boundary ring*: ⌈f/2⌉ pixels around the object (capped at b). Its size follows the object,
 *   not the image, which is where a segmentation net's confident false positives live;
 * - the *far background*: the other b − ring pixels, an easy zone whose predictions sit near 0.
 *
 * What "the main term does not depend on the class ratio" (Eq. 9) means here: raising the ratio
 * adds far-background pixels only. At quality ≳ 0.35 and t = 0.5 none of them reaches t (the top
 * quantile of the far zone stays below 0.5 even at b = 200 000), so the pixels above t — and hence
 * e_bg^{>t}, FP_hard and FP_main = e_bg^{>t}·FP_hard — are exactly the same at every ratio (also at
 * any t > 0.5, which only removes pixels from above t; tests/unit/scenarioClaims.test.ts checks t ≥ 0.5,
 * quality ≥ 0.35 and ratios 1–1000). At t = 0.5, FP_hard is also what the test metric counts (it
 * cuts at p > 0.5), so this is the part of FP_soft that is a real error. The bias
 * e_bg^{≤t}·(b − FP_hard) is a sum over the b − FP_hard small predictions and grows linearly with
 * b. At poor quality the far zone does cross t, so FP_hard grows with b too; that is honest (a
 * poor model makes real false positives everywhere) and it is when Inter-CBL's ε alters the main
 * term (Eq. 12, FP_hard > f).
 */
export interface ConceptParams {
  /** b/f, 1..1000. */
  ratio: number;
  /** 0..1: 0 = poor predictions, 1 = near-perfect. */
  quality: number;
  /** Foreground pixels, default 200. */
  f?: number;
}

/** f/N of the concept data: the numeric ε at which Inter-CBL equals the authors' 'reference' loss on it. */
export function conceptFgFraction(c: Pick<ConceptParams, 'ratio' | 'f'>): number {
  const f = Math.max(0, Math.round(c.f ?? 200));
  const b = Math.round(Math.min(1000, Math.max(1, c.ratio)) * f);
  return f + b > 0 ? f / (f + b) : 0;
}

/** Inverse CDF of Kumaraswamy(a, k). */
export function kumaraswamyQuantile(u: number, a: number, k: number): number {
  return Math.pow(1 - Math.pow(1 - u, 1 / k), 1 / a);
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/** Parameters as functions of quality (monotone: a falls, k rises → mass toward 0). */
export function conceptShapes(quality: number) {
  const q = clamp01(quality);
  return {
    /** Boundary ring background p, and foreground error 1 − p (the same hard-zone shape). */
    hard: { a: 2.5 - 1.5 * q, k: 1 + 7 * q },
    /** Far background p: mean 1/(1 + k), from 0.2 (q = 0) to 0.02 (q = 1). */
    far: { a: 1, k: 4 + 45 * q },
  };
}

function fillQuantiles(out: Float32Array, offset: number, n: number, a: number, k: number, mirror: boolean) {
  for (let i = 0; i < n; i++) {
    const x = kumaraswamyQuantile((i + 0.5) / n, a, k);
    out[offset + i] = mirror ? 1 - x : x;
  }
}

/** Foreground first (y = 1), then the boundary ring and the far background (y = 0). */
export function conceptPredictions(c: ConceptParams): { p: Float32Array; y: Float32Array } {
  const f = Math.max(0, Math.round(c.f ?? 200));
  const ratio = Math.min(1000, Math.max(1, c.ratio));
  const b = Math.round(ratio * f);
  const ring = Math.min(b, Math.ceil(f / 2));
  const shapes = conceptShapes(c.quality);
  const p = new Float32Array(f + b);
  const y = new Float32Array(f + b);
  y.fill(1, 0, f);
  fillQuantiles(p, 0, f, shapes.hard.a, shapes.hard.k, true);
  fillQuantiles(p, f, ring, shapes.hard.a, shapes.hard.k, false);
  fillQuantiles(p, f + ring, b - ring, shapes.far.a, shapes.far.k, false);
  return { p, y };
}
