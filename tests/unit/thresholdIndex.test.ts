/**
 * The threshold index (one sort, then O(log N) per t; issue 19) gives decompose()'s numbers:
 * equal counts, kthBg and case flags, and sums equal to rounding, at many t per input and at
 * the data's own values (ties at t, where > and ≥ differ).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decompose } from '../../src/core/decompose';
import { decomposeAt, thresholdIndex } from '../../src/core/thresholdIndex';
import { conceptPredictions } from '../../src/panels/conceptData';
import { expectClose, probability } from './helpers';

const pixelsArb = fc.integer({ min: 0, max: 80 }).chain((len) =>
  fc.record({
    p: fc.array(probability, { minLength: len, maxLength: len }),
    y: fc.array(fc.constantFrom(0, 1), { minLength: len, maxLength: len }),
  }),
);
const epsArb = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1, 1e-4));

const EXACT = ['f', 'b', 'fpHard', 'fnHard', 'kthBg', 'mainAltered', 'eq12'] as const;
const SUMS = [
  'fpSoft',
  'fnSoft',
  'fpMain',
  'fpBias',
  'fnMain',
  'fnBias',
  'eBgAbove',
  'eBgBelow',
  'eFgAbove',
  'eFgBelow',
  'fpMainW',
  'fpBiasW',
] as const;

function expectSame(p: ArrayLike<number>, y: ArrayLike<number>, t: number, eps: number): void {
  const want = decompose(p, y, { t, eps });
  const got = decomposeAt(thresholdIndex(p, y), t, eps);
  for (const key of EXACT) expect(got[key], key).toBe(want[key]);
  for (const key of SUMS) expectClose(got[key], want[key], 1e-12, 1e-12);
}

describe('thresholdIndex + decomposeAt', () => {
  it('equals decompose at random t and at every value of the data (ties)', () => {
    fc.assert(
      fc.property(pixelsArb, fc.double({ min: 0, max: 1, noNaN: true }), epsArb, ({ p, y }, t, eps) => {
        const ix = thresholdIndex(p, y);
        const ts = [t, 0, 0.5, 1, ...p, ...p.map((v) => 1 - v)];
        for (const at of ts) {
          const want = decompose(p, y, { t: at, eps });
          const got = decomposeAt(ix, at, eps);
          for (const key of EXACT) expect(got[key], key).toBe(want[key]);
          for (const key of SUMS) expectClose(got[key], want[key], 1e-12, 1e-12);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('equals decompose on the concept data (float32 predictions) across t and ε', () => {
    for (const [ratio, quality] of [
      [50, 0.5],
      [1, 0.1],
      [1000, 0.9],
    ]) {
      const { p, y } = conceptPredictions({ ratio, quality });
      for (const t of [0.001, 0.2, 0.5, 0.77, 0.999]) for (const eps of [0.01, 0.5, 1]) expectSame(p, y, t, eps);
    }
  });

  it('without ε: no weighted terms; edge sets (all background, all foreground, empty)', () => {
    const ix = thresholdIndex([0.2, 0.7], [0, 0]);
    expect('fpMainW' in decomposeAt(ix, 0.5)).toBe(false);
    expectSame([0.2, 0.7], [0, 0], 0.5, 0.1);
    expectSame([0.2, 0.7], [1, 1], 0.5, 0.1);
    expectSame([], [], 0.5, 0.1);
    expect(() => thresholdIndex([0.1], [])).toThrow(RangeError);
  });
});
