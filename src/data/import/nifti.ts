/** NIfTI-1 single-file volumes (.nii, and .nii.gz via gzip), 2-D or 3-D. */
import { gunzipSync } from 'fflate';
import { readSamples, SAMPLE_BYTES, type SampleKind } from './binary';
import { ImportError, type Decoded, type Dims } from './types';

export interface NiftiHeader {
  littleEndian: boolean;
  /** dim[0..7] as stored. */
  dim: number[];
  datatype: number;
  voxOffset: number;
  sclSlope: number;
  sclInter: number;
}

const DATATYPES: Record<number, { kind: SampleKind; name: string }> = {
  2: { kind: 'u1', name: 'uint8' },
  4: { kind: 'i2', name: 'int16' },
  8: { kind: 'i4', name: 'int32' },
  16: { kind: 'f4', name: 'float32' },
  64: { kind: 'f8', name: 'float64' },
  256: { kind: 'i1', name: 'int8' },
  512: { kind: 'u2', name: 'uint16' },
  768: { kind: 'u4', name: 'uint32' },
};

const UNSUPPORTED_TYPES: Record<number, string> = {
  1: 'binary (1-bit)',
  32: 'complex64',
  128: 'RGB24',
  1024: 'int64',
  1280: 'uint64',
  1536: 'float128',
  1792: 'complex128',
  2048: 'complex256',
  2304: 'RGBA32',
};

export function isGzip(data: Uint8Array): boolean {
  return data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b;
}

/** Gunzips when the gzip magic is present; otherwise returns the bytes unchanged. */
export function maybeGunzip(data: Uint8Array): Uint8Array {
  if (!isGzip(data)) return data;
  try {
    return gunzipSync(data);
  } catch (e) {
    throw new ImportError(`could not be decompressed (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** Parses the 348-byte NIfTI-1 header; the byte order is the one in which sizeof_hdr reads 348. */
export function parseNiftiHeader(bytes: Uint8Array): NiftiHeader {
  if (bytes.length < 348) {
    throw new ImportError(`file is truncated: a NIfTI-1 header needs 348 bytes but the file has ${bytes.length}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let littleEndian: boolean;
  if (view.getInt32(0, true) === 348) littleEndian = true;
  else if (view.getInt32(0, false) === 348) littleEndian = false;
  else if (view.getInt32(0, true) === 540 || view.getInt32(0, false) === 540) {
    throw new ImportError('NIfTI-2 files are not supported; save the volume as NIfTI-1');
  } else {
    throw new ImportError('could not be decoded (not a NIfTI-1 file: sizeof_hdr is not 348)');
  }
  const magic = String.fromCharCode(bytes[344], bytes[345], bytes[346]);
  if (magic === 'ni1') {
    throw new ImportError(
      'this is the header of a .hdr/.img pair, which is not supported; save the volume as a single .nii or .nii.gz file',
    );
  }
  if (magic !== 'n+1') {
    throw new ImportError(
      'could not be decoded (the NIfTI-1 magic "n+1" is missing; Analyze 7.5 files are not supported)',
    );
  }
  const dim: number[] = [];
  for (let i = 0; i < 8; i++) dim.push(view.getInt16(40 + 2 * i, littleEndian));
  return {
    littleEndian,
    dim,
    datatype: view.getInt16(70, littleEndian),
    voxOffset: view.getFloat32(108, littleEndian),
    sclSlope: view.getFloat32(112, littleEndian),
    sclInter: view.getFloat32(116, littleEndian),
  };
}

function volumeDims(h: NiftiHeader): Dims {
  const n = h.dim[0];
  if (!(n >= 1 && n <= 7)) throw new ImportError(`could not be decoded (dim[0] = ${n} is not between 1 and 7)`);
  const used = h.dim.slice(1, n + 1);
  if (used.some((d) => d < 1)) throw new ImportError(`could not be decoded (invalid dimensions ${used.join('×')})`);
  const width = used[0];
  const height = n >= 2 ? used[1] : 1;
  const depth = n >= 3 ? used[2] : 1;
  const extra = used.slice(3).reduce((a, b) => a * b, 1);
  if (extra > 1) {
    throw new ImportError(
      `${n}-D volume (${used.join('×')}); only 2-D and 3-D volumes are supported — save one 3-D volume per file`,
    );
  }
  return { width, height, depth };
}

export interface OpenedNifti {
  header: NiftiHeader;
  dims: Dims;
  decode: () => Decoded;
}

/** Gunzips if needed and reads the header; `decode` then reads the voxels (slices along the 3rd axis). */
export function openNifti(data: Uint8Array): OpenedNifti {
  const bytes = maybeGunzip(data);
  const header = parseNiftiHeader(bytes);
  const dims = volumeDims(header);
  const decode = (): Decoded => {
    const dt = DATATYPES[header.datatype];
    if (!dt) {
      const name = UNSUPPORTED_TYPES[header.datatype] ?? `code ${header.datatype}`;
      throw new ImportError(
        `NIfTI datatype ${name} is not supported; use uint8, int8, int16, uint16, int32, uint32, float32 or float64`,
      );
    }
    const offset = header.voxOffset >= 348 ? Math.floor(header.voxOffset) : 352;
    const count = dims.width * dims.height * dims.depth;
    const need = count * SAMPLE_BYTES[dt.kind];
    const have = Math.max(0, bytes.length - offset);
    if (have < need) {
      throw new ImportError(
        `file is truncated: the header describes ${dims.width}×${dims.height}×${dims.depth} ${dt.name} voxels (${need} bytes from byte ${offset}) but only ${have} bytes follow`,
      );
    }
    const raw = readSamples(bytes, offset, count, dt.kind, header.littleEndian);
    const scaled = Number.isFinite(header.sclSlope) && header.sclSlope !== 0;
    return {
      format: 'nifti',
      width: dims.width,
      height: dims.height,
      depth: dims.depth,
      channels: 1,
      data: raw,
      fullScale: null,
      dtype: dt.name,
      isFloat: dt.kind === 'f4' || dt.kind === 'f8',
      slope: scaled ? header.sclSlope : 1,
      inter: scaled && Number.isFinite(header.sclInter) ? header.sclInter : 0,
    };
  };
  return { header, dims, decode };
}
