/** Reading typed samples out of raw bytes (any alignment, either byte order). */
import type { NumericArray } from './types';

export type SampleKind = 'u1' | 'i1' | 'u2' | 'i2' | 'u4' | 'i4' | 'f4' | 'f8';

export const SAMPLE_BYTES: Record<SampleKind, number> = { u1: 1, i1: 1, u2: 2, i2: 2, u4: 4, i4: 4, f4: 4, f8: 8 };

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Copies `count` samples of `kind` starting at byte `offset` into a fresh typed array of the
 * matching type, swapping bytes when the file's byte order differs from the host's.
 * The caller checks that the bytes are there.
 */
export function readSamples(
  bytes: Uint8Array,
  offset: number,
  count: number,
  kind: SampleKind,
  littleEndian: boolean,
): NumericArray {
  const size = SAMPLE_BYTES[kind];
  const copy = bytes.slice(offset, offset + count * size); // fresh, aligned buffer
  if (size > 1 && littleEndian !== HOST_LITTLE_ENDIAN) {
    for (let i = 0; i < copy.length; i += size) {
      for (let a = i, b = i + size - 1; a < b; a++, b--) {
        const t = copy[a];
        copy[a] = copy[b];
        copy[b] = t;
      }
    }
  }
  const buf = copy.buffer;
  switch (kind) {
    case 'u1':
      return copy;
    case 'i1':
      return new Int8Array(buf, 0, count);
    case 'u2':
      return new Uint16Array(buf, 0, count);
    case 'i2':
      return new Int16Array(buf, 0, count);
    case 'u4':
      return new Uint32Array(buf, 0, count);
    case 'i4':
      return new Int32Array(buf, 0, count);
    case 'f4':
      return new Float32Array(buf, 0, count);
    case 'f8':
      return new Float64Array(buf, 0, count);
  }
}
