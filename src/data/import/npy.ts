/** NumPy .npy (format versions 1.0, 2.0 and 3.0) holding one 2-D array. */
import { readSamples, SAMPLE_BYTES, type SampleKind } from './binary';
import { ImportError, type Decoded, type Dims, type NumericArray } from './types';

export interface NpyHeader {
  descr: string;
  fortranOrder: boolean;
  shape: number[];
  /** Byte offset of the array data. */
  dataOffset: number;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

const DTYPES: Record<string, { kind: SampleKind; name: string; fullScale: number | null; isFloat: boolean }> = {
  f4: { kind: 'f4', name: 'float32', fullScale: null, isFloat: true },
  f8: { kind: 'f8', name: 'float64', fullScale: null, isFloat: true },
  u1: { kind: 'u1', name: 'uint8', fullScale: 255, isFloat: false },
  b1: { kind: 'u1', name: 'bool', fullScale: 1, isFloat: false },
  u2: { kind: 'u2', name: 'uint16', fullScale: 65535, isFloat: false },
  i1: { kind: 'i1', name: 'int8', fullScale: null, isFloat: false },
  i2: { kind: 'i2', name: 'int16', fullScale: null, isFloat: false },
  i4: { kind: 'i4', name: 'int32', fullScale: null, isFloat: false },
  u4: { kind: 'u4', name: 'uint32', fullScale: null, isFloat: false },
};

const SUPPORTED_SHAPES = '(H, W), (1, H, W), (H, W, 1) or (1, 1, H, W)';

/** Parses the magic, version and header dictionary. Throws ImportError on anything unexpected. */
export function parseNpyHeader(data: Uint8Array): NpyHeader {
  if (data.length < 10 || !MAGIC.every((b, i) => data[i] === b)) {
    throw new ImportError('could not be decoded (not a .npy file: the \\x93NUMPY signature is missing)');
  }
  const major = data[6];
  let headerLen: number;
  let start: number;
  if (major === 1) {
    headerLen = data[8] | (data[9] << 8);
    start = 10;
  } else if (major === 2 || major === 3) {
    if (data.length < 12) throw new ImportError('could not be decoded (the .npy header is truncated)');
    headerLen = (data[8] | (data[9] << 8) | (data[10] << 16)) + data[11] * 2 ** 24;
    start = 12;
  } else {
    throw new ImportError(`could not be decoded (unknown .npy format version ${major}.${data[7]})`);
  }
  if (start + headerLen > data.length) throw new ImportError('could not be decoded (the .npy header is truncated)');
  let text = '';
  for (let i = start; i < start + headerLen; i++) text += String.fromCharCode(data[i]);
  const descr = /['"]descr['"]\s*:\s*['"]([^'"]*)['"]/.exec(text)?.[1];
  const fortran = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(text)?.[1];
  const shapeText = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(text)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new ImportError('could not be decoded (the .npy header has no descr, fortran_order or shape)');
  }
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => Number(s.replace(/L$/, '')));
  if (shape.some((n) => !Number.isInteger(n) || n < 0)) {
    throw new ImportError(`could not be decoded (unreadable .npy shape (${shapeText}))`);
  }
  return { descr, fortranOrder: fortran === 'True', shape, dataOffset: start + headerLen };
}

function formatShape(shape: number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** Height and width of the supported shapes, or null. */
function planeOf(shape: number[]): { height: number; width: number } | null {
  const [a, b, c, d] = shape;
  if (shape.length === 2) return { height: a, width: b };
  if (shape.length === 3 && a === 1) return { height: b, width: c };
  if (shape.length === 3 && c === 1) return { height: a, width: b };
  if (shape.length === 4 && a === 1 && b === 1) return { height: c, width: d };
  return null;
}

/** Size from the header, validating dtype and shape. */
export function npySize(data: Uint8Array): Dims {
  const h = parseNpyHeader(data);
  checkDtype(h.descr);
  const plane = planeOf(h.shape);
  if (!plane || plane.width === 0 || plane.height === 0) {
    throw new ImportError(`array shape ${formatShape(h.shape)} is not supported; expected ${SUPPORTED_SHAPES}`);
  }
  return { width: plane.width, height: plane.height, depth: 1 };
}

function checkDtype(descr: string): { kind: SampleKind; name: string; fullScale: number | null; isFloat: boolean } {
  const order = descr[0];
  const code = descr.slice(1);
  const dt = DTYPES[code];
  if (!dt || !['<', '>', '|', '='].includes(order)) {
    throw new ImportError(
      `dtype '${descr}' is not supported; use float32 (<f4), float64 (<f8), uint8 (|u1), bool (|b1) or uint16 (<u2)`,
    );
  }
  if (order === '>' && SAMPLE_BYTES[dt.kind] > 1) {
    throw new ImportError(
      `big-endian data ('${descr}') is not supported; save it little-endian, e.g. np.save(path, a.astype('<${code}'))`,
    );
  }
  return dt;
}

/** Decodes a 2-D .npy array (C or Fortran order) into one row-major plane. */
export function decodeNpy(data: Uint8Array): Decoded {
  const h = parseNpyHeader(data);
  const dt = checkDtype(h.descr);
  const { width, height } = npySize(data);
  const count = width * height;
  const need = count * SAMPLE_BYTES[dt.kind];
  if (data.length - h.dataOffset < need) {
    throw new ImportError(
      `file is truncated: shape ${formatShape(h.shape)} of ${dt.name} needs ${need} bytes of data but only ${Math.max(0, data.length - h.dataOffset)} follow the header`,
    );
  }
  let values: NumericArray = readSamples(data, h.dataOffset, count, dt.kind, true);
  if (h.fortranOrder && width > 1 && height > 1) {
    // Column-major: element (r, c) sits at r + height·c (singleton axes do not change strides).
    const ctor = values.constructor as new (n: number) => NumericArray;
    const rowMajor = new ctor(count);
    for (let c = 0; c < width; c++) {
      for (let r = 0; r < height; r++) rowMajor[r * width + c] = values[r + height * c];
    }
    values = rowMajor;
  }
  return {
    format: 'npy',
    width,
    height,
    depth: 1,
    channels: 1,
    data: values,
    fullScale: dt.fullScale,
    dtype: dt.name,
    isFloat: dt.isFloat,
    slope: 1,
    inter: 0,
  };
}
