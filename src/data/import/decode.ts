/** One entry point per file: a cheap size probe from the header, then the full decode. */
import { decodeJpeg, JPEG_NEEDS_BROWSER, jpegSize } from './jpeg';
import { openNifti } from './nifti';
import { decodeNpy, npySize } from './npy';
import { decodePng, pngSize } from './png';
import { ImportError, type Decoded, type Dims, type FileFormat, type JpegDecoder } from './types';

export interface OpenedFile {
  /** Size from the header, or null when only the full decode can tell. */
  dims: Dims | null;
  decode: () => Promise<Decoded>;
}

/** Opens a file of a known format. Throws (ImportError or other) when even the header is unreadable. */
export function openFile(data: Uint8Array, format: FileFormat, decodeJpegFn: JpegDecoder | undefined): OpenedFile {
  switch (format) {
    case 'png':
      return { dims: pngSize(data), decode: async () => decodePng(data) };
    case 'jpeg':
      if (!decodeJpegFn) throw new ImportError(JPEG_NEEDS_BROWSER);
      return { dims: jpegSize(data), decode: () => decodeJpeg(data, decodeJpegFn) };
    case 'npy':
      return { dims: npySize(data), decode: async () => decodeNpy(data) };
    case 'nifti': {
      const nii = openNifti(data);
      return { dims: nii.dims, decode: async () => nii.decode() };
    }
  }
}

/** 'W×H' for 2-D, 'W×H×D' for volumes. */
export function dimsText(d: Dims): string {
  return d.depth > 1 ? `${d.width}×${d.height}×${d.depth}` : `${d.width}×${d.height}`;
}

export function sameDims(a: Dims, b: Dims): boolean {
  return a.width === b.width && a.height === b.height && a.depth === b.depth;
}

/** The user-facing problem text for an error thrown while opening or decoding `path`. */
export function errorMessage(path: string, e: unknown): string {
  if (e instanceof ImportError) return `${path}: ${e.message}`;
  const reason = e instanceof Error ? e.message : String(e);
  return `${path}: could not be decoded (${reason})`;
}
