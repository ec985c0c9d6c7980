import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decompose, decomposeFromHistogram, histogram } from '../../src/core';
import { expectClose, probability } from './helpers';

const bins = 1000;
// Values on bin edges are where the (lo, hi] vs [lo, hi) conventions matter.
const onEdgeOrAnywhere = fc.oneof(
  probability,
  fc.integer({ min: 0, max: bins }).map((j) => j / bins),
);
const pixels = fc.integer({ min: 0, max: 120 }).chain((len) =>
  fc.record({
    p: fc.array(onEdgeOrAnywhere, { minLength: len, maxLength: len }),
    y: fc.array(fc.constantFrom(0, 1), { minLength: len, maxLength: len }),
  }),
);

describe('decomposeFromHistogram', () => {
  it('equals decompose when t lies on a bin edge', () => {
    fc.assert(
      fc.property(pixels, fc.integer({ min: 0, max: bins }), ({ p, y }, j) => {
        const t = j / bins;
        const h = histogram(p, y, bins);
        const fromHist = decomposeFromHistogram(h, t);
        const exact = decompose(p, y, { t });
        for (const key of ['f', 'b', 'fpHard', 'fnHard', 'mainAltered'] as const)
          expect(fromHist[key]).toBe(exact[key]);
        for (const key of [
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
        ] as const) {
          expectClose(fromHist[key], exact[key], 1e-9, 1e-9);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('t = 0.5 with pixels exactly at 0.5 (hand case)', () => {
    // BG 0.5 is not > 0.5: bias. FG errors 0.5 and 0.8 are ≥ 0.5: main; FG error 0.1: bias.
    const h = histogram([0.5, 0.5, 0.9, 0.2, 0.9], [0, 1, 0, 1, 1], 10);
    const d = decomposeFromHistogram(h, 0.5);
    expect([d.fpHard, d.fnHard]).toEqual([1, 2]);
    expectClose(d.fpMain, 0.9, 1e-12);
    expectClose(d.fpBias, 0.5, 1e-12);
    expectClose(d.fnMain, 1.3, 1e-12);
    expectClose(d.fnBias, 0.1, 1e-12);
  });

  it('between edges it interpolates within the straddled bin and keeps the identities', () => {
    fc.assert(
      fc.property(pixels, fc.double({ min: 0, max: 1, noNaN: true }), ({ p, y }, t) => {
        const d = decomposeFromHistogram(histogram(p, y, 50), t);
        expectClose(d.fpSoft, d.fpMain + d.fpBias, 1e-12, 1e-12);
        expectClose(d.fpMain, d.eBgAbove * d.fpHard, 1e-9, 1e-12);
        expectClose(d.fnBias, d.eFgAbove * (d.f - d.fnHard), 1e-9, 1e-12);
        // Interpolation stays within one bin of the exact counts.
        const exact = decompose(p, y, { t });
        const lo = decompose(p, y, { t: Math.floor(t * 50) / 50 });
        const hi = decompose(p, y, { t: Math.ceil(t * 50) / 50 });
        expect(d.fpHard).toBeLessThanOrEqual(lo.fpHard + 1e-9);
        expect(d.fpHard).toBeGreaterThanOrEqual(hi.fpHard - 1e-9);
        expect(exact.fpHard).toBeLessThanOrEqual(lo.fpHard);
      }),
      { numRuns: 200 },
    );
  });

  it('counts every pixel once and rejects bad bin counts', () => {
    const h = histogram([0, 1, 0.3, 0, 1], [0, 0, 0, 1, 1], 4);
    // BG bins are (lo, hi]; exact 0 is kept apart: 0.3 → (0.25, 0.5] = bin 1, 1 → bin 3.
    expect(Array.from(h.bgCount)).toEqual([0, 1, 0, 1]);
    expect(h.bgZero).toBe(1);
    // FG errors 1 − p are binned [lo, hi); exact error 1 is kept apart: error 0 → bin 0.
    expect(Array.from(h.fgCount)).toEqual([1, 0, 0, 0]);
    expect(h.fgErrOne).toBe(1);
    expect(() => histogram([0.1], [0], 0)).toThrow(RangeError);
    expect(() => histogram([0.1], [0], 2.5)).toThrow(RangeError);
  });
});
