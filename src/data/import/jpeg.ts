/** JPEG: header probe (size from the SOF marker) and decode through a caller-supplied decoder. */
import { ImportError, type Decoded, type Dims, type JpegDecoder } from './types';

export const JPEG_NEEDS_BROWSER = 'JPEG decoding needs the browser';

/** Width and height from the first SOFn marker, or null when it cannot be found. */
export function jpegSize(data: Uint8Array): Dims | null {
  if (data.length < 4 || data[0] !== 0xff || data[1] !== 0xd8) return null;
  let i = 2;
  while (i + 3 < data.length) {
    if (data[i] !== 0xff) return null;
    let marker = data[i + 1];
    while (marker === 0xff && i + 2 < data.length) {
      i++;
      marker = data[i + 1];
    }
    i += 2;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) continue; // no length field
    if (marker === 0xd9 || marker === 0xda) return null; // end of image / start of scan before any SOF
    if (i + 1 >= data.length) return null;
    const len = (data[i] << 8) | data[i + 1];
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      if (i + 6 >= data.length) return null;
      const height = (data[i + 3] << 8) | data[i + 4];
      const width = (data[i + 5] << 8) | data[i + 6];
      if (width === 0 || height === 0) return null;
      return { width, height, depth: 1 };
    }
    i += len;
  }
  return null;
}

/** Decodes a JPEG with `decoder` into RGBA samples (alpha ignored downstream). */
export async function decodeJpeg(data: Uint8Array, decoder: JpegDecoder | undefined): Promise<Decoded> {
  if (!decoder) throw new ImportError(JPEG_NEEDS_BROWSER);
  const { width, height, rgba } = await decoder(data);
  if (!(width > 0 && height > 0) || rgba.length !== width * height * 4) {
    throw new Error(`the decoder returned ${rgba.length} samples for ${width}×${height} pixels`);
  }
  return {
    format: 'jpeg',
    width,
    height,
    depth: 1,
    channels: 4,
    data: rgba,
    fullScale: 255,
    dtype: '8-bit',
    isFloat: false,
    slope: 1,
    inter: 0,
  };
}
