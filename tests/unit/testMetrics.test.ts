/**
 * Test metrics binarise at p > 0.5 whatever t is (docs/design.md §1.4b): the loss panel's Dice
 * (re-derived from each logged histogram) and the trainer's validation metrics. And training
 * batches never hold an empty mask (docs/design.md §1.4): imported empty-mask pairs validate only.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { histogram, metrics } from '../../src/core';
import { splitIndices, splitSummary, trainingDataFromPairs } from '../../src/data/trainingData';
import { atThreshold } from '../../src/state/historyMath';
import type { HistoryEntry } from '../../src/state/historyTypes';

const entryOf = (p: Float32Array, y: Float32Array): HistoryEntry => ({
  step: 1,
  stage: 1,
  loss: 0,
  intra: null,
  inter: null,
  dice: NaN,
  iou: NaN,
  fpHard: NaN,
  fnHard: NaN,
  hist: histogram(p, y),
  eps: 0,
});

describe('test metrics at p > 0.5', () => {
  it('Dice and IoU from a logged histogram are the same at every t and equal metrics(p, y, 0.5); hard counts follow t', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.float({ min: 0, max: 1, noNaN: true }), fc.boolean()), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 0, max: 1000 }),
        (pixels, tk) => {
          const p = Float32Array.from(pixels.map(([v]) => v));
          const y = Float32Array.from(pixels.map(([, fg]) => (fg ? 1 : 0)));
          const t = tk / 1000;
          const at = atThreshold(entryOf(p, y), t);
          const cut = metrics(p, y, 0.5);
          expect(at.dice).toBeCloseTo(cut.dice, 12);
          expect(at.iou).toBeCloseTo(cut.iou, 12);
          expect(at.fpHard).toBe(metrics(p, y, t).fp);
          expect(at.fnHard).toBe(metrics(p, y, t).fn);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('at t ≠ 0.5 the old Eq. 2 cuts would give a different Dice (the inflation this fixes)', () => {
    // The FG pixel with p = 0.3: at t = 0.8, Eq. 2 counts it as found (1 − p = 0.7 < 0.8), so the
    // old Dice "at t" was higher; binarised at p > 0.5 it is a miss.
    const p = Float32Array.from([0.6, 0.3, 0.2, 0.1]);
    const y = Float32Array.from([1, 1, 0, 0]);
    const at = atThreshold(entryOf(p, y), 0.8);
    expect(at.dice).toBeCloseTo(metrics(p, y, 0.5).dice, 12);
    expect(metrics(p, y, 0.8).dice).not.toBeCloseTo(at.dice, 6);
  });
});

describe('training batches never hold an empty mask', () => {
  it('empty-mask pairs go to validation only; the rest split every fifth', () => {
    const fg = [true, false, true, true, true, true, false, true, true];
    const split = splitIndices(fg.length, fg);
    for (const i of split.train) expect(fg[i]).toBe(true);
    expect(split.val).toEqual(expect.arrayContaining([1, 6]));
    expect(split.emptyValOnly).toBe(2);
    // 7 pairs with foreground: the 5th of them (index 5) validates.
    expect(split.train).toEqual([0, 2, 3, 4, 7, 8]);
    expect(split.val).toEqual([1, 5, 6]);
    expect(splitSummary(fg)).toMatch(/2 with an empty mask are used for validation only/);
  });

  it('fewer than five pairs with foreground: shared; no foreground at all: refused with a reason', () => {
    expect(splitIndices(3, [false, true, true])).toEqual({
      train: [1, 2],
      val: [0, 1, 2],
      shared: true,
      emptyValOnly: 1,
    });
    const px = 4;
    const pair = (fgPixels: number) => ({
      image: new Float32Array(px),
      mask: Float32Array.from({ length: px }, (_, i) => (i < fgPixels ? 1 : 0)),
    });
    expect(() => trainingDataFromPairs([pair(0), pair(0)], 2, 'x')).toThrow(/Every imported mask is empty/);
    const data = trainingDataFromPairs([pair(0), pair(1), pair(2)], 2, 'x');
    expect(data.train.n).toBe(2);
    expect(data.val.n).toBe(3);
  });
});
