/**
 * Lesion-free "scan" background: a dark field, an elliptical body with a bright rim, smooth
 * tissue made of low-frequency sinusoids plus value noise, and one or two faint organ-like
 * regions. The organs are there so a network cannot segment lesions by a global threshold.
 */
import type { Rng } from './random';
import { ellipseSd, smooth01, type Ellipse } from './shapes';

export interface Tissue {
  /** size*size clean intensities, roughly in [0, 0.6]. */
  values: Float64Array;
  body: Ellipse;
}

const OUTSIDE = 0.04;
const TISSUE_BASE = 0.3;

function randomEllipse(rng: Rng, cx: number, cy: number, a: number, b: number): Ellipse {
  const angle = rng.range(0, Math.PI);
  return { cx, cy, a, b, cos: Math.cos(angle), sin: Math.sin(angle) };
}

/** Adds Σ amp·cos(kx·x + ky·y + φ), evaluated separably so the per-pixel cost has no trig. */
function addSinusoids(rng: Rng, size: number, out: Float64Array, terms: number, amp: number): void {
  const cx = new Float64Array(size);
  const sx = new Float64Array(size);
  const cy = new Float64Array(size);
  const sy = new Float64Array(size);
  for (let t = 0; t < terms; t++) {
    // 0.5..2.5 cycles per image: broad shading, never a visible stripe pattern.
    const cycles = rng.range(0.5, 2.5);
    const dir = rng.range(0, 2 * Math.PI);
    const kx = (2 * Math.PI * cycles * Math.cos(dir)) / size;
    const ky = (2 * Math.PI * cycles * Math.sin(dir)) / size;
    const phase = rng.range(0, 2 * Math.PI);
    const a = amp * rng.range(0.5, 1);
    for (let i = 0; i < size; i++) {
      cx[i] = Math.cos(kx * i + phase);
      sx[i] = Math.sin(kx * i + phase);
      cy[i] = Math.cos(ky * i);
      sy[i] = Math.sin(ky * i);
    }
    for (let y = 0; y < size; y++) {
      const row = y * size;
      for (let x = 0; x < size; x++) out[row + x] += a * (cx[x] * cy[y] - sx[x] * sy[y]);
    }
  }
}

/** Catmull-Rom weights for fractional position t between the 2nd and 3rd of four samples. */
function catmullRom(t: number, w: Float64Array, at: number): void {
  const t2 = t * t;
  const t3 = t2 * t;
  w[at] = (-t3 + 2 * t2 - t) / 2;
  w[at + 1] = (3 * t3 - 5 * t2 + 2) / 2;
  w[at + 2] = (-3 * t3 + 4 * t2 + t) / 2;
  w[at + 3] = (t3 - t2) / 2;
}

/** Per-pixel lattice index and weights along one axis, for a lattice of `cell` px shifted by `offset`. */
function axisTaps(size: number, cell: number, offset: number): { index: Int32Array; weights: Float64Array } {
  const index = new Int32Array(size);
  const weights = new Float64Array(4 * size);
  for (let x = 0; x < size; x++) {
    const f = x / cell + offset + 1;
    const i = Math.floor(f);
    index[x] = i - 1;
    catmullRom(f - i, weights, 4 * x);
  }
  return { index, weights };
}

/**
 * Adds value noise of about [−amp, amp] on a lattice of `cell` px. Bicubic (Catmull-Rom) rather than
 * smoothstep interpolation: smoothstep has zero slope on every lattice line, which shows up as
 * faint horizontal and vertical creases. Separable: rows along x first, then along y.
 */
function addValueNoise(rng: Rng, size: number, out: Float64Array, cell: number, amp: number): void {
  const g = Math.ceil(size / cell) + 4;
  const lattice = new Float64Array(g * g);
  for (let i = 0; i < lattice.length; i++) lattice[i] = rng.range(-amp, amp);
  // Random sub-cell offset so lattice lines do not sit at the same place in every image.
  const tx = axisTaps(size, cell, rng.uniform());
  const ty = axisTaps(size, cell, rng.uniform());
  const rows = new Float64Array(g * size);
  for (let r = 0; r < g; r++) {
    for (let x = 0; x < size; x++) {
      const i = r * g + tx.index[x];
      const w = 4 * x;
      rows[r * size + x] =
        tx.weights[w] * lattice[i] +
        tx.weights[w + 1] * lattice[i + 1] +
        tx.weights[w + 2] * lattice[i + 2] +
        tx.weights[w + 3] * lattice[i + 3];
    }
  }
  for (let y = 0; y < size; y++) {
    const r = ty.index[y] * size;
    const w = 4 * y;
    const [w0, w1, w2, w3] = [ty.weights[w], ty.weights[w + 1], ty.weights[w + 2], ty.weights[w + 3]];
    for (let x = 0; x < size; x++) {
      out[y * size + x] +=
        w0 * rows[r + x] + w1 * rows[r + size + x] + w2 * rows[r + 2 * size + x] + w3 * rows[r + 3 * size + x];
    }
  }
}

export function renderTissue(rng: Rng, size: number): Tissue {
  const n = size * size;
  const texture = new Float64Array(n);
  addSinusoids(rng, size, texture, 3, 0.06);
  addValueNoise(rng, size, texture, size / 5, 0.08);
  addValueNoise(rng, size, texture, size / 14, 0.05);

  const mid = size / 2;
  const body = randomEllipse(
    rng,
    mid + rng.normal() * 0.02 * size,
    mid + rng.normal() * 0.02 * size,
    rng.range(0.41, 0.47) * size,
    rng.range(0.35, 0.43) * size,
  );
  const rimWidth = Math.max(1, size / 40);
  const organEdge = Math.max(2, size / 20);
  // Organs are accumulated into the texture first, each only over its bounding box (speed).
  const organCount = rng.int(1, 2);
  for (let k = 0; k < organCount; k++) {
    const e = randomEllipse(
      rng,
      mid + rng.range(-0.2, 0.2) * size,
      mid + rng.range(-0.2, 0.2) * size,
      rng.range(0.1, 0.22) * size,
      rng.range(0.07, 0.15) * size,
    );
    const delta = (rng.uniform() < 0.5 ? -1 : 1) * rng.range(0.08, 0.14);
    // Either axis can be the longer one, and f/|∇f| underestimates distance off the outline,
    // so the box is generous to avoid cutting the soft edge (a visible straight seam).
    const reach = Math.max(e.a, e.b) + 2 * organEdge;
    const x0 = Math.max(0, Math.floor(e.cx - reach));
    const x1 = Math.min(size - 1, Math.ceil(e.cx + reach));
    const y0 = Math.max(0, Math.floor(e.cy - reach));
    const y1 = Math.min(size - 1, Math.ceil(e.cy + reach));
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        texture[y * size + x] += delta * smooth01(0.5 - ellipseSd(e, x + 0.5, y + 0.5) / organEdge);
      }
    }
  }

  const values = new Float64Array(n);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = y * size + x;
      const sd = ellipseSd(body, x + 0.5, y + 0.5);
      // Body edge falls off over ~2 px; the rim is a Gaussian ring just inside the outline (skin/fat).
      const inside = smooth01(0.5 - sd / 2);
      const rimT = (sd + rimWidth) / rimWidth;
      const rim = rimT > -3 && rimT < 3 ? 0.18 * Math.exp(-rimT * rimT) : 0;
      const v = TISSUE_BASE + texture[i] + rim;
      // A trace of the texture outside the body keeps the background from being perfectly flat.
      const out = OUTSIDE + 0.1 * texture[i];
      values[i] = out + (v - out) * inside;
    }
  }
  return { values, body };
}
