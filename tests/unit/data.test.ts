import { describe, it, expect } from 'vitest';
import { generateDataset, Rng, SYNTHETIC_DEFAULTS, type ImageSet, type SyntheticParams } from '../../src/data';

const params = (over: Partial<SyntheticParams>): SyntheticParams => ({ ...SYNTHETIC_DEFAULTS, ...over });

/** Byte-for-byte equality; a plain loop because toEqual on 1 MB typed arrays takes seconds. */
function sameBytes(a: Float32Array, b: Float32Array): boolean {
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** Foreground pixel count of image k. */
function fgCount(set: ImageSet, k: number): number {
  const px = set.size * set.size;
  let c = 0;
  for (let i = k * px; i < (k + 1) * px; i++) c += set.masks[i];
  return c;
}

/** Number of 8-connected foreground components of image k. */
function components(set: ImageSet, k: number): number {
  const s = set.size;
  const off = k * s * s;
  const seen = new Uint8Array(s * s);
  let count = 0;
  for (let start = 0; start < s * s; start++) {
    if (set.masks[off + start] !== 1 || seen[start]) continue;
    count++;
    const stack = [start];
    seen[start] = 1;
    while (stack.length > 0) {
      const p = stack.pop() as number;
      const x = p % s;
      const y = (p - x) / s;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= s || ny >= s) continue;
          const q = ny * s + nx;
          if (!seen[q] && set.masks[off + q] === 1) {
            seen[q] = 1;
            stack.push(q);
          }
        }
      }
    }
  }
  return count;
}

/** Mean image intensity over foreground minus mean over background. */
function fgBgGap(set: ImageSet): number {
  let fg = 0;
  let nf = 0;
  let bg = 0;
  let nb = 0;
  for (let i = 0; i < set.images.length; i++) {
    if (set.masks[i] === 1) {
      fg += set.images[i];
      nf++;
    } else {
      bg += set.images[i];
      nb++;
    }
  }
  return fg / nf - bg / nb;
}

describe('Rng', () => {
  it('is the reference mulberry32 stream (pinned: the app and Node must agree bit for bit)', () => {
    const r = new Rng(1);
    expect([r.uniform(), r.uniform(), r.uniform()].map((v) => v * 2 ** 32)).toEqual([2693262067, 11749833, 2265367787]);
  });

  it('int(lo, hi) covers both ends and nothing else', () => {
    const r = new Rng(3);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(r.int(1, 3));
    expect([...seen].sort()).toEqual([1, 2, 3]);
  });

  it('normal() has mean ≈ 0 and variance ≈ 1', () => {
    const r = new Rng(5);
    const n = 20000;
    let s = 0;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const v = r.normal();
      s += v;
      ss += v * v;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.05);
    expect(Math.abs(ss / n - 1)).toBeLessThan(0.05);
  });
});

describe('generateDataset', () => {
  const base = generateDataset(SYNTHETIC_DEFAULTS);

  it('has the documented shapes', () => {
    const px = 64 * 64;
    expect(base.train.n).toBe(64);
    expect(base.val.n).toBe(16);
    expect(base.train.images.length).toBe(64 * px);
    expect(base.train.masks.length).toBe(64 * px);
    expect(base.val.images.length).toBe(16 * px);
    expect(base.params).toEqual(SYNTHETIC_DEFAULTS);
  });

  it('is deterministic: same seed gives byte-identical arrays, another seed does not', () => {
    const again = generateDataset(SYNTHETIC_DEFAULTS);
    expect(sameBytes(again.train.images, base.train.images)).toBe(true);
    expect(sameBytes(again.train.masks, base.train.masks)).toBe(true);
    expect(sameBytes(again.val.images, base.val.images)).toBe(true);
    expect(sameBytes(again.val.masks, base.val.masks)).toBe(true);
    const other = generateDataset(params({ seed: 2 }));
    expect(sameBytes(other.train.images, base.train.images)).toBe(false);
    expect(sameBytes(other.train.masks, base.train.masks)).toBe(false);
  });

  it('changing valSize (or trainSize) leaves the other split untouched', () => {
    const moreVal = generateDataset(params({ valSize: 40 }));
    expect(sameBytes(moreVal.train.images, base.train.images)).toBe(true);
    expect(sameBytes(moreVal.train.masks, base.train.masks)).toBe(true);
    expect(sameBytes(moreVal.val.images.subarray(0, base.val.images.length), base.val.images)).toBe(true);
    const fewerTrain = generateDataset(params({ trainSize: 10 }));
    expect(sameBytes(fewerTrain.val.images, base.val.images)).toBe(true);
    expect(sameBytes(fewerTrain.train.images, base.train.images.subarray(0, 10 * 64 * 64))).toBe(true);
  });

  it('train and validation images differ', () => {
    const px = 64 * 64;
    expect(sameBytes(base.val.images.subarray(0, px), base.train.images.subarray(0, px))).toBe(false);
  });

  it.each([
    { size: 32, noise: 1, contrast: 1 },
    { size: 64, noise: 0.15, contrast: 0.5 },
    { size: 128, noise: 0, contrast: 0 },
  ] as const)('images are finite in [0, 1] and masks exactly 0/1 (%o)', (over) => {
    const ds = generateDataset(params({ ...over, trainSize: 8, valSize: 4 }));
    for (const set of [ds.train, ds.val]) {
      expect(set.images.every((v) => Number.isFinite(v) && v >= 0 && v <= 1)).toBe(true);
      expect(set.masks.every((v) => v === 0 || v === 1)).toBe(true);
    }
  });

  it.each([
    { label: '1/3', fgFraction: 1 / 3 },
    { label: '1/11', fgFraction: 1 / 11 },
    { label: '1/51', fgFraction: 1 / 51 },
    { label: '1/201', fgFraction: 1 / 201 },
  ])('mean foreground fraction is within 25 percent of $label', ({ fgFraction }) => {
    for (const lesionCount of [1, 3]) {
      const ds = generateDataset(params({ fgFraction, lesionCount, trainSize: 128, valSize: 1 }));
      expect(ds.meanFgFraction / fgFraction).toBeGreaterThan(0.75);
      expect(ds.meanFgFraction / fgFraction).toBeLessThan(1.25);
      // meanFgFraction is documented as the training-set fraction.
      let fg = 0;
      for (let k = 0; k < ds.train.n; k++) fg += fgCount(ds.train, k);
      expect(ds.meanFgFraction).toBeCloseTo(fg / ds.train.masks.length, 12);
    }
  });

  it.each([32, 64, 128] as const)('every image has at least one foreground pixel at 1/501 (size %i)', (size) => {
    const ds = generateDataset(params({ size, fgFraction: 1 / 501, lesionCount: 3, trainSize: 128, valSize: 32 }));
    for (const set of [ds.train, ds.val]) {
      for (let k = 0; k < set.n; k++) expect(fgCount(set, k)).toBeGreaterThanOrEqual(1);
    }
  });

  it.each([1, 2, 3])('masks have at most lesionCount = %i connected components', (lesionCount) => {
    for (const fgFraction of [1 / 3, 1 / 51, 1 / 501]) {
      const ds = generateDataset(params({ fgFraction, lesionCount, trainSize: 64, valSize: 1, seed: 11 }));
      let maxSeen = 0;
      for (let k = 0; k < ds.train.n; k++) maxSeen = Math.max(maxSeen, components(ds.train, k));
      expect(maxSeen).toBeGreaterThanOrEqual(1);
      expect(maxSeen).toBeLessThanOrEqual(lesionCount);
    }
  });

  it('contrast raises lesion intensity relative to the background', () => {
    const gap0 = fgBgGap(generateDataset(params({ contrast: 0 })).train);
    const gap1 = fgBgGap(generateDataset(params({ contrast: 1 })).train);
    // Masks do not depend on contrast, so the gap difference is the lesion brightening (less clipping).
    expect(gap1 - gap0).toBeGreaterThan(0.4);
  });

  it('masks do not depend on contrast or noise', () => {
    const a = generateDataset(params({ contrast: 0, noise: 0 }));
    expect(sameBytes(a.train.masks, base.train.masks)).toBe(true);
  });

  it('rejects out-of-range parameters', () => {
    expect(() => generateDataset(params({ fgFraction: 0.5 }))).toThrow(RangeError);
    expect(() => generateDataset(params({ fgFraction: 1 / 1000 }))).toThrow(RangeError);
    expect(() => generateDataset(params({ lesionCount: 4 }))).toThrow(RangeError);
    expect(() => generateDataset(params({ trainSize: 0 }))).toThrow(RangeError);
    expect(() => generateDataset(params({ seed: 1.5 }))).toThrow(RangeError);
    expect(() => generateDataset({ ...SYNTHETIC_DEFAULTS, size: 48 as 64 })).toThrow(RangeError);
  });
});
