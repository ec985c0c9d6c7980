import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resizePair } from '../../src/data/import';

const arr = (a: ArrayLike<number>): number[] => Array.from(a);
const pair = (width: number, height: number, image: number[], mask: number[]) => ({
  width,
  height,
  image: Float32Array.from(image),
  mask: Uint8Array.from(mask),
});

describe('resizePair', () => {
  it('4×4 → 2×2 averages 2×2 blocks exactly (hand-computed)', () => {
    // prettier-ignore
    const image = [
      0.0, 0.2, 0.4, 0.8,
      0.4, 0.2, 1.0, 0.6,
      0.1, 0.1, 0.5, 0.5,
      0.3, 0.5, 0.25, 0.75,
    ];
    // blocks: (0+.2+.4+.2)/4 = .2, (.4+.8+1+.6)/4 = .7, (.1+.1+.3+.5)/4 = .25, (.5+.5+.25+.75)/4 = .5
    // prettier-ignore
    const mask = [
      1, 1, 0, 0,
      1, 0, 0, 0,
      0, 0, 1, 1,
      0, 0, 1, 1,
    ];
    const r = resizePair(pair(4, 4, image, mask), 2);
    const f = Float32Array.from(image);
    const block = (a: number, b: number, c: number, d: number): number => Math.fround((f[a] + f[b] + f[c] + f[d]) / 4);
    expect(arr(r.image)).toEqual([block(0, 1, 4, 5), block(2, 3, 6, 7), block(8, 9, 12, 13), block(10, 11, 14, 15)]);
    arr(r.image).forEach((v, i) => expect(v).toBeCloseTo([0.2, 0.7, 0.25, 0.5][i], 6));
    // coverage .75, 0, 0, 1 → foreground iff ≥ 0.5
    expect(arr(r.mask)).toEqual([1, 0, 0, 1]);
  });

  it('exactly half covered counts as foreground', () => {
    const r = resizePair(pair(4, 4, new Array(16).fill(0), [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), 2);
    expect(arr(r.mask)).toEqual([1, 0, 0, 0]); // coverage 0.5
  });

  it('a single-pixel lesion that would vanish keeps its best-covered pixel (f ≥ 1 preserved)', () => {
    const mask = new Array(16).fill(0);
    mask[4 * 2 + 3] = 1; // row 2, col 3 → lands in output (1, 1) with coverage 0.25
    const r = resizePair(pair(4, 4, new Array(16).fill(0.5), mask), 2);
    expect(arr(r.mask)).toEqual([0, 0, 0, 1]);
    expect(arr(r.image)).toEqual([0.5, 0.5, 0.5, 0.5]);
  });

  it('every lesion survives, not just one: a tiny lesion next to a big one', () => {
    const w = 8;
    const mask = new Array(w * w).fill(0);
    for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) mask[y * w + x] = 1; // big, top-left
    mask[7 * w + 7] = 1; // tiny, bottom-right corner
    const r = resizePair(pair(w, w, new Array(w * w).fill(0), mask), 2);
    expect(arr(r.mask)).toEqual([1, 0, 0, 1]);
  });

  it('non-integer factors: 5×5 → 3×3 centre pixel; 3×3 → 4×4 upsampling keeps the lesion', () => {
    const mask = new Array(25).fill(0);
    mask[12] = 1; // own coverage of the centre output pixel = (3/5)² = 0.36
    const r = resizePair(pair(5, 5, new Array(25).fill(1), mask), 3);
    expect(arr(r.mask)).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0]);
    expect(arr(r.image)).toEqual(new Array(9).fill(1));
    const up = resizePair(pair(3, 3, new Array(9).fill(0), [0, 0, 0, 0, 1, 0, 0, 0, 0]), 4);
    // source [1, 2) maps to output [1.33, 2.67): outputs 1 and 2 are 2/3 covered per axis → 4/9 < 0.5,
    // so the rescue keeps all four equally covered centre pixels
    expect(arr(up.mask)).toEqual([0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0]);
  });

  it('2×2 → 4×4 upsampling replicates; identity at the same size; non-square sources are stretched', () => {
    const up = resizePair(pair(2, 2, [0, 0.25, 0.5, 1], [0, 1, 0, 0]), 4);
    expect(arr(up.image)).toEqual([0, 0, 0.25, 0.25, 0, 0, 0.25, 0.25, 0.5, 0.5, 1, 1, 0.5, 0.5, 1, 1]);
    expect(arr(up.mask)).toEqual([0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    const img = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
    const same = resizePair(pair(3, 3, img, [1, 0, 0, 0, 1, 0, 0, 0, 1]), 3);
    expect(arr(same.image)).toEqual(arr(Float32Array.from(img)));
    expect(arr(same.mask)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    // 6×2 → 2×2: each output averages a 3×1 strip
    const wide = resizePair(
      pair(6, 2, [0, 0, 0.3, 1, 1, 1, 0, 0, 0, 0.6, 0.6, 0.6], [0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0]),
      2,
    );
    arr(wide.image).forEach((v, i) => expect(v).toBeCloseTo([0.1, 1, 0, 0.6][i], 6));
    expect(arr(wide.mask)).toEqual([0, 1, 0, 0]);
  });

  it('property: f ≥ 1 before ⇒ f ≥ 1 after; an empty mask stays empty; values stay in range', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 24 }),
        fc.array(fc.integer({ min: 0, max: 1599 }), { maxLength: 6 }),
        (w, h, size, spots) => {
          const mask = new Array(w * h).fill(0);
          for (const s of spots) mask[s % (w * h)] = 1;
          const image = Array.from({ length: w * h }, (_, i) => (i % 7) / 6);
          const r = resizePair(pair(w, h, image, mask), size);
          const fIn = mask.reduce((a, b) => a + b, 0);
          const fOut = arr(r.mask).reduce((a, b) => a + b, 0);
          expect(r.image.length).toBe(size * size);
          expect(r.mask.length).toBe(size * size);
          expect(fOut >= 1).toBe(fIn >= 1);
          for (const v of r.image) expect(v >= 0 && v <= 1).toBe(true);
          for (const v of r.mask) expect(v === 0 || v === 1).toBe(true);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  it('rejects a bad size or mismatched arrays', () => {
    expect(() => resizePair(pair(2, 2, [0, 0, 0, 0], [0, 0, 0, 0]), 0)).toThrow(RangeError);
    expect(() => resizePair(pair(2, 2, [0, 0, 0], [0, 0, 0, 0]), 2)).toThrow(RangeError);
  });
});
