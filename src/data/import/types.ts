/**
 * Types shared by the "use your own data" import library. Pure data, no DOM, no tfjs.
 */

/** One input file; `path` keeps its folders, e.g. 'case1/images/x.png'. */
export interface InputFile {
  path: string;
  data: Uint8Array;
}

/** A file that could not be imported (or imports only degenerately). `message` is a full user-facing sentence. */
export interface ImportProblem {
  file: string;
  message: string;
}

/** One image with its binary mask, at its native size. */
export interface ImportedPair {
  name: string;
  width: number;
  height: number;
  /** Grayscale in [0, 1], row-major, width·height values. */
  image: Float32Array;
  /** 0/1, row-major, width·height values. */
  mask: Uint8Array;
  /** Where it came from, e.g. 'x.png + x_mask.png' or 'vol.nii.gz + vol_mask.nii.gz slice 12'. */
  source: string;
}

export interface ImportResult {
  pairs: ImportedPair[];
  problems: ImportProblem[];
  /** Non-error information (binarised masks, skipped empty slices, constant images …). */
  notes: string[];
}

export type JpegDecoder = (data: Uint8Array) => Promise<{ width: number; height: number; rgba: Uint8ClampedArray }>;

export interface ImportOptions {
  /** JPEG decoder; in the browser pass `decodeJpegInBrowser`. Without it JPEG files are reported as problems. */
  decodeJpeg?: JpegDecoder;
  /** Largest accepted width or height in pixels (default 4096). */
  maxSide?: number;
}

/** One prediction (probabilities) with its ground truth, for the analysis import. */
export interface AnalysisItem {
  name: string;
  width: number;
  height: number;
  /** Probabilities in [0, 1], row-major. */
  p: Float32Array;
  /** 0/1 ground truth, row-major. */
  y: Uint8Array;
  source: string;
}

export interface AnalysisResult {
  items: AnalysisItem[];
  problems: ImportProblem[];
  notes: string[];
}

export const DEFAULT_MAX_SIDE = 4096;

/**
 * A failure whose message is already a specific user-facing clause (without the file name);
 * the importer reports it as `<file>: <message>`. Any other thrown error is reported as
 * `<file>: could not be decoded (<error message>)`.
 */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

/** Any typed array a decoder may hand back. */
export type NumericArray =
  | Uint8Array
  | Uint8ClampedArray
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array;

/** The file formats the importer understands. */
export type FileFormat = 'png' | 'jpeg' | 'nifti' | 'npy';

/**
 * A decoded raster stack before interpretation: `depth` slices of width×height pixels with
 * `channels` interleaved samples per pixel (slice-major, then row-major). Real value of a sample
 * = raw·slope + inter.
 */
export interface Decoded {
  format: FileFormat;
  width: number;
  height: number;
  /** Number of slices (1 for 2-D files). */
  depth: number;
  /** Interleaved samples per pixel: 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA. */
  channels: number;
  data: NumericArray;
  /** Full-scale value of integer image formats (255, 65535, 2^d − 1); null when there is none (floats). */
  fullScale: number | null;
  /** Human-readable sample type, e.g. 'uint8', '16-bit', 'float32'. */
  dtype: string;
  /** True for floating-point samples. */
  isFloat: boolean;
  /** Linear scaling applied to raw samples (NIfTI scl_slope/scl_inter); slope 1, inter 0 otherwise. */
  slope: number;
  inter: number;
  /** True when colours came from a palette (indexed PNG). */
  fromPalette?: boolean;
}

/** Size of a file as known from its header (before the full decode). */
export interface Dims {
  width: number;
  height: number;
  depth: number;
}
