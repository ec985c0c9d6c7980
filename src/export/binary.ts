/**
 * Typed arrays as text: little-endian bytes in base64, with the element type named, so that a
 * JSON round trip gives back the same bits (NaN payloads and −0 included).
 */

export type FloatDtype = 'float32' | 'float64';

export interface EncodedArray {
  dtype: FloatDtype;
  base64: string;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = (() => {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function bytesToBase64(bytes: Uint8Array): string {
  const out: string[] = [];
  let chunk = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0;
    const n = (a << 16) | (b << 8) | c;
    chunk += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    chunk += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '=';
    chunk += i + 2 < bytes.length ? ALPHABET[n & 63] : '=';
    // Joining many short strings at the end is much cheaper than one ever-growing string.
    if (chunk.length >= 8192) {
      out.push(chunk);
      chunk = '';
    }
  }
  out.push(chunk);
  return out.join('');
}

/** Decodes strict base64 (padding required); throws a sentence naming the first problem. */
export function base64ToBytes(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new Error(`its base64 text has ${text.length} characters, not a multiple of 4`);
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let k = 0; k < 4; k++) {
      const ch = text.charCodeAt(i + k);
      const last = i + 4 === text.length;
      if (ch === 61 /* = */ && last && k >= 4 - pad) {
        n <<= 6;
        continue;
      }
      const v = ch < 128 ? LOOKUP[ch] : -1;
      if (v < 0) throw new Error(`its base64 text has an invalid character at position ${i + k}`);
      n = (n << 6) | v;
    }
    bytes[o++] = (n >> 16) & 255;
    if (o < bytes.length) bytes[o++] = (n >> 8) & 255;
    if (o < bytes.length) bytes[o++] = n & 255;
  }
  return bytes;
}

const BYTES: Record<FloatDtype, number> = { float32: 4, float64: 8 };

export function encodeArray(a: Float32Array | Float64Array): EncodedArray {
  const dtype: FloatDtype = a instanceof Float64Array ? 'float64' : 'float32';
  const bytes = new Uint8Array(a.length * BYTES[dtype]);
  if (LITTLE_ENDIAN) bytes.set(new Uint8Array(a.buffer, a.byteOffset, bytes.length));
  else {
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < a.length; i++) {
      if (dtype === 'float64') view.setFloat64(i * 8, a[i], true);
      else view.setFloat32(i * 4, a[i], true);
    }
  }
  return { dtype, base64: bytesToBase64(bytes) };
}

export function decodeArray(e: EncodedArray): Float32Array | Float64Array {
  const size = BYTES[e.dtype];
  const bytes = base64ToBytes(e.base64);
  if (bytes.length % size !== 0)
    throw new Error(`its ${bytes.length} bytes are not a whole number of ${e.dtype} values`);
  const n = bytes.length / size;
  if (LITTLE_ENDIAN)
    return e.dtype === 'float64' ? new Float64Array(bytes.buffer, 0, n) : new Float32Array(bytes.buffer, 0, n);
  const view = new DataView(bytes.buffer);
  const out = e.dtype === 'float64' ? new Float64Array(n) : new Float32Array(n);
  for (let i = 0; i < n; i++)
    out[i] = e.dtype === 'float64' ? view.getFloat64(i * 8, true) : view.getFloat32(i * 4, true);
  return out;
}
