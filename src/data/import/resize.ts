/** Resampling an imported pair to the square training size. */

/** Area-overlap weights of one axis: output o averages source [o·n/m, (o+1)·n/m). */
interface AxisWeights {
  /** Output o uses entries start[o] … start[o+1]−1. */
  start: Int32Array;
  src: Int32Array;
  w: Float64Array;
  /** Source i is used by entries inStart[i] … inStart[i+1]−1 (output index in `inOut`, weight in `inW`). */
  inStart: Int32Array;
  inOut: Int32Array;
  inW: Float64Array;
}

function axisWeights(n: number, m: number): AxisWeights {
  // Work in units of 1/m of a source pixel so that all overlaps are exact integers.
  const start = new Int32Array(m + 1);
  const src: number[] = [];
  const w: number[] = [];
  for (let o = 0; o < m; o++) {
    start[o] = src.length;
    const a = o * n;
    const b = (o + 1) * n;
    for (let i = Math.floor(a / m); i * m < b; i++) {
      const overlap = Math.min(b, (i + 1) * m) - Math.max(a, i * m);
      if (overlap > 0) {
        src.push(i);
        w.push(overlap / n);
      }
    }
  }
  start[m] = src.length;
  const count = new Int32Array(n + 1);
  for (const i of src) count[i + 1]++;
  for (let i = 0; i < n; i++) count[i + 1] += count[i];
  const inStart = count.slice();
  const fill = count.slice(0, n);
  const inOut = new Int32Array(src.length);
  const inW = new Float64Array(src.length);
  for (let o = 0; o < m; o++) {
    for (let k = start[o]; k < start[o + 1]; k++) {
      const at = fill[src[k]]++;
      inOut[at] = o;
      inW[at] = w[k];
    }
  }
  return { start, src: Int32Array.from(src), w: Float64Array.from(w), inStart, inOut, inW };
}

/** Separable area-average of a width×height plane to size×size (float64). */
function boxResample(
  v: ArrayLike<number>,
  width: number,
  height: number,
  ax: AxisWeights,
  ay: AxisWeights,
  size: number,
): Float64Array {
  const tmp = new Float64Array(height * size);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let o = 0; o < size; o++) {
      let s = 0;
      for (let k = ax.start[o]; k < ax.start[o + 1]; k++) s += ax.w[k] * v[row + ax.src[k]];
      tmp[y * size + o] = s;
    }
  }
  const out = new Float64Array(size * size);
  for (let o = 0; o < size; o++) {
    for (let k = ay.start[o]; k < ay.start[o + 1]; k++) {
      const wy = ay.w[k];
      const from = ay.src[k] * size;
      const to = o * size;
      for (let x = 0; x < size; x++) out[to + x] += wy * tmp[from + x];
    }
  }
  return out;
}

/** 8-connected components of a 0/1 mask: labels (0 = background, 1…count) and the count. */
function components(mask: ArrayLike<number>, width: number, height: number): { labels: Int32Array; count: number } {
  const labels = new Int32Array(width * height);
  const stack: number[] = [];
  let count = 0;
  for (let s = 0; s < labels.length; s++) {
    if (!mask[s] || labels[s]) continue;
    count++;
    labels[s] = count;
    stack.push(s);
    while (stack.length > 0) {
      const p = stack.pop() as number;
      const px = p % width;
      const py = (p - px) / width;
      for (let dy = -1; dy <= 1; dy++) {
        const y = py + dy;
        if (y < 0 || y >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const x = px + dx;
          if (x < 0 || x >= width) continue;
          const q = y * width + x;
          if (mask[q] && !labels[q]) {
            labels[q] = count;
            stack.push(q);
          }
        }
      }
    }
  }
  return { labels, count };
}

/** Coverage ≥ this counts as foreground (0.5 minus a rounding allowance). */
const MASK_COVERAGE = 0.5 - 1e-9;

/**
 * Resamples a pair to a square size×size (the aspect ratio is not kept: each axis is stretched
 * independently).
 *
 * - image: area-average (box) resampling — every output pixel is the overlap-weighted mean of the
 *   source pixels its footprint covers (exact for integer factors, e.g. 4×4 → 2×2 averages 2×2 blocks).
 * - mask: the same area average gives each output pixel its foreground coverage c ∈ [0, 1];
 *   foreground iff c ≥ 0.5. Lesion rescue: every 8-connected foreground component of the source
 *   that would otherwise touch no foreground output pixel keeps the output pixel(s) where its own
 *   coverage is largest (all exact ties) as foreground. So no lesion vanishes, and f ≥ 1 after
 *   resizing whenever f ≥ 1 before.
 */
export function resizePair(
  pair: { width: number; height: number; image: Float32Array; mask: Uint8Array },
  size: number,
): { image: Float32Array; mask: Float32Array } {
  const { width, height } = pair;
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`size must be a positive integer, got ${size}`);
  if (pair.image.length !== width * height || pair.mask.length !== width * height) {
    throw new RangeError(`image and mask must hold ${width}×${height} values`);
  }
  const ax = axisWeights(width, size);
  const ay = axisWeights(height, size);
  const img = boxResample(pair.image, width, height, ax, ay, size);
  const image = new Float32Array(size * size);
  for (let i = 0; i < image.length; i++) image[i] = img[i] < 0 ? 0 : img[i] > 1 ? 1 : img[i];

  const cover = boxResample(pair.mask, width, height, ax, ay, size);
  const mask = new Float32Array(size * size);
  for (let i = 0; i < mask.length; i++) mask[i] = cover[i] >= MASK_COVERAGE ? 1 : 0;

  const { labels, count } = components(pair.mask, width, height);
  if (count === 0) return { image, mask };
  // Which components touch a foreground output pixel?
  const represented = new Uint8Array(count + 1);
  for (let p = 0; p < labels.length; p++) {
    const l = labels[p];
    if (!l || represented[l]) continue;
    const x = p % width;
    const y = (p - x) / width;
    search: for (let ky = ay.inStart[y]; ky < ay.inStart[y + 1]; ky++) {
      const row = ay.inOut[ky] * size;
      for (let kx = ax.inStart[x]; kx < ax.inStart[x + 1]; kx++) {
        if (mask[row + ax.inOut[kx]]) {
          represented[l] = 1;
          break search;
        }
      }
    }
  }
  // Rescue the others at their own maximum coverage.
  const pixelsOf = new Map<number, number[]>();
  for (let p = 0; p < labels.length; p++) {
    const l = labels[p];
    if (!l || represented[l]) continue;
    const list = pixelsOf.get(l);
    if (list) list.push(p);
    else pixelsOf.set(l, [p]);
  }
  for (const pixels of pixelsOf.values()) {
    const own = new Map<number, number>();
    for (const p of pixels) {
      const x = p % width;
      const y = (p - x) / width;
      for (let ky = ay.inStart[y]; ky < ay.inStart[y + 1]; ky++) {
        const row = ay.inOut[ky] * size;
        const wy = ay.inW[ky];
        for (let kx = ax.inStart[x]; kx < ax.inStart[x + 1]; kx++) {
          const o = row + ax.inOut[kx];
          own.set(o, (own.get(o) ?? 0) + wy * ax.inW[kx]);
        }
      }
    }
    let best = 0;
    for (const c of own.values()) best = Math.max(best, c);
    for (const [o, c] of own) if (c >= best - 1e-12) mask[o] = 1;
  }
  return { image, mask };
}
