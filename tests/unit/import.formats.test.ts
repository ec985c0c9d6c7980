import { describe, expect, it } from 'vitest';
import { importAnalysis, importPairs, type ImportedPair, type InputFile } from '../../src/data/import';
import { openNifti } from '../../src/data/import/nifti';
import { grayValues, percentiles } from '../../src/data/import/normalise';
import { decodeNpy } from '../../src/data/import/npy';
import { pngSize } from '../../src/data/import/png';
import { fakeJpegDecoder, gzip, writeFakeJpeg, writeNifti, writeNpy, writePng, writeZip } from '../fixtures/writers';

const f = (path: string, data: Uint8Array): InputFile => ({ path, data });
const arr = (a: ArrayLike<number>): number[] => Array.from(a);
/** Expected min–max normalisation, computed the obvious way. */
const minMax = (v: number[]): number[] => {
  const lo = Math.min(...v);
  const hi = Math.max(...v);
  return v.map((x) => Math.fround((x - lo) / (hi - lo)));
};
const onlyPair = (pairs: ImportedPair[]): ImportedPair => {
  expect(pairs).toHaveLength(1);
  return pairs[0];
};

// 4×3 image and a matching 0/255 mask with 5 foreground pixels.
const W = 4;
const H = 3;
const MASK = [0, 255, 255, 0, 0, 255, 255, 0, 0, 0, 255, 0];
const MASK01 = MASK.map((v) => (v ? 1 : 0));
const maskPng = (): Uint8Array => writePng({ width: W, height: H, data: MASK });

describe('PNG images round-trip with exact values', () => {
  it('8-bit gray spanning 0…255 → v/255', async () => {
    const v = [0, 1, 2, 50, 100, 127, 128, 200, 254, 255, 30, 31];
    const r = await importPairs([f('x.png', writePng({ width: W, height: H, data: v })), f('x_mask.png', maskPng())]);
    expect(r.problems).toEqual([]);
    expect(r.notes).toEqual([]);
    const p = onlyPair(r.pairs);
    expect(p).toMatchObject({ name: 'x', width: W, height: H, source: 'x.png + x_mask.png' });
    expect(arr(p.image)).toEqual(v.map((x) => Math.fround(x / 255)));
    expect(arr(p.mask)).toEqual(MASK01);
  });

  it('8-bit gray not spanning the full range is min–max normalised', async () => {
    const v = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 200];
    const r = await importPairs([f('x.png', writePng({ width: W, height: H, data: v })), f('x_mask.png', maskPng())]);
    expect(arr(onlyPair(r.pairs).image)).toEqual(minMax(v));
  });

  it('16-bit gray → v/65535 when it spans 0…65535', async () => {
    const v = [0, 1, 2, 255, 256, 1000, 30000, 40000, 65534, 65535, 12345, 54321];
    const img = writePng({ width: W, height: H, data: v, depth: 16 });
    const mask = writePng({ width: W, height: H, data: MASK01.map((x) => x * 65535), depth: 16 });
    const r = await importPairs([f('x.png', img), f('x_mask.png', mask)]);
    expect(r.problems).toEqual([]);
    const p = onlyPair(r.pairs);
    expect(arr(p.image)).toEqual(v.map((x) => Math.fround(x / 65535)));
    expect(arr(p.mask)).toEqual(MASK01);
  });

  it('RGB → luminance 0.299 R + 0.587 G + 0.114 B, then min–max', async () => {
    const rgb = [
      [0, 0, 0],
      [255, 255, 255],
      [255, 0, 0],
      [0, 255, 0],
      [0, 0, 255],
      [10, 20, 30],
      [100, 100, 100],
      [200, 50, 25],
      [1, 2, 3],
      [90, 180, 45],
      [255, 255, 0],
      [0, 128, 255],
    ];
    const img = writePng({ width: W, height: H, data: rgb.flat(), channels: 3 });
    const r = await importPairs([f('x.png', img), f('x_mask.png', maskPng())]);
    const lum = rgb.map(([R, G, B]) => (0.299 * R + 0.587 * G + 0.114 * B) / 255);
    const got = arr(onlyPair(r.pairs).image);
    got.forEach((g, i) => expect(g).toBeCloseTo(lum[i], 6));
    expect(got[0]).toBe(0);
    expect(got[1]).toBe(1);
  });

  it('gray+alpha and RGBA ignore alpha; 16-bit RGB works', async () => {
    const v = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 255];
    const ga = writePng({ width: W, height: H, data: v.flatMap((x, i) => [x, i * 20]), channels: 2 });
    const rgba = writePng({ width: W, height: H, data: v.flatMap((x, i) => [x, x, x, 255 - i]), channels: 4 });
    const rgb16 = writePng({
      width: W,
      height: H,
      data: v.flatMap((x) => [x * 257, x * 257, x * 257]),
      channels: 3,
      depth: 16,
    });
    const r = await importPairs([
      f('a.png', ga),
      f('a_mask.png', maskPng()),
      f('b.png', rgba),
      f('b_mask.png', maskPng()),
      f('c.png', rgb16),
      f('c_mask.png', maskPng()),
    ]);
    expect(r.problems).toEqual([]);
    expect(r.pairs.map((p) => p.name)).toEqual(['a', 'b', 'c']);
    expect(arr(r.pairs[0].image)).toEqual(v.map((x) => Math.fround(x / 255)));
    r.pairs.slice(1).forEach((p) => arr(p.image).forEach((g, i) => expect(g).toBeCloseTo(v[i] / 255, 6)));
  });

  it('palette and 1-/4-bit gray PNGs decode', async () => {
    const idx = [0, 1, 2, 1, 0, 2, 2, 1, 0, 0, 1, 2];
    const palette = [
      [0, 0, 0],
      [255, 255, 255],
      [51, 51, 51],
    ];
    const pal = writePng({ width: W, height: H, data: idx, palette });
    const four = writePng({ width: W, height: H, data: idx.map((i) => i * 5), depth: 4 });
    const oneBitMask = writePng({ width: W, height: H, data: MASK01, depth: 1 });
    const r = await importPairs([
      f('p.png', pal),
      f('p_mask.png', oneBitMask),
      f('q.png', four),
      f('q_mask.png', maskPng()),
    ]);
    expect(r.problems).toEqual([]);
    expect(r.notes).toEqual([]);
    const [p, q] = r.pairs;
    expect(arr(p.image)).toEqual(idx.map((i) => [0, 1, 0.2][i]).map((x) => Math.fround(x)));
    expect(arr(p.mask)).toEqual(MASK01);
    expect(arr(q.image)).toEqual(idx.map((i) => Math.fround((i * 5) / 10)));
  });

  it('reads the size from the IHDR header without decoding', () => {
    expect(pngSize(writePng({ width: 7, height: 5, data: new Array(35).fill(0) }))).toEqual({
      width: 7,
      height: 5,
      depth: 1,
    });
    expect(pngSize(new Uint8Array([1, 2, 3]))).toBeNull();
  });
});

describe('masks', () => {
  it('0/1 label maps, 0/255 and RGB masks (max channel) binarise identically without notes', async () => {
    const v = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 255];
    const img = (): Uint8Array => writePng({ width: W, height: H, data: v });
    const rgbMask = writePng({
      width: W,
      height: H,
      data: MASK01.flatMap((m, i) =>
        m
          ? [
              [200, 0, 0],
              [0, 200, 0],
              [0, 0, 200],
            ][i % 3]
          : [0, 0, 0],
      ),
      channels: 3,
    });
    const r = await importPairs([
      f('a.png', img()),
      f('a_mask.png', writePng({ width: W, height: H, data: MASK01 })),
      f('b.png', img()),
      f('b_mask.png', maskPng()),
      f('c.png', img()),
      f('c_mask.png', rgbMask),
    ]);
    expect(r.problems).toEqual([]);
    expect(r.notes).toEqual([]);
    for (const p of r.pairs) expect(arr(p.mask)).toEqual(MASK01);
  });

  it('a non-binary mask is binarised at ≥ 50% of its maximum, with a note', async () => {
    // 37 distinct values 0…36·7 = 252; threshold 126 → values ≥ 126 are foreground.
    const w = 37;
    const values = Array.from({ length: w }, (_, i) => i * 7);
    const img = writePng({ width: w, height: 1, data: values });
    const mask = writePng({ width: w, height: 1, data: values });
    const r = await importPairs([f('x.png', img), f('x_mask.png', mask)]);
    expect(r.problems).toEqual([]);
    expect(r.notes).toEqual(['mask x_mask.png was not binary (37 distinct values); binarised at ≥ 50% of its maximum']);
    expect(arr(onlyPair(r.pairs).mask)).toEqual(values.map((x) => (x >= 126 ? 1 : 0)));
  });
});

describe('JPEG through the supplied decoder', () => {
  it('decodes via opts.decodeJpeg (alpha ignored) and pairs with a PNG mask', async () => {
    const v = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 255];
    const jpg = writeFakeJpeg(
      W,
      H,
      v.flatMap((x) => [x, x, x, 255]),
    );
    const r = await importPairs([f('x.jpg', jpg), f('x_mask.png', maskPng())], { decodeJpeg: fakeJpegDecoder });
    expect(r.problems).toEqual([]);
    const p = onlyPair(r.pairs);
    expect(p.source).toBe('x.jpg + x_mask.png');
    arr(p.image).forEach((g, i) => expect(g).toBeCloseTo(v[i] / 255, 6));
    expect(arr(p.mask)).toEqual(MASK01);
  });
});

describe('.npy', () => {
  const v = [0, 0.25, 0.5, 1, 0.125, 0.75, 0.375, 0.875, 0.0625, 0.5625, 0.3125, 0.9375];
  const shapes: Array<[string, number[]]> = [
    ['(H, W)', [H, W]],
    ['(1, H, W)', [1, H, W]],
    ['(H, W, 1)', [H, W, 1]],
    ['(1, 1, H, W)', [1, 1, H, W]],
  ];
  for (const [label, shape] of shapes) {
    it(`f4, f8 and u1 in shape ${label} round-trip`, async () => {
      const u1 = v.map((x) => Math.round(x * 255));
      u1[0] = 0;
      u1[3] = 255;
      const r = await importPairs([
        f('f4.npy', writeNpy({ shape, dtype: '<f4', data: v })),
        f('f4_mask.npy', writeNpy({ shape, dtype: '|u1', data: MASK01 })),
        f('f8.npy', writeNpy({ shape, dtype: '<f8', data: v })),
        f('f8_mask.npy', writeNpy({ shape, dtype: '<f8', data: MASK01 })),
        f('u1.npy', writeNpy({ shape, dtype: '|u1', data: u1 })),
        f('u1_mask.npy', writeNpy({ shape, dtype: '|b1', data: MASK01 })),
      ]);
      expect(r.problems).toEqual([]);
      expect(r.notes).toEqual([]);
      const [p4, p8, pu] = r.pairs;
      for (const p of r.pairs) {
        expect([p.width, p.height]).toEqual([W, H]);
        expect(arr(p.mask)).toEqual(MASK01);
      }
      expect(arr(p4.image)).toEqual(v);
      expect(arr(p8.image)).toEqual(v);
      expect(arr(pu.image)).toEqual(u1.map((x) => Math.fround(x / 255)));
      // the analysis import reads the same f4 array back as probabilities, exactly
      const a = await importAnalysis([
        f('f4_prob.npy', writeNpy({ shape, dtype: '<f4', data: v })),
        f('f4_mask.npy', writeNpy({ shape, dtype: '|u1', data: MASK01 })),
      ]);
      expect(a.problems).toEqual([]);
      expect(arr(a.items[0].p)).toEqual(v);
    });
  }

  it('reads version 2.0 headers, Fortran order and uint16', () => {
    const data = [1, 2, 3, 4, 5, 6];
    const c = decodeNpy(writeNpy({ shape: [2, 3], dtype: '<u2', data, version: 2 }));
    expect([c.width, c.height, c.dtype, arr(c.data)]).toEqual([3, 2, 'uint16', data]);
    const fo = decodeNpy(writeNpy({ shape: [2, 3], dtype: '<f4', data, fortranOrder: true }));
    expect(arr(fo.data)).toEqual(data);
    const fo3 = decodeNpy(writeNpy({ shape: [1, 2, 3], dtype: '<f8', data, fortranOrder: true, version: 2 }));
    expect([fo3.width, fo3.height, arr(fo3.data)]).toEqual([3, 2, data]);
  });
});

describe('NIfTI', () => {
  // 4×3×6 int16 volume with scl_slope 0.5, scl_inter −10; mask slices 1 and 3 empty.
  const nx = 4;
  const ny = 3;
  const nz = 6;
  const px = nx * ny;
  const raw = Array.from({ length: px * nz }, (_, i) => ((i * 37) % 101) - 20);
  raw[5] = -1000; // outliers that the percentile clip removes
  raw[70] = 3000;
  const maskVol = Array.from({ length: px * nz }, (_, i) => {
    const k = Math.floor(i / px);
    if (k === 1 || k === 3) return 0;
    return (i * 7) % 3 === 0 ? 1 : 0;
  });
  const scaled = raw.map((r) => r * 0.5 - 10);

  it('parses the header and applies scl_slope / scl_inter (both byte orders)', () => {
    for (const littleEndian of [true, false]) {
      const nii = openNifti(
        writeNifti({ dims: [nx, ny, nz], type: 'int16', data: raw, sclSlope: 0.5, sclInter: -10, littleEndian }),
      );
      expect(nii.dims).toEqual({ width: nx, height: ny, depth: nz });
      expect(nii.header.littleEndian).toBe(littleEndian);
      const d = nii.decode();
      expect(arr(d.data)).toEqual(raw);
      expect(arr(grayValues(d))).toEqual(scaled);
    }
  });

  it('reads every supported datatype, gzipped or not', () => {
    const data = [0, 1, 2, 3, 4, 5];
    for (const type of ['uint8', 'int8', 'int16', 'uint16', 'int32', 'uint32', 'float32', 'float64'] as const) {
      for (const gz of [false, true]) {
        const d = openNifti(writeNifti({ dims: [3, 2], type, data, gzip: gz })).decode();
        expect([d.width, d.height, d.depth, arr(d.data)]).toEqual([3, 2, 1, data]);
        expect(d.slope).toBe(1); // scl_slope 0 → no scaling
      }
    }
  });

  it('.nii.gz image (int16, scl_slope) + uint8 mask: empty slices skipped, exact masks, percentile-normalised image', async () => {
    const r = await importPairs([
      f(
        'ct.nii.gz',
        writeNifti({ dims: [nx, ny, nz], type: 'int16', data: raw, sclSlope: 0.5, sclInter: -10, gzip: true }),
      ),
      f('ct_mask.nii.gz', writeNifti({ dims: [nx, ny, nz], type: 'uint8', data: maskVol, gzip: true })),
    ]);
    expect(r.problems).toEqual([]);
    expect(r.notes).toEqual(['ct.nii.gz: 2 of 6 slices have no foreground and were skipped']);
    expect(r.pairs.map((p) => p.name)).toEqual(['ct slice 0', 'ct slice 2', 'ct slice 4', 'ct slice 5']);
    expect(r.pairs[1].source).toBe('ct.nii.gz + ct_mask.nii.gz slice 2');
    // reference: NumPy-style linear-interpolated percentiles over the whole volume
    const sorted = [...scaled].sort((a, b) => a - b);
    const pct = (q: number): number => {
      const pos = q * (sorted.length - 1);
      const a = Math.floor(pos);
      return sorted[a] + (sorted[Math.min(a + 1, sorted.length - 1)] - sorted[a]) * (pos - a);
    };
    const lo = pct(0.005);
    const hi = pct(0.995);
    expect(percentiles(Float32Array.from(scaled), [0.005, 0.995])[0]).toBeCloseTo(lo, 4);
    for (const p of r.pairs) {
      const k = Number(p.name.split(' ').pop());
      expect([p.width, p.height]).toEqual([nx, ny]);
      expect(arr(p.mask)).toEqual(maskVol.slice(k * px, (k + 1) * px));
      arr(p.image).forEach((g, i) => {
        const want = Math.min(1, Math.max(0, (scaled[k * px + i] - lo) / (hi - lo)));
        expect(g).toBeCloseTo(want, 5);
      });
    }
    expect(r.pairs[0].image[5]).toBe(0); // clipped low outlier
    expect(r.pairs[3].image[70 - 5 * px]).toBe(1); // clipped high outlier
  });

  it('a 2-D NIfTI (dim[0] = 2) is one slice; an uncompressed big-endian .nii works', async () => {
    const img = [0, 1, 2, 3, 4, 5];
    const r = await importPairs([
      f('flat.nii', writeNifti({ dims: [3, 2], type: 'float32', data: img, littleEndian: false })),
      f('flat_mask.nii', writeNifti({ dims: [3, 2], type: 'uint8', data: [0, 1, 1, 0, 0, 0] })),
    ]);
    expect(r.problems).toEqual([]);
    const p = onlyPair(r.pairs);
    expect(p).toMatchObject({ name: 'flat', width: 3, height: 2, source: 'flat.nii + flat_mask.nii' });
    expect(arr(p.mask)).toEqual([0, 1, 1, 0, 0, 0]);
    expect(p.image[0]).toBe(0);
    expect(p.image[5]).toBe(1);
  });
});

describe('zip archives', () => {
  it('expands a folder tree with images/ and masks/, ignoring macOS junk', async () => {
    const img = (k: number): Uint8Array =>
      writePng({ width: W, height: H, data: Array.from({ length: W * H }, (_, i) => (i * k) % 256) });
    const zip = writeZip({
      'data/images/a.png': img(3),
      'data/masks/a.png': maskPng(),
      'data/images/sub/b.png': img(5),
      'data/masks/sub/b.png': maskPng(),
      'data/images/c.png': img(7),
      'data/masks/c.png': maskPng(),
      'data/.DS_Store': new Uint8Array([1, 2, 3]),
      '__MACOSX/data/images/._a.png': new Uint8Array([0, 5, 22]),
    });
    const r = await importPairs([f('upload.zip', zip), f('.DS_Store', new Uint8Array(4))]);
    expect(r.problems).toEqual([]);
    expect(r.notes).toEqual([]);
    expect(r.pairs.map((p) => p.name)).toEqual(['a', 'c', 'b']); // path order
    expect(r.pairs[0].source).toBe('upload.zip/data/images/a.png + upload.zip/data/masks/a.png');
    expect(r.pairs[2].source).toBe('upload.zip/data/images/sub/b.png + upload.zip/data/masks/sub/b.png');
    for (const p of r.pairs) expect(arr(p.mask)).toEqual(MASK01);
  });

  it('handles nested folders per case and a zip inside a zip', async () => {
    const img = writePng({ width: W, height: H, data: Array.from({ length: W * H }, (_, i) => i) });
    const inner = writeZip({ 'case2/images/x.png': img, 'case2/masks/x.png': maskPng() });
    const zip = writeZip({ 'case1/images/x.png': img, 'case1/masks/x.png': maskPng(), 'more.zip': inner });
    const r = await importPairs([f('all.zip', zip)]);
    expect(r.problems).toEqual([]);
    expect(r.pairs.map((p) => p.name)).toEqual(['all.zip/case1/images/x', 'all.zip/more.zip/case2/images/x']);
  });

  it('gzip is only NIfTI: a gzipped PNG named .png is corrupt', async () => {
    const r = await importPairs([f('x.png', gzip(maskPng())), f('x_mask.png', maskPng())]);
    expect(r.pairs).toEqual([]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0].message).toMatch(/^x\.png: could not be decoded \(.+\)$/);
  });
});
