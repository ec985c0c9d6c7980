/**
 * Irregular blob lesions: a star-shaped outline r(θ) = r0·(1 + Σ a_h·cos(hθ − φ_h)), h = 2..4,
 * with a soft intensity edge and a binary mask of the pixel centres strictly inside r(θ).
 */
import type { Rng } from './random';
import { discInside, smooth01, type Ellipse } from './shapes';

interface Harmonic {
  order: number;
  amp: number;
  cos: number;
  sin: number;
}

export interface Lesion {
  cx: number;
  cy: number;
  r0: number;
  harmonics: Harmonic[];
  /** Upper bound of r(θ), used for placement and the raster bounding box. */
  rMax: number;
}

/** Width in px over which lesion intensity falls from full to none, centred on the outline. */
const EDGE_PX = 2;
const HARMONICS = [2, 3, 4];
const PLACEMENT_TRIES = 40;

function makeShape(rng: Rng, area: number): Omit<Lesion, 'cx' | 'cy'> {
  // Amplitudes shrink with order so outlines stay lumpy rather than spiky; Σ a_h ≤ 0.54 keeps r ≥ 0.46·r0.
  const harmonics = HARMONICS.map((h) => {
    const phase = rng.range(0, 2 * Math.PI);
    return { order: h, amp: (rng.range(0.05, 0.25) * 2) / h, cos: Math.cos(phase), sin: Math.sin(phase) };
  });
  // The area of r(θ) is π·r0²·(1 + ½Σa_h²); solve for r0 so the blob has the requested area.
  const ampSq = harmonics.reduce((s, c) => s + c.amp * c.amp, 0);
  const r0 = Math.sqrt(area / (Math.PI * (1 + ampSq / 2)));
  const rMax = r0 * (1 + harmonics.reduce((s, c) => s + c.amp, 0));
  return { r0, harmonics, rMax };
}

/**
 * Shapes with the given areas (px²), placed inside the body and apart from each other when they
 * fit; otherwise overlap is allowed, and as a last resort only the image bounds are respected.
 * Centres are continuous, so the expected pixel count of a lesion equals its area.
 */
export function placeLesions(rng: Rng, areas: number[], body: Ellipse, size: number): Lesion[] {
  const placed: Lesion[] = [];
  // Largest first: it is the hardest to fit.
  const shapes = areas.map((a) => makeShape(rng, a)).sort((p, q) => q.rMax - p.rMax);
  for (const shape of shapes) {
    const clear = (x: number, y: number): boolean =>
      placed.every((o) => Math.hypot(x - o.cx, y - o.cy) > shape.rMax + o.rMax + 1);
    let spot: [number, number] | null = null;
    for (let t = 0; t < 2 * PLACEMENT_TRIES && spot === null; t++) {
      const x = rng.range(0, size);
      const y = rng.range(0, size);
      const apartOk = t >= PLACEMENT_TRIES || clear(x, y);
      if (apartOk && discInside(body, x, y, shape.rMax, 1.5)) spot = [x, y];
    }
    if (spot === null) {
      const lo = Math.min(shape.rMax, size / 2);
      const clamp = (v: number): number => Math.min(size - lo, Math.max(lo, v));
      spot = [clamp(body.cx + rng.range(-2, 2)), clamp(body.cy + rng.range(-2, 2))];
    }
    placed.push({ cx: spot[0], cy: spot[1], ...shape });
  }
  return placed;
}

/**
 * Rasterises lesions, radii multiplied by `scale`, into `alpha` (soft coverage, max over lesions)
 * and `mask` (0/1). Both arrays must be zero on entry. Returns the number of foreground pixels.
 */
function rasterize(lesions: Lesion[], size: number, scale: number, alpha: Float64Array, mask: Float32Array): number {
  let count = 0;
  for (const l of lesions) {
    const r0 = l.r0 * scale;
    const reach = l.rMax * scale + EDGE_PX;
    const x0 = Math.max(0, Math.floor(l.cx - reach));
    const x1 = Math.min(size - 1, Math.ceil(l.cx + reach));
    const y0 = Math.max(0, Math.floor(l.cy - reach));
    const y1 = Math.min(size - 1, Math.ceil(l.cy + reach));
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const dx = x + 0.5 - l.cx;
        const dy = y + 0.5 - l.cy;
        const d = Math.sqrt(dx * dx + dy * dy);
        // cos/sin of hθ by the Chebyshev recurrence from cos θ, sin θ: no atan2, no per-pixel trig.
        const c1 = d > 0 ? dx / d : 1;
        const s1 = d > 0 ? dy / d : 0;
        let cPrev = 1;
        let sPrev = 0;
        let c = c1;
        let s = s1;
        let h = 1;
        let wobble = 1;
        for (const hm of l.harmonics) {
          while (h < hm.order) {
            const cNext = 2 * c1 * c - cPrev;
            const sNext = 2 * c1 * s - sPrev;
            cPrev = c;
            sPrev = s;
            c = cNext;
            s = sNext;
            h++;
          }
          wobble += hm.amp * (c * hm.cos + s * hm.sin);
        }
        const sd = d - r0 * wobble;
        const i = y * size + x;
        const a = smooth01(0.5 - sd / EDGE_PX);
        if (a > alpha[i]) alpha[i] = a;
        if (sd < 0 && mask[i] === 0) {
          mask[i] = 1;
          count++;
        }
      }
    }
  }
  return count;
}

/** Shortfall below which overlap or clipping is compensated, and the area it is trusted from. */
const SHORTFALL = 0.92;
const MIN_CORRECTED_PX = 64;

/**
 * Soft coverage and binary mask of the lesions. Where lesions had to overlap or were clipped (large
 * fractions, several lesions), the union falls short of the intended area, so all radii are grown
 * together until it does not. Small totals are left alone: there the shortfall is lattice noise,
 * which is unbiased on average, and correcting it would bias the dataset mean upwards.
 */
export function renderLesions(
  lesions: Lesion[],
  size: number,
  intendedArea: number,
): { alpha: Float64Array; mask: Float32Array; count: number } {
  const alpha = new Float64Array(size * size);
  const mask = new Float32Array(size * size);
  let scale = 1;
  let count = rasterize(lesions, size, scale, alpha, mask);
  for (let it = 0; it < 4 && intendedArea >= MIN_CORRECTED_PX && count < SHORTFALL * intendedArea; it++) {
    scale = Math.min(1.6, scale * Math.sqrt(intendedArea / Math.max(count, 1)));
    alpha.fill(0);
    mask.fill(0);
    count = rasterize(lesions, size, scale, alpha, mask);
  }
  return { alpha, mask, count };
}
