import { describe, expect, it } from 'vitest';
import { importAnalysis, type InputFile } from '../../src/data/import';
import { fakeJpegDecoder, writeFakeJpeg, writeNifti, writeNpy, writePng, writeZip } from '../fixtures/writers';

const f = (path: string, data: Uint8Array): InputFile => ({ path, data });
const arr = (a: ArrayLike<number>): number[] => Array.from(a);
const W = 4;
const H = 3;
const Y = [0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 1, 0];
const maskPng = (): Uint8Array => writePng({ width: W, height: H, data: Y.map((v) => v * 255) });

describe('importAnalysis: probability maps + masks', () => {
  it('p and y equal the arrays written (npy f4/f8/u1, 8- and 16-bit PNG)', async () => {
    const pf = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 0.05].map(Math.fround);
    const u8 = [0, 1, 2, 100, 128, 200, 254, 255, 7, 8, 9, 10];
    const u16 = [0, 1, 65535, 30000, 128, 200, 254, 255, 7, 8, 9, 40000];
    const r = await importAnalysis([
      f('a_prob.npy', writeNpy({ shape: [H, W], dtype: '<f4', data: pf })),
      f('a_mask.png', maskPng()),
      f('b_pred.npy', writeNpy({ shape: [1, H, W], dtype: '<f8', data: pf })),
      f('b_mask.npy', writeNpy({ shape: [1, H, W], dtype: '|b1', data: Y })),
      f('probs/c.png', writePng({ width: W, height: H, data: u8 })),
      f('masks/c.png', maskPng()),
      f('predictions/d.png', writePng({ width: W, height: H, data: u16, depth: 16 })),
      f('labels/d.png', maskPng()),
      f('e_prob.npy', writeNpy({ shape: [H, W, 1], dtype: '|u1', data: u8 })),
      f('e_gt.png', maskPng()),
    ]);
    expect(r.problems).toEqual([]);
    expect(r.notes).toEqual([]);
    expect(r.items.map((i) => i.name)).toEqual(['a', 'b', 'e', 'd', 'c']); // path order
    const [a, b, e, d, c] = r.items;
    expect(arr(a.p)).toEqual(pf);
    expect(arr(b.p)).toEqual(pf);
    expect(arr(c.p)).toEqual(u8.map((v) => Math.fround(v / 255)));
    expect(arr(d.p)).toEqual(u16.map((v) => Math.fround(v / 65535)));
    expect(arr(e.p)).toEqual(u8.map((v) => Math.fround(v / 255)));
    for (const it of r.items) {
      expect([it.width, it.height]).toEqual([W, H]);
      expect(arr(it.y)).toEqual(Y);
    }
    expect(a.source).toBe('a_prob.npy + a_mask.png');
  });

  it('logits and NaN are rejected with a specific message; the rest still imports', async () => {
    const r = await importAnalysis([
      f('logit_prob.npy', writeNpy({ shape: [2, 2], dtype: '<f4', data: [-2.5, 0, 1, 3] })),
      f('logit_mask.npy', writeNpy({ shape: [2, 2], dtype: '|u1', data: [0, 1, 1, 0] })),
      f('nan_prob.npy', writeNpy({ shape: [2, 2], dtype: '<f8', data: [NaN, 0, 1, 0.5] })),
      f('nan_mask.npy', writeNpy({ shape: [2, 2], dtype: '|u1', data: [0, 1, 1, 0] })),
      f('ok_prob.npy', writeNpy({ shape: [2, 2], dtype: '<f4', data: [0, 0.5, 1, 0.25] })),
      f('ok_mask.npy', writeNpy({ shape: [2, 2], dtype: '|u1', data: [0, 1, 1, 0] })),
      f('rgb_prob.png', writePng({ width: 2, height: 1, data: [1, 2, 3, 4, 5, 6], channels: 3 })),
      f('rgb_mask.png', writePng({ width: 2, height: 1, data: [0, 255] })),
    ]);
    expect(r.items.map((i) => i.name)).toEqual(['ok']);
    expect(r.problems.map((p) => p.message)).toEqual([
      'logit_prob.npy: probabilities must be in [0, 1], but values range from -2.5 to 3; if these are logits, apply torch.sigmoid (or take the softmax foreground channel) before saving',
      'nan_prob.npy: probabilities must be finite, but 1 values are NaN or infinite; save torch.sigmoid(logits) (or the softmax foreground channel)',
      'rgb_prob.png: probability map is in colour; save probabilities as a grayscale PNG (0–255 or 0–65535) or a float .npy',
    ]);
  });

  it('images are ignored with a note; masks without a probability map are reported', async () => {
    const zip = writeZip({
      'run/images/x.png': maskPng(),
      'run/probs/x.npy': writeNpy({ shape: [H, W], dtype: '<f4', data: new Array(W * H).fill(0.5) }),
      'run/masks/x.png': maskPng(),
      'run/masks/y.png': maskPng(),
    });
    const r = await importAnalysis([f('run.zip', zip)]);
    expect(r.items.map((i) => i.name)).toEqual(['x']);
    expect(r.notes).toEqual([
      '1 image ignored (run.zip/run/images/x.png); the analysis import reads probability maps and masks',
    ]);
    expect(r.problems).toEqual([
      {
        file: 'run.zip/run/masks/y.png',
        message:
          'run.zip/run/masks/y.png looks like a mask but has no probability map (looked for y_prob or y_pred next to it, or y in a sibling probs/ or predictions/ folder; .png or .npy)',
      },
    ]);
  });

  it('NIfTI probability volumes (float32 in [0, 1]) slice like images', async () => {
    const p = Array.from({ length: 2 * 2 * 3 }, (_, i) => Math.fround(i / 11));
    const y = [0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1];
    const r = await importAnalysis([
      f('vol_prob.nii.gz', writeNifti({ dims: [2, 2, 3], type: 'float32', data: p, gzip: true })),
      f('vol_mask.nii.gz', writeNifti({ dims: [2, 2, 3], type: 'uint8', data: y, gzip: true })),
    ]);
    expect(r.problems).toEqual([]);
    expect(r.notes).toEqual(['vol_prob.nii.gz: 1 of 3 slices have no foreground and were skipped']);
    expect(r.items.map((i) => [i.name, i.source])).toEqual([
      ['vol slice 1', 'vol_prob.nii.gz + vol_mask.nii.gz slice 1'],
      ['vol slice 2', 'vol_prob.nii.gz + vol_mask.nii.gz slice 2'],
    ]);
    expect(arr(r.items[0].p)).toEqual(p.slice(4, 8));
    expect(arr(r.items[1].y)).toEqual(y.slice(8, 12));
  });

  it('JPEG probability maps: gray → v/255; small channel wobble → luminance/255; real colour → problem', async () => {
    const v = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 255];
    const r = await importAnalysis(
      [
        f(
          'g_prob.jpg',
          writeFakeJpeg(
            W,
            H,
            v.flatMap((x) => [x, x, x, 255]),
          ),
        ),
        f('g_mask.png', maskPng()),
        f(
          'w_prob.jpg',
          writeFakeJpeg(
            W,
            H,
            v.flatMap((x) => [x, Math.min(255, x + 3), x, 255]),
          ),
        ),
        f('w_mask.png', maskPng()),
        f(
          'c_prob.jpg',
          writeFakeJpeg(
            W,
            H,
            v.flatMap((x) => [x, 0, 0, 255]),
          ),
        ),
        f('c_mask.png', maskPng()),
      ],
      { decodeJpeg: fakeJpegDecoder },
    );
    expect(r.items.map((i) => i.name)).toEqual(['g', 'w']);
    expect(arr(r.items[0].p)).toEqual(v.map((x) => Math.fround(x / 255)));
    arr(r.items[1].p).forEach((p, i) =>
      expect(p).toBeCloseTo((0.299 * v[i] + 0.587 * Math.min(255, v[i] + 3) + 0.114 * v[i]) / 255, 6),
    );
    expect(r.problems.map((p) => p.file)).toEqual(['c_prob.jpg']);
  });
});
