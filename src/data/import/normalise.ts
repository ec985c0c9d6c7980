/**
 * Turning decoded samples into values: grayscale conversion, intensity normalisation,
 * mask binarisation and probability maps.
 */
import { ImportError, type Decoded } from './types';

/** Luminance weights (ITU-R BT.601) for RGB → gray. */
export const LUMA = [0.299, 0.587, 0.114] as const;
/** Per-volume clipping percentiles for NIfTI images. */
export const VOLUME_PERCENTILES = [0.005, 0.995] as const;
/** A mask pixel is foreground iff its value ≥ this fraction of the mask's maximum. */
export const MASK_THRESHOLD = 0.5;
/** Percentiles are computed on at most this many (evenly strided) voxels. */
const PERCENTILE_SAMPLE = 1 << 20;
const DISTINCT_CAP = 65536;
/** Float probabilities may stray this far outside [0, 1] (rounding) and are then clamped. */
const PROB_TOLERANCE = 1e-6;
/** Largest channel difference (of 255) still read as a gray JPEG probability map. */
const JPEG_CHANNEL_TOLERANCE = 8;

/** Short number for messages: 4 significant digits. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return String(Number(x.toPrecision(4)));
}

/** Grayscale value per pixel (all slices): channel 0 for gray(+alpha), BT.601 luminance for RGB(A); alpha ignored; scl applied. */
export function grayValues(d: Decoded): Float32Array {
  const n = d.width * d.height * d.depth;
  const out = new Float32Array(n);
  const { data, channels, slope, inter } = d;
  if (channels >= 3) {
    for (let i = 0, j = 0; i < n; i++, j += channels) {
      out[i] = (LUMA[0] * data[j] + LUMA[1] * data[j + 1] + LUMA[2] * data[j + 2]) * slope + inter;
    }
  } else {
    for (let i = 0, j = 0; i < n; i++, j += channels) out[i] = data[j] * slope + inter;
  }
  return out;
}

/** Mask value per pixel: the largest colour channel (alpha ignored); scl applied. */
export function maskValues(d: Decoded): Float32Array {
  const n = d.width * d.height * d.depth;
  const out = new Float32Array(n);
  const { data, channels, slope, inter } = d;
  if (channels >= 3) {
    for (let i = 0, j = 0; i < n; i++, j += channels) {
      out[i] = Math.max(data[j], data[j + 1], data[j + 2]) * slope + inter;
    }
  } else {
    for (let i = 0, j = 0; i < n; i++, j += channels) out[i] = data[j] * slope + inter;
  }
  return out;
}

export interface Normalised {
  /** Values in [0, 1]. */
  values: Float32Array;
  /** The input was constant (all finite values equal); output is all 0. */
  constant: boolean;
  /** Number of NaN/±∞ samples, which were replaced by the lowest finite value. */
  nonFinite: number;
  /** Lower and upper reference values mapped to 0 and 1. */
  lo: number;
  hi: number;
}

function finiteRange(v: Float32Array): { min: number; max: number; nonFinite: number } {
  let min = Infinity;
  let max = -Infinity;
  let nonFinite = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (x !== x || x === Infinity || x === -Infinity) nonFinite++;
    else {
      if (x < min) min = x;
      if (x > max) max = x;
    }
  }
  return { min, max, nonFinite };
}

function rescale(v: Float32Array, lo: number, hi: number, fill: number): Float32Array {
  const out = new Float32Array(v.length);
  const span = hi - lo;
  for (let i = 0; i < v.length; i++) {
    let x = v[i];
    if (!Number.isFinite(x)) x = fill;
    const y = (x - lo) / span;
    out[i] = y < 0 ? 0 : y > 1 ? 1 : y;
  }
  return out;
}

/** Min–max normalisation to [0, 1] (non-finite samples count as the minimum; constant → all 0). */
export function normaliseMinMax(v: Float32Array): Normalised {
  const { min, max, nonFinite } = finiteRange(v);
  if (!(max > min)) {
    return { values: new Float32Array(v.length), constant: true, nonFinite, lo: min, hi: max };
  }
  return { values: rescale(v, min, max, min), constant: false, nonFinite, lo: min, hi: max };
}

/**
 * Percentile `q` ∈ [0, 1] of the finite values with linear interpolation between order statistics
 * (NumPy's default). Above 2^20 values, an evenly strided subsample of about that size is used.
 */
export function percentile(v: Float32Array, q: number): number {
  return percentiles(v, [q])[0];
}

export function percentiles(v: Float32Array, qs: readonly number[]): number[] {
  const stride = Math.max(1, Math.ceil(v.length / PERCENTILE_SAMPLE));
  const sample = new Float32Array(Math.ceil(v.length / stride));
  let n = 0;
  for (let i = 0; i < v.length; i += stride) if (Number.isFinite(v[i])) sample[n++] = v[i];
  const sorted = sample.subarray(0, n).sort();
  return qs.map((q) => {
    if (n === 0) return NaN;
    const pos = q * (n - 1);
    const a = Math.floor(pos);
    const b = Math.min(n - 1, a + 1);
    return sorted[a] + (sorted[b] - sorted[a]) * (pos - a);
  });
}

/**
 * Per-volume normalisation for NIfTI: values clipped to the 0.5th–99.5th percentiles and mapped
 * linearly to [0, 1]; falls back to min–max when those percentiles coincide.
 */
export function normalisePercentile(v: Float32Array): Normalised {
  const [lo, hi] = percentiles(v, VOLUME_PERCENTILES);
  if (!(hi > lo)) return normaliseMinMax(v);
  const { min, nonFinite } = finiteRange(v);
  return { values: rescale(v, lo, hi, min), constant: false, nonFinite, lo, hi };
}

export interface Binarised {
  mask: Uint8Array;
  /** Distinct values in the source (capped just above 65536). */
  distinct: number;
  max: number;
  foreground: number;
}

/** Foreground iff value ≥ 50% of the maximum (nothing is foreground when the maximum is ≤ 0). */
export function binarise(v: Float32Array): Binarised {
  const { max, nonFinite } = finiteRange(v);
  if (nonFinite > 0) throw new ImportError(`mask contains ${nonFinite} NaN or infinite values`);
  const mask = new Uint8Array(v.length);
  const seen = new Set<number>();
  let foreground = 0;
  const t = MASK_THRESHOLD * max;
  let last = NaN;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (x !== last && seen.size <= DISTINCT_CAP) {
      seen.add(x);
      last = x;
    }
    if (max > 0 && x >= t) {
      mask[i] = 1;
      foreground++;
    }
  }
  return { mask, distinct: seen.size, max: v.length > 0 ? max : 0, foreground };
}

export function distinctText(n: number): string {
  return n > DISTINCT_CAP ? `more than ${DISTINCT_CAP} distinct values` : `${n} distinct values`;
}

/**
 * Probabilities in [0, 1]: integer formats with a full scale are divided by it (8-bit PNG v/255,
 * 16-bit v/65535, uint8 .npy v/255, bool 0/1); other values (float .npy, NIfTI after scl_slope)
 * must already be finite and in [0, 1]. Colour maps are rejected unless all channels are equal (JPEG:
 * within 8 of 255, then read by luminance).
 */
export function probabilityValues(d: Decoded): Float32Array {
  const { data, channels } = d;
  const n = d.width * d.height * d.depth;
  let raw: Float32Array;
  if (channels >= 3) {
    // Gray stored as colour is fine; JPEG may wobble a little between channels (then: luminance).
    const tolerance = d.format === 'jpeg' ? JPEG_CHANNEL_TOLERANCE : 0;
    let spread = 0;
    for (let i = 0, j = 0; i < n; i++, j += channels) {
      spread = Math.max(spread, Math.abs(data[j] - data[j + 1]), Math.abs(data[j] - data[j + 2]));
    }
    if (spread > tolerance) {
      throw new ImportError(
        'probability map is in colour; save probabilities as a grayscale PNG (0–255 or 0–65535) or a float .npy',
      );
    }
    raw = spread === 0 ? firstChannel(d) : grayValues(d);
  } else {
    raw = firstChannel(d);
  }
  if (d.fullScale !== null) {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = raw[i] / d.fullScale;
    return out;
  }
  const { min, max, nonFinite } = finiteRange(raw);
  if (nonFinite > 0) {
    throw new ImportError(
      `probabilities must be finite, but ${nonFinite} values are NaN or infinite; save torch.sigmoid(logits) (or the softmax foreground channel)`,
    );
  }
  if (min < -PROB_TOLERANCE || max > 1 + PROB_TOLERANCE) {
    throw new ImportError(
      `probabilities must be in [0, 1], but values range from ${fmt(min)} to ${fmt(max)}; if these are logits, apply torch.sigmoid (or take the softmax foreground channel) before saving`,
    );
  }
  for (let i = 0; i < n; i++) raw[i] = raw[i] < 0 ? 0 : raw[i] > 1 ? 1 : raw[i];
  return raw;
}

/** Channel 0 with scl applied (for probability maps, where colour has been ruled out). */
function firstChannel(d: Decoded): Float32Array {
  const n = d.width * d.height * d.depth;
  const out = new Float32Array(n);
  const { data, channels, slope, inter } = d;
  for (let i = 0, j = 0; i < n; i++, j += channels) out[i] = data[j] * slope + inter;
  return out;
}
