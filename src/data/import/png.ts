/** PNG: header probe (size without decoding) and full decode via fast-png. */
import { convertIndexedToRgb, decode } from 'fast-png';
import { ImportError, type Decoded, type Dims } from './types';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function hasPngSignature(data: Uint8Array): boolean {
  if (data.length < SIGNATURE.length) return false;
  return SIGNATURE.every((b, i) => data[i] === b);
}

function u32be(data: Uint8Array, at: number): number {
  return ((data[at] << 24) >>> 0) + (data[at + 1] << 16) + (data[at + 2] << 8) + data[at + 3];
}

/** Width and height from the IHDR chunk, or null when the header is not a readable PNG header. */
export function pngSize(data: Uint8Array): Dims | null {
  if (data.length < 24 || !hasPngSignature(data)) return null;
  const tag = String.fromCharCode(data[12], data[13], data[14], data[15]);
  if (tag !== 'IHDR') return null;
  const width = u32be(data, 16);
  const height = u32be(data, 20);
  if (width === 0 || height === 0) return null;
  return { width, height, depth: 1 };
}

/** Walks the chunk list; says how the file is truncated, or null when every chunk through IEND is complete. */
export function pngTruncation(data: Uint8Array): string | null {
  let at = 8;
  while (at + 8 <= data.length) {
    const len = u32be(data, at);
    const type = String.fromCharCode(data[at + 4], data[at + 5], data[at + 6], data[at + 7]);
    if (at + 12 + len > data.length) return `the file is truncated: it ends inside the ${type} chunk`;
    if (type === 'IEND') return null;
    at += 12 + len;
  }
  return 'the file is truncated: the IEND chunk is missing';
}

/** Unpacks 1-, 2- or 4-bit samples (rows padded to whole bytes) into one byte per sample. */
function unpackBits(
  packed: ArrayLike<number>,
  width: number,
  height: number,
  channels: number,
  bits: number,
): Uint8Array {
  const perRow = width * channels;
  const rowBytes = Math.ceil((perRow * bits) / 8);
  const out = new Uint8Array(perRow * height);
  const mask = (1 << bits) - 1;
  for (let r = 0; r < height; r++) {
    for (let i = 0; i < perRow; i++) {
      const bit = i * bits;
      const byte = packed[r * rowBytes + (bit >> 3)];
      out[r * perRow + i] = (byte >> (8 - bits - (bit & 7))) & mask;
    }
  }
  return out;
}

/** Decodes a PNG into samples: 8-bit, 16-bit and 1/2/4-bit gray, gray+alpha, RGB, RGBA, palette (expanded to RGB/RGBA). */
export function decodePng(data: Uint8Array): Decoded {
  if (!hasPngSignature(data))
    throw new ImportError('could not be decoded (not a PNG file: the PNG signature is missing)');
  const truncated = pngTruncation(data);
  if (truncated) throw new ImportError(`could not be decoded (${truncated})`);
  let png: ReturnType<typeof decode>;
  try {
    png = decode(data);
  } catch (e) {
    const reason = (e instanceof Error ? e.message : String(e)).replace(/[\s:]+$/, '');
    throw new ImportError(`could not be decoded (corrupt PNG data: ${reason})`);
  }
  const { width, height, channels } = png;
  const bits = png.depth;
  if (png.palette) {
    if (png.palette.length === 0) throw new Error('empty palette');
    const rgb = convertIndexedToRgb(png);
    const ch = png.palette[0].length;
    if (rgb.length !== width * height * ch) throw new Error('image data is incomplete');
    return {
      format: 'png',
      width,
      height,
      depth: 1,
      channels: ch,
      data: rgb,
      fullScale: 255,
      dtype: `${bits}-bit palette`,
      isFloat: false,
      slope: 1,
      inter: 0,
      fromPalette: true,
    };
  }
  let samples: Uint8Array | Uint16Array | Uint8ClampedArray;
  if (bits < 8) {
    const rowBytes = Math.ceil((width * channels * bits) / 8);
    if (png.data.length < rowBytes * height) throw new Error('image data is incomplete');
    samples = unpackBits(png.data, width, height, channels, bits);
  } else {
    samples = png.data;
  }
  if (samples.length !== width * height * channels) throw new Error('image data is incomplete');
  return {
    format: 'png',
    width,
    height,
    depth: 1,
    channels,
    data: samples,
    fullScale: 2 ** bits - 1,
    dtype: `${bits}-bit`,
    isFloat: false,
    slope: 1,
    inter: 0,
  };
}
