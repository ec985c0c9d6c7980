import { describe, expect, it } from 'vitest';
import { importPairs, PAIRING_RULES, type InputFile } from '../../src/data/import';
import { classify } from '../../src/data/import/pairing';
import { fakeJpegDecoder, writeFakeJpeg, writeNifti, writePng } from '../fixtures/writers';

const png = (seed: number): Uint8Array =>
  writePng({ width: 3, height: 2, data: [0, seed, 2 * seed, 3 * seed, 4 * seed, 255] });
const mask = (): Uint8Array => writePng({ width: 3, height: 2, data: [0, 255, 0, 255, 255, 0] });
const jpg = (): Uint8Array =>
  writeFakeJpeg(
    3,
    2,
    new Array(24).fill(0).map((_, i) => (i % 4 === 3 ? 255 : i * 10)),
  );

function fileFor(path: string, role: 'image' | 'mask'): InputFile {
  const lower = path.toLowerCase();
  if (lower.endsWith('.jpg')) return { path, data: jpg() };
  if (lower.endsWith('.nii.gz')) {
    const data = role === 'mask' ? [0, 1, 0, 1, 1, 0] : [0, 10, 20, 30, 40, 50];
    return { path, data: writeNifti({ dims: [3, 2], type: 'uint8', data, gzip: true }) };
  }
  return { path, data: role === 'mask' ? mask() : png(17) };
}

describe('pairing conventions', () => {
  const pairs: Array<[string, string]> = [
    ['x.png', 'x_mask.png'],
    ['x.png', 'x_seg.png'],
    ['x.png', 'x_label.png'],
    ['x.png', 'x_gt.png'],
    ['x.png', 'x-mask.png'],
    ['x.png', 'x_segmentation.png'],
    ['X.PNG', 'x_MASK.png'],
    ['scan.01.png', 'scan.01_mask.png'],
    ['x.jpg', 'x_mask.png'],
    ['images/x.png', 'masks/x.png'],
    ['imgs/x.png', 'labels/x.png'],
    ['img/x.png', 'gt/x.png'],
    ['case1/images/x.jpg', 'case1/masks/x.png'],
    ['images/x.png', 'masks/x_mask.png'],
    ['images/x.png', 'images/x_mask.png'],
    ['data/images/sub/x.png', 'data/masks/sub/x.png'],
    ['imagesTr/case_0000.nii.gz', 'labelsTr/case.nii.gz'],
    ['dir\\x.png', 'dir\\x_mask.png'],
  ];
  for (const [img, msk] of pairs) {
    it(`${img} ↔ ${msk}`, async () => {
      const r = await importPairs([fileFor(msk, 'mask'), fileFor(img, 'image')], { decodeJpeg: fakeJpegDecoder });
      expect(r.problems).toEqual([]);
      expect(r.pairs).toHaveLength(1);
      const norm = (p: string): string => p.replace(/\\/g, '/');
      expect(r.pairs[0].source).toBe(`${norm(img)} + ${norm(msk)}`);
      expect(Array.from(r.pairs[0].mask)).toEqual([0, 1, 0, 1, 1, 0]);
    });
  }

  it('does not pair across folders or across nnU-Net splits', async () => {
    const r = await importPairs([
      fileFor('a/x.png', 'image'),
      fileFor('b/x_mask.png', 'mask'),
      fileFor('imagesTr/c_0000.nii.gz', 'image'),
      fileFor('labelsTs/c.nii.gz', 'mask'),
    ]);
    expect(r.pairs).toEqual([]);
    expect(r.problems.map((p) => p.file)).toEqual([
      'a/x.png',
      'b/x_mask.png',
      'imagesTr/c_0000.nii.gz',
      'labelsTs/c.nii.gz',
    ]);
  });

  it('same names in different cases get distinguishing names', async () => {
    const r = await importPairs([
      fileFor('a/images/x.png', 'image'),
      fileFor('a/masks/x.png', 'mask'),
      fileFor('b/images/x.png', 'image'),
      fileFor('b/masks/x.png', 'mask'),
      fileFor('y.png', 'image'),
      fileFor('y_gt.png', 'mask'),
    ]);
    expect(r.problems).toEqual([]);
    expect(r.pairs.map((p) => p.name)).toEqual(['a/images/x', 'b/images/x', 'y']);
  });

  it('reports two masks for one image, and two images for one mask', async () => {
    const r = await importPairs([
      fileFor('x.png', 'image'),
      fileFor('x_mask.png', 'mask'),
      fileFor('x_seg.png', 'mask'),
      fileFor('y.png', 'image'),
      fileFor('y.npy', 'image'),
      fileFor('y_mask.png', 'mask'),
      fileFor('z.png', 'image'),
      fileFor('z_mask.png', 'mask'),
    ]);
    expect(r.pairs.map((p) => p.name)).toEqual(['z']);
    expect(r.problems).toEqual([
      { file: 'x.png', message: 'x.png has more than one mask (x_mask.png, x_seg.png); keep only one of them' },
      {
        file: 'y.npy',
        message: 'y.npy, y.png are images with the same name and would share one mask; keep only one of them',
      },
    ]);
  });

  it('classifies roles and keys from suffixes and folders', () => {
    const c = (p: string): [string, string, string] => {
      const k = classify({ path: p, data: new Uint8Array() }, p, 'png');
      return [k.role, k.subject, k.key];
    };
    expect(c('d/x_mask.png')).toEqual(['mask', 'x', 'd//x']);
    expect(c('d/masks/x.png')).toEqual(['mask', 'x', 'd/[]//x']);
    expect(c('d/images/x.png')).toEqual(['image', 'x', 'd/[]//x']);
    expect(c('d/probs/x.png')).toEqual(['prob', 'x', 'd/[]//x']);
    expect(c('d/x_pred.png')).toEqual(['prob', 'x', 'd//x']);
    expect(c('imagesTr/ab_0000.png')).toEqual(['image', 'ab', '[tr]//ab']);
    expect(c('mask.png')).toEqual(['image', 'mask', '//mask']);
  });

  it('PAIRING_RULES documents the conventions', () => {
    for (const s of [
      '_mask',
      '_seg',
      '_label',
      '_gt',
      '-mask',
      'masks/',
      'images/',
      '50%',
      '0.5th–99.5th',
      'torch.sigmoid',
      'x_prob',
    ]) {
      expect(PAIRING_RULES).toContain(s);
    }
    expect(PAIRING_RULES).not.toContain('\n');
  });
});
