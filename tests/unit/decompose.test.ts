import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decompose } from '../../src/core';
import { expectClose, probability } from './helpers';
import { refDecompose } from './reference';

const pixelsArb = fc.integer({ min: 0, max: 80 }).chain((len) =>
  fc.record({
    p: fc.array(probability, { minLength: len, maxLength: len }),
    y: fc.array(fc.constantFrom(0, 1), { minLength: len, maxLength: len }),
  }),
);
const thresholdArb = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 0.5, 1));
const epsArb = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1, 1e-4));

describe('decompose: identities of docs/design.md §1.1 over random inputs', () => {
  it('FP_soft = FP_main + FP_bias, FP_main = e·FP_hard, FP_bias = e·(b − FP_hard), same for FN', () => {
    fc.assert(
      fc.property(pixelsArb, thresholdArb, ({ p, y }, t) => {
        const d = decompose(p, y, { t });
        expectClose(d.fpSoft, d.fpMain + d.fpBias, 1e-12, 1e-12);
        expectClose(d.fnSoft, d.fnMain + d.fnBias, 1e-12, 1e-12);
        expectClose(d.fpMain, d.eBgAbove * d.fpHard, 1e-12, 1e-12);
        expectClose(d.fpBias, d.eBgBelow * (d.b - d.fpHard), 1e-12, 1e-12);
        expectClose(d.fnMain, d.eFgBelow * d.fnHard, 1e-12, 1e-12);
        expectClose(d.fnBias, d.eFgAbove * (d.f - d.fnHard), 1e-12, 1e-12);
        expect(d.f + d.b).toBe(p.length);
      }),
      { numRuns: 400 },
    );
  });

  it('matches the sort-based reference, ε-weighted terms included', () => {
    fc.assert(
      fc.property(pixelsArb, thresholdArb, epsArb, ({ p, y }, t, eps) => {
        const d = decompose(p, y, { t, eps });
        const r = refDecompose(p, y, t, eps) as ReturnType<typeof refDecompose> & { fpMainW: number; fpBiasW: number };
        for (const key of ['f', 'b', 'fpHard', 'fnHard', 'kthBg', 'mainAltered', 'eq12'] as const)
          expect(d[key]).toBe(r[key]);
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
          'fpMainW',
          'fpBiasW',
        ] as const) {
          expectClose(d[key], r[key], 1e-9, 1e-12);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('ε = 1 leaves FP unchanged; ε weighting never increases FP', () => {
    fc.assert(
      fc.property(pixelsArb, thresholdArb, epsArb, ({ p, y }, t, eps) => {
        const one = decompose(p, y, { t, eps: 1 });
        expectClose(one.fpMainW, one.fpMain, 1e-12, 1e-12);
        expectClose(one.fpBiasW, one.fpBias, 1e-12, 1e-12);
        const w = decompose(p, y, { t, eps });
        expect(w.fpMainW).toBeLessThanOrEqual(w.fpMain + 1e-12);
        expect(w.fpBiasW).toBeLessThanOrEqual(w.fpBias + 1e-12);
        // Eq. 11: when the main term is not altered, ε never touches it.
        if (!w.mainAltered) expectClose(w.fpMainW, w.fpMain, 1e-12, 1e-12);
      }),
      { numRuns: 300 },
    );
  });
});

describe('decompose: hand-computed cases', () => {
  // FG p: 0.9, 0.95, 0.4 (errors 0.1, 0.05, 0.6); BG p: 0.2, 0.6, 0.1, 0.3, 0.05. t = 0.5.
  const p = [0.9, 0.2, 0.6, 0.1, 0.3, 0.95, 0.05, 0.4];
  const y = [1, 0, 0, 0, 0, 1, 0, 1];

  it('splits FP and FN at t = 0.5 (Eq. 1–10)', () => {
    const d = decompose(p, y, { t: 0.5, eps: 0.1 });
    expect(d.f).toBe(3);
    expect(d.b).toBe(5);
    expect(d.fpHard).toBe(1); // only 0.6
    expect(d.fnHard).toBe(1); // only error 0.6
    expectClose(d.fpMain, 0.6, 1e-12);
    expectClose(d.fpBias, 0.2 + 0.1 + 0.3 + 0.05, 1e-12);
    expectClose(d.fnMain, 0.6, 1e-12);
    expectClose(d.fnBias, 0.1 + 0.05, 1e-12);
    expectClose(d.eBgAbove, 0.6, 1e-12);
    expectClose(d.eBgBelow, 0.65 / 4, 1e-12);
    expectClose(d.eFgBelow, 0.6, 1e-12);
    expectClose(d.eFgAbove, 0.15 / 2, 1e-12);
    expect(d.kthBg).toBe(0.2); // sorted BG: 0.6, 0.3, 0.2, …; the 3rd
    expect(d.mainAltered).toBe(false);
    expect(d.eq12).toBe(false); // 0.2 < 0.5: Eq. 11
    // H = {0.6, 0.3, 0.2}; E = {0.1, 0.05} weighted by 0.1.
    expectClose(d.fpMainW, 0.6, 1e-12);
    expectClose(d.fpBiasW, 0.3 + 0.2 + 0.1 * 0.15, 1e-12);
  });

  it('names the Eq. 12 case: FP_hard > f alters the main term', () => {
    // f = 1; BG 0.9, 0.8, 0.7 above t: FP_hard = 3 > 1. H = {0.9}.
    const d = decompose([0.6, 0.9, 0.8, 0.7, 0.1], [1, 0, 0, 0, 0], { t: 0.5, eps: 0.5 });
    expect(d.kthBg).toBe(0.9);
    expect(d.mainAltered).toBe(true);
    expect(d.eq12).toBe(true);
    expectClose(d.fpMainW, 0.9 + 0.5 * (0.8 + 0.7), 1e-12);
    expectClose(d.fpBiasW, 0.5 * 0.1, 1e-12);
  });
});

describe('decompose: Eq. 11 vs Eq. 12 (docs/design.md §1.4b)', () => {
  it('eq12 ⇔ kthBg ≥ t over random inputs; mainAltered implies eq12 when kthBg exists', () => {
    fc.assert(
      fc.property(pixelsArb, thresholdArb, ({ p, y }, t) => {
        const d = decompose(p, y, { t });
        expect(d.eq12).toBe(d.kthBg !== null && d.kthBg >= t);
        // FP_hard > f means the f-th largest background value is itself above t.
        if (d.mainAltered && d.kthBg !== null) expect(d.eq12).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('FP_hard = f: kthBg > t, so Eq. 12 is printed, yet ε leaves the main term alone', () => {
    // f = 2; BG 0.9, 0.7 above t = 0.5, 0.2 below: FP_hard = 2 = f, kthBg = 0.7.
    const d = decompose([0.6, 0.6, 0.9, 0.7, 0.2], [1, 1, 0, 0, 0], { t: 0.5, eps: 0.1 });
    expect([d.fpHard, d.f, d.kthBg]).toEqual([2, 2, 0.7]);
    expect(d.eq12).toBe(true);
    expect(d.mainAltered).toBe(false);
    expectClose(d.fpMainW, d.fpMain, 1e-12);
  });

  it('kthBg exactly t: Eq. 12 (kthBg ≥ t), although that pixel is not an FP (p > t fails)', () => {
    // f = 2; BG sorted 0.8, 0.5, 0.1: kthBg = 0.5 = t, FP_hard = 1.
    const e = decompose([0.6, 0.6, 0.8, 0.5, 0.1], [1, 1, 0, 0, 0], { t: 0.5 });
    expect([e.kthBg, e.fpHard]).toEqual([0.5, 1]);
    expect(e.eq12).toBe(true);
    expect(e.mainAltered).toBe(false);
    expect(decompose([0.6, 0.6, 0.8, 0.5, 0.1], [1, 1, 0, 0, 0], { t: 0.50001 }).eq12).toBe(false);
  });

  it('no kthBg (f = 0, or f > b): Eq. 11', () => {
    expect(decompose([0.7, 0.9], [0, 0], { t: 0.5 }).eq12).toBe(false); // f = 0, although mainAltered
    expect(decompose([0.9, 0.8, 0.7], [1, 1, 0], { t: 0.5 }).eq12).toBe(false); // f = 2 > b = 1
  });

  it('t = 0: any kthBg is ≥ 0; t = 1: only kthBg = 1', () => {
    expect(decompose([0.6, 0], [1, 0], { t: 0 }).eq12).toBe(true);
    expect(decompose([0.6, 0.99], [1, 0], { t: 1 }).eq12).toBe(false);
    expect(decompose([0.6, 1], [1, 0], { t: 1 }).eq12).toBe(true);
  });
});

describe('decompose: edge cases', () => {
  it('f = 0: no FN, kthBg null, all background is easy', () => {
    const d = decompose([0.7, 0.2], [0, 0], { t: 0.5, eps: 0.25 });
    expect([d.f, d.fnHard, d.fnSoft, d.eFgAbove, d.eFgBelow, d.kthBg]).toEqual([0, 0, 0, 0, 0, null]);
    expect(d.mainAltered).toBe(true);
    expectClose(d.fpMainW, 0.25 * 0.7, 1e-12);
    expectClose(d.fpBiasW, 0.25 * 0.2, 1e-12);
  });

  it('b = 0: no FP, every ε-weighted term is 0', () => {
    const d = decompose([0.7, 0.2], [1, 1], { t: 0.5, eps: 0.25 });
    expect([d.b, d.fpHard, d.fpSoft, d.eBgAbove, d.eBgBelow, d.kthBg, d.fpMainW, d.fpBiasW]).toEqual([
      0,
      0,
      0,
      0,
      0,
      null,
      0,
      0,
    ]);
    expect(d.fnHard).toBe(1);
    expectClose(d.fnMain, 0.8, 1e-12);
    expectClose(d.fnBias, 0.3, 1e-12);
  });

  it('b < f: kthBg null and H is the whole background, so ε changes nothing', () => {
    const d = decompose([0.9, 0.8, 0.7, 0.6], [1, 1, 1, 0], { t: 0.5, eps: 0 });
    expect(d.kthBg).toBeNull();
    expect(d.mainAltered).toBe(false);
    expectClose(d.fpMainW, 0.6, 1e-12);
    expect(d.fpBiasW).toBe(0);
  });

  it('t = 0: every BG pixel with p > 0 is a hard FP and every FG pixel a hard FN', () => {
    const d = decompose([0, 0.3, 1, 0.4], [0, 0, 1, 1], { t: 0 });
    expect(d.fpHard).toBe(1);
    expect(d.fnHard).toBe(2);
    expectClose(d.fnMain, 0.6, 1e-12);
    expect(d.fnBias).toBe(0);
  });

  it('t = 1: no hard FP; a hard FN only where p = 0', () => {
    const d = decompose([1, 0.3, 0, 0.4], [0, 0, 1, 1], { t: 1 });
    expect(d.fpHard).toBe(0);
    expect(d.fpBias).toBe(1.3);
    expect(d.fnHard).toBe(1);
    expectClose(d.fnBias, 0.6, 1e-12);
  });

  it('ties: all pixels equal to t', () => {
    const p = new Array(10).fill(0.5);
    const y = [1, 1, 0, 0, 0, 0, 0, 0, 0, 0];
    const d = decompose(p, y, { t: 0.5, eps: 0.1 });
    expect(d.fpHard).toBe(0); // 0.5 > 0.5 is false
    expect(d.fnHard).toBe(2); // 1 − 0.5 ≥ 0.5 is true
    expect(d.kthBg).toBe(0.5);
    expect(d.fpMainW).toBe(0);
    expectClose(d.fpBiasW, 2 * 0.5 + 0.1 * 6 * 0.5, 1e-12);
  });

  it('empty input and mismatched lengths', () => {
    expect(decompose([], [], { t: 0.5 }).fpSoft).toBe(0);
    expect(() => decompose([0.1], [], { t: 0.5 })).toThrow(RangeError);
  });

  it('handles 16 × 256 × 256 values', () => {
    const n = 16 * 256 * 256;
    const p = new Float32Array(n).map((_, i) => ((i * 2654435761) % 1000) / 1000);
    const y = new Uint8Array(n).map((_, i) => (i % 50 === 0 ? 1 : 0));
    const d = decompose(p, y, { t: 0.5, eps: 0.01 });
    expect(d.f + d.b).toBe(n);
    expect(d.kthBg).not.toBeNull();
  });
});
