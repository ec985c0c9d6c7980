import { describe, expect, it } from 'vitest';
import { importPairs, type InputFile } from '../../src/data/import';
import { textBytes, writeFakeJpeg, writeNifti, writeNpy, writePng, writeZip } from '../fixtures/writers';

const f = (path: string, data: Uint8Array): InputFile => ({ path, data });
const gray = (w: number, h: number): Uint8Array =>
  writePng({ width: w, height: h, data: Array.from({ length: w * h }, (_, i) => (i * 13) % 256) });
const mask = (w: number, h: number, fg: (i: number) => boolean = (i) => i % 3 === 0): Uint8Array =>
  writePng({ width: w, height: h, data: Array.from({ length: w * h }, (_, i) => (fg(i) ? 255 : 0)) });

/** Two good pairs that must survive every bad neighbour. */
const good = (): InputFile[] => [
  f('good1.png', gray(8, 8)),
  f('good1_mask.png', mask(8, 8)),
  f('good2.png', gray(5, 6)),
  f('good2_mask.png', mask(5, 6)),
];

async function expectOnly(
  bad: InputFile[],
  messages: Array<string | RegExp>,
  extraPairs: string[] = [],
): Promise<void> {
  const r = await importPairs([...bad, ...good()]);
  expect(r.pairs.map((p) => p.name).sort()).toEqual(['good1', 'good2', ...extraPairs].sort());
  expect(r.problems).toHaveLength(messages.length);
  messages.forEach((m, i) => {
    if (typeof m === 'string') expect(r.problems[i].message).toBe(m);
    else expect(r.problems[i].message).toMatch(m);
  });
}

describe('bad input: each case gets its own message and the good pairs still import', () => {
  it('unsupported file type', async () => {
    await expectOnly(
      [f('notes.txt', textBytes('hello')), f('scan.dcm', new Uint8Array(10))],
      [
        'notes.txt: not a supported file type (PNG, JPEG, NIfTI .nii/.nii.gz, .npy, .zip)',
        'scan.dcm: not a supported file type (PNG, JPEG, NIfTI .nii/.nii.gz, .npy, .zip)',
      ],
    );
  });

  it('corrupt PNG (image or mask)', async () => {
    const png = gray(8, 8);
    const flipped = png.slice();
    for (let i = 45; i < png.length - 16; i++) flipped[i] ^= 0x5a; // scramble the IDAT payload
    await expectOnly(
      [
        f('x.png', png.slice(0, png.length - 20)),
        f('x_mask.png', mask(8, 8)),
        f('y.png', gray(8, 8)),
        f('y_mask.png', new Uint8Array([1, 2, 3, 4, 5])),
        f('z.png', png.slice(0, 40)),
        f('z_mask.png', mask(8, 8)),
        f('w.png', flipped),
        f('w_mask.png', mask(8, 8)),
      ],
      [
        /^w\.png: could not be decoded \(corrupt PNG data: .+\)$/,
        'x.png: could not be decoded (the file is truncated: it ends inside the IDAT chunk)',
        'y_mask.png: could not be decoded (not a PNG file: the PNG signature is missing)',
        'z.png: could not be decoded (the file is truncated: the IEND chunk is missing)',
      ],
    );
  });

  it('image/mask size mismatch', async () => {
    await expectOnly(
      [f('x.png', gray(64, 64)), f('x_mask.png', mask(32, 32))],
      ['x.png is 64×64 but x_mask.png is 32×32'],
    );
  });

  it('images over maxSide are rejected from the header, quickly', async () => {
    const big = writePng({ width: 5000, height: 5000, data: new Uint8Array(5000 * 5000), level: 1 });
    const t0 = performance.now();
    await expectOnly(
      [f('big.png', big), f('big_mask.png', mask(4, 4))],
      ['big.png is 5000×5000; images larger than 4096 px per side are not imported'],
    );
    expect(performance.now() - t0).toBeLessThan(1000);
    const r = await importPairs([f('s.png', gray(9, 4)), f('s_mask.png', mask(9, 4))], { maxSide: 8 });
    expect(r.problems.map((p) => p.message)).toEqual([
      's.png is 9×4; images larger than 8 px per side are not imported',
    ]);
  });

  it('image without a mask, mask without an image', async () => {
    await expectOnly(
      [f('lonely.png', gray(4, 4)), f('masks/orphan.png', mask(4, 4))],
      [
        'lonely.png has no mask (looked for lonely_mask.png, lonely_seg.png, lonely_label.png, lonely_gt.png or lonely-mask.png next to it, and masks/lonely.png, labels/lonely.png or gt/lonely.png in a sibling folder; any supported extension)',
        'masks/orphan.png looks like a mask but has no matching image (looked for orphan.png, .jpg, .nii, .nii.gz or .npy next to it or in a sibling images/ folder)',
      ],
    );
  });

  it('corrupt zip; the files of a good zip still import', async () => {
    const zip = writeZip({ 'z/images/inzip.png': gray(4, 4), 'z/masks/inzip.png': mask(4, 4) });
    await expectOnly(
      [f('broken.zip', textBytes('PK this is not really a zip')), f('ok.zip', zip)],
      [/^broken\.zip: could not be opened as a zip archive \(.+\)$/],
      ['inzip'],
    );
    await expectOnly([f('empty.zip', writeZip({}))], ['empty.zip: the zip archive contains no files']);
  });

  it('truncated NIfTI (header, voxels, gzip stream)', async () => {
    const img = writeNifti({ dims: [4, 4, 2], type: 'int16', data: new Array(32).fill(7) });
    const msk = writeNifti({ dims: [4, 4, 2], type: 'uint8', data: new Array(32).fill(1) });
    const gz = writeNifti({ dims: [4, 4, 2], type: 'int16', data: new Array(32).fill(7), gzip: true });
    await expectOnly(
      [
        f('a.nii', img.slice(0, 362)),
        f('a_mask.nii', msk),
        f('b.nii', img.slice(0, 200)),
        f('b_mask.nii', msk),
        f('c.nii.gz', gz.slice(0, gz.length - 30)),
        f('c_mask.nii', msk),
      ],
      [
        'a.nii: file is truncated: the header describes 4×4×2 int16 voxels (64 bytes from byte 352) but only 10 bytes follow',
        'b.nii: file is truncated: a NIfTI-1 header needs 348 bytes but the file has 200',
        /^c\.nii\.gz: could not be decompressed \(.+\)$/,
      ],
    );
  });

  it('mismatched volume dimensions, unsupported NIfTI datatype, 4-D volume', async () => {
    const vol = (dims: number[], type: 'uint8' | 'int16' = 'uint8', datatypeCode?: number): Uint8Array =>
      writeNifti({ dims, type, data: new Array(dims.reduce((a, b) => a * b, 1)).fill(1), datatypeCode });
    await expectOnly(
      [
        f('ct.nii', vol([4, 4, 3])),
        f('ct_mask.nii', vol([4, 4, 2])),
        f('rgb.nii', vol([4, 4], 'uint8', 128)),
        f('rgb_mask.nii', vol([4, 4])),
        f('t.nii', vol([4, 4, 2, 3])),
        f('t_mask.nii', vol([4, 4, 2, 3])),
        f('flat.png', gray(4, 4)),
        f('flat_mask.nii', vol([4, 4, 2])),
      ],
      [
        'ct.nii is 4×4×3 but ct_mask.nii is 4×4×2',
        'flat.png is 4×4 but flat_mask.nii is 4×4×2',
        'rgb.nii: NIfTI datatype RGB24 is not supported; use uint8, int8, int16, uint16, int32, uint32, float32 or float64',
        't.nii: 4-D volume (4×4×2×3); only 2-D and 3-D volumes are supported — save one 3-D volume per file',
      ],
    );
  });

  it('.npy: big-endian, unsupported dtype and shape, truncated data', async () => {
    const m = writeNpy({ shape: [2, 2], dtype: '|u1', data: [0, 1, 1, 0] });
    await expectOnly(
      [
        f('be.npy', writeNpy({ shape: [2, 2], dtype: '>f4', data: [0, 1, 2, 3] })),
        f('be_mask.npy', m),
        f('half.npy', writeNpy({ shape: [2, 2], dtype: '<f2', data: [0, 1, 2, 3] })),
        f('half_mask.npy', m),
        f('stack.npy', writeNpy({ shape: [3, 2, 2], dtype: '<f4', data: new Array(12).fill(0) })),
        f('stack_mask.npy', m),
        f('short.npy', writeNpy({ shape: [2, 2], dtype: '<f8', data: [0, 1, 2, 3] }).slice(0, 144)),
        f('short_mask.npy', m),
      ],
      [
        "be.npy: big-endian data ('>f4') is not supported; save it little-endian, e.g. np.save(path, a.astype('<f4'))",
        "half.npy: dtype '<f2' is not supported; use float32 (<f4), float64 (<f8), uint8 (|u1), bool (|b1) or uint16 (<u2)",
        'short.npy: file is truncated: shape (2, 2) of float64 needs 32 bytes of data but only 16 follow the header',
        'stack.npy: array shape (3, 2, 2) is not supported; expected (H, W), (1, H, W), (H, W, 1) or (1, 1, H, W)',
      ],
    );
  });

  it('JPEG without a decoder', async () => {
    await expectOnly(
      [f('photo.jpg', writeFakeJpeg(4, 4, new Array(64).fill(9))), f('photo_mask.png', mask(4, 4))],
      ['photo.jpg: JPEG decoding needs the browser'],
    );
  });

  it('empty and all-foreground masks are imported but reported', async () => {
    await expectOnly(
      [
        f('e.png', gray(4, 4)),
        f(
          'e_mask.png',
          mask(4, 4, () => false),
        ),
        f('full.png', gray(4, 4)),
        f(
          'full_mask.png',
          mask(4, 4, () => true),
        ),
      ],
      [
        'e_mask.png: mask is empty (f = 0) — there is no foreground; FN terms are 0 and the Balance loss has no top-f background',
        'full_mask.png: mask is all foreground (b = 0) — no background, so FP terms are 0',
      ],
      ['e', 'full'],
    );
  });

  it('a volume whose mask is empty everywhere imports nothing and says so; constant images get a note', async () => {
    const r = await importPairs([
      f('v.nii.gz', writeNifti({ dims: [3, 3, 4], type: 'int16', data: new Array(36).fill(5), gzip: true })),
      f('v_mask.nii.gz', writeNifti({ dims: [3, 3, 4], type: 'uint8', data: new Array(36).fill(0), gzip: true })),
      f('c.png', writePng({ width: 3, height: 3, data: new Array(9).fill(42) })),
      f('c_mask.png', mask(3, 3)),
      ...good(),
    ]);
    expect(r.pairs.map((p) => p.name)).toEqual(['c', 'good1', 'good2']);
    expect(r.problems).toEqual([
      {
        file: 'v_mask.nii.gz',
        message:
          'v_mask.nii.gz: mask is empty (f = 0) in all 4 slices — there is no foreground, so nothing was imported from v.nii.gz',
      },
    ]);
    expect(r.notes).toEqual(['c.png: image is constant (every pixel is 42); imported as all zeros']);
    expect(Array.from(r.pairs[0].image)).toEqual(new Array(9).fill(0));
  });

  it('never throws, even for an empty list or zero-byte files', async () => {
    expect(await importPairs([])).toEqual({ pairs: [], problems: [], notes: [] });
    const r = await importPairs([
      f('z.png', new Uint8Array()),
      f('z_mask.png', new Uint8Array()),
      f('n.npy', new Uint8Array()),
      f('n_mask.npy', new Uint8Array()),
    ]);
    expect(r.pairs).toEqual([]);
    expect(r.problems.map((p) => p.file)).toEqual(['n.npy', 'z.png']);
  });
});
