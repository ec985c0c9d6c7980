/**
 * lossTerms (docs/design.md §1.3) against a naive re-implementation (full sort, filters, no
 * quickselect), hand-computed cases and the edge cases: f = 0, b < f, all p equal, t_h at 0 and 1,
 * ε at 0 and 1, ε = f/N reproducing the authors' form; the 'reference' form against tfjs.
 */
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { decompose } from '../../src/core';
import { interCBL, intraCBL } from '../../src/losses';
import { clampP, lossTerms, switchFlags } from '../../src/core/lossTerms';
import { asMaps, expectClose, probability, useCpu } from './helpers';

const sum = (xs: number[]) => xs.reduce((s, v) => s + v, 0);
const mean = (xs: number[]) => (xs.length ? sum(xs) / xs.length : 0);

/** The definitions of docs/design.md §1.3, read literally. */
function naive(p: number[], y: number[], tHard: number, eps: number | 'reference', a: number) {
  const fg = p.map(clampP).filter((_, i) => y[i] > 0.5);
  const bg = p
    .map(clampP)
    .filter((_, i) => !(y[i] > 0.5))
    .sort((u, v) => v - u);
  const N = p.length;
  const f = fg.length;
  const b = bg.length;
  const fgCE = fg.map((q) => -Math.log(q));
  const bgCE = bg.map((q) => -Math.log(1 - q));
  const intra =
    mean(fg.filter((q) => q <= tHard).map((q) => -Math.log(q))) +
    mean(fg.filter((q) => q > tHard).map((q) => -Math.log(q))) +
    mean(bg.filter((q) => 1 - q <= tHard).map((q) => -Math.log(1 - q))) +
    mean(bg.filter((q) => 1 - q > tHard).map((q) => -Math.log(1 - q)));
  const H = bgCE.slice(0, Math.min(f, b));
  const E = bgCE.slice(Math.min(f, b));
  const reference = f === 0 ? sum(bgCE) / N : mean(fgCE) + mean(H) + sum(E) / N;
  const e = eps === 'reference' ? f / N : eps;
  const withEps = f === 0 ? sum(bgCE) / N : mean(fgCE) + (b === 0 ? 0 : (sum(H) + e * sum(E)) / H.length);
  const inter = eps === 'reference' ? reference : withEps;
  return { intra, reference, withEps, inter, balance: a * intra + (1 - a) * inter, h: H.length, e: E.length };
}

const pixels = fc.integer({ min: 1, max: 300 }).chain((len) =>
  fc.record({
    p: fc.array(probability, { minLength: len, maxLength: len }),
    y: fc.array(fc.constantFrom(0, 1), { minLength: len, maxLength: len }),
  }),
);
const tHardArb = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 0.5, 0.9, 1));
const epsArb = fc.oneof(
  fc.constant<'reference'>('reference'),
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.constantFrom(0, 1),
);
const aArb = fc.double({ min: 0, max: 1, noNaN: true });

describe('lossTerms', () => {
  beforeAll(useCpu);

  it('equals the naive definitions on random inputs', () => {
    fc.assert(
      fc.property(pixels, tHardArb, epsArb, aArb, ({ p, y }, tHard, eps, a) => {
        const r = naive(p, y, tHard, eps, a);
        const lt = lossTerms(p, y, { tHard, eps, a });
        expectClose(lt.intra.value, r.intra, 1e-12, 1e-12);
        expectClose(lt.inter.valueReference, r.reference, 1e-12, 1e-12);
        expectClose(lt.inter.valueEps, r.withEps, 1e-12, 1e-12);
        expectClose(lt.inter.value, r.inter, 1e-12, 1e-12);
        expectClose(lt.balance.value, r.balance, 1e-12, 1e-12);
        expect([lt.inter.h, lt.inter.e]).toEqual([r.h, r.e]);
        const g = lt.intra.groups;
        expect(g.fgHard.count + g.fgEasy.count).toBe(lt.inter.f);
        expect(g.bgHard.count + g.bgEasy.count).toBe(lt.inter.b);
        // The group sums partition the per-pixel CE, and H ∪ E partitions the background.
        expectClose(g.fgHard.sumCE + g.fgEasy.sumCE, lt.inter.fgSum, 1e-12, 1e-12);
        expectClose(g.bgHard.sumCE + g.bgEasy.sumCE, lt.inter.bgSum, 1e-12, 1e-12);
        expectClose(lt.inter.hSum + lt.inter.eSum, lt.inter.bgSum, 1e-12, 1e-12);
      }),
      { numRuns: 300 },
    );
  });

  it('ε = f/N gives the authors’ form (f ≥ 1)', () => {
    fc.assert(
      fc.property(pixels, ({ p, y }) => {
        const f = y.filter((v) => v > 0.5).length;
        const lt = lossTerms(p, y, { eps: f / p.length });
        expectClose(lt.inter.valueEps, lt.inter.valueReference, 1e-12, 1e-12);
        expect(lossTerms(p, y, { eps: 'reference' }).inter.epsEquivalent).toBe(f / p.length);
      }),
      { numRuns: 200 },
    );
  });

  it('matches the tfjs Intra-CBL and Inter-CBL (reference) on one image', () => {
    fc.assert(
      fc.property(pixels, fc.constantFrom(0.5, 0.8, 0.9), ({ p, y }, tHard) => {
        // tfjs runs in float32: keep p off the clamp (1 − 1e−7 rounds in float32) and off the t_h
        // boundary, where float32 rounding flips a pixel's group.
        const pf = p.map((v) => {
          const q = 1e-4 + v * (1 - 2e-4);
          return Math.fround(Math.abs(q - tHard) < 1e-5 || Math.abs(1 - q - tHard) < 1e-5 ? q / 2 : q);
        });
        const lt = lossTerms(pf, y, { tHard });
        const [intra, inter] = tf.tidy(() => [
          intraCBL(asMaps(pf, 1), asMaps(y, 1), { tHard }).arraySync(),
          interCBL(asMaps(pf, 1), asMaps(y, 1)).arraySync(),
        ]);
        expectClose(lt.intra.value, intra as number, 1e-4, 1e-4);
        expectClose(lt.inter.valueReference, inter as number, 1e-4, 1e-4);
      }),
      { numRuns: 40 },
    );
  });

  it('a hand-computed image', () => {
    // FG p = 0.95, 0.5; BG p = 0.8, 0.3, 0.05, 0.05. f = 2, b = 4, N = 6, t_h = 0.9.
    const p = [0.95, 0.5, 0.8, 0.3, 0.05, 0.05];
    const y = [1, 1, 0, 0, 0, 0];
    const lt = lossTerms(p, y, { tHard: 0.9, eps: 'reference', a: 0.5 });
    const L = (v: number) => -Math.log(v);
    const g = lt.intra.groups;
    expect([g.fgHard.count, g.fgEasy.count, g.bgHard.count, g.bgEasy.count]).toEqual([1, 1, 2, 2]);
    expectClose(g.fgHard.meanCE, L(0.5), 1e-15);
    expectClose(g.fgEasy.meanCE, L(0.95), 1e-15);
    expectClose(g.bgHard.meanCE, (L(0.2) + L(0.7)) / 2, 1e-15);
    expectClose(g.bgEasy.meanCE, L(0.95), 1e-15);
    const intra = L(0.5) + L(0.95) + (L(0.2) + L(0.7)) / 2 + L(0.95);
    expectClose(lt.intra.value, intra, 1e-15);
    // H = {0.8, 0.3}, E = {0.05, 0.05}.
    expect([lt.inter.h, lt.inter.e]).toEqual([2, 2]);
    const fgMean = (L(0.95) + L(0.5)) / 2;
    const inter = fgMean + (L(0.2) + L(0.7)) / 2 + (2 * L(0.95)) / 6;
    expectClose(lt.inter.valueReference, inter, 1e-15);
    expectClose(lt.balance.value, 0.5 * intra + 0.5 * inter, 1e-15);
    const eps = lossTerms(p, y, { eps: 0.1 }).inter;
    expectClose(eps.valueEps, fgMean + (L(0.2) + L(0.7) + 0.1 * 2 * L(0.95)) / 2, 1e-15);
  });

  it('edge cases: f = 0, b < f, all p equal, t_h at 0 and 1, ε at 0 and 1', () => {
    const L = (v: number) => -Math.log(v);
    // f = 0: Inter's BG term is Σ_BG ℓ / N whatever ε; no FG group.
    for (const eps of ['reference', 0, 0.3, 1] as const) {
      const z = lossTerms([0.2, 0.4], [0, 0], { eps });
      expectClose(z.inter.value, (L(0.8) + L(0.6)) / 2, 1e-15);
      expect([z.inter.h, z.inter.e, z.inter.fgMean]).toEqual([0, 2, 0]);
    }
    // b < f: H is the whole background, E is empty: both forms agree.
    const few = lossTerms([0.9, 0.6, 0.7, 0.2], [1, 1, 1, 0], { eps: 0 });
    expect([few.inter.h, few.inter.e, few.inter.eSum]).toEqual([1, 0, 0]);
    expectClose(few.inter.valueEps, few.inter.valueReference, 1e-15);
    expectClose(few.inter.valueEps, (L(0.9) + L(0.6) + L(0.7)) / 3 + L(0.8), 1e-15);
    // All p equal: ties fill H by count.
    const flat = lossTerms(new Array(10).fill(0.5), [1, 1, 0, 0, 0, 0, 0, 0, 0, 0], { eps: 0.25 });
    expectClose(flat.inter.hSum, 2 * L(0.5), 1e-15);
    expectClose(flat.inter.eSum, 6 * L(0.5), 1e-15);
    // t_h = 0: every pixel with p̃ > 0 is easy; t_h = 1: every pixel is hard.
    const p = [0.99, 0.3, 0.6, 0.01];
    const y = [1, 1, 0, 0];
    const g0 = lossTerms(p, y, { tHard: 0 }).intra.groups;
    expect([g0.fgHard.count, g0.fgEasy.count, g0.bgHard.count, g0.bgEasy.count]).toEqual([0, 2, 0, 2]);
    const g1 = lossTerms(p, y, { tHard: 1 }).intra.groups;
    expect([g1.fgHard.count, g1.fgEasy.count, g1.bgHard.count, g1.bgEasy.count]).toEqual([2, 0, 2, 0]);
    // ε = 0: pure top-f mining; ε = 1: every background pixel weighs like a hard one.
    const e0 = lossTerms(p, y, { eps: 0 }).inter;
    expectClose(e0.valueEps, e0.fgMean + e0.hMean, 1e-15);
    const e1 = lossTerms(p, y, { eps: 1 }).inter;
    expectClose(e1.valueEps, e1.fgMean + e1.bgSum / e1.h, 1e-15);
    // Clamping: p = 0 on FG and p = 1 on BG give −log(1e−7), not ∞.
    const c = lossTerms([0, 1], [1, 0]);
    expect(Number.isFinite(c.balance.value)).toBe(true);
    expectClose(c.intra.groups.fgHard.meanCE, -Math.log(1e-7), 1e-12);
    // b = 0: no background term in either form.
    const allFg = lossTerms([0.9, 0.6], [1, 1], { eps: 0.2 });
    expectClose(allFg.inter.valueEps, (L(0.9) + L(0.6)) / 2, 1e-15);
    expectClose(allFg.inter.valueReference, (L(0.9) + L(0.6)) / 2, 1e-15);
    // Empty image.
    expect(lossTerms([], []).balance.value).toBe(0);
    expect(() => lossTerms([0.5], [1], { eps: 2 })).toThrow(RangeError);
  });
});

describe('switchFlags (Algorithm 1, one image)', () => {
  it('rule code and rule algorithm1 on a hand-made image', () => {
    // FG p = 0.95, 0.6 (f = 2); BG p = 0.2, 0.05, 0.01.
    const s = switchFlags([0.95, 0.6, 0.2, 0.05, 0.01], [1, 1, 0, 0, 0], 0.9);
    // code: f-th largest of y(1 − p̃) = 2nd of {0.05, 0.4, 0, 0, 0} = 0.05 ≤ 0.1 → fgOK (the best FG pixel is ≥ t_h).
    expectClose(s.code.fg.kth, 0.05, 1e-12);
    expect(s.code.fg.ok).toBe(true);
    // code: 2nd largest of (1 − y)p̃ = 0.05 ≤ 0.1 → bgOK.
    expectClose(s.code.bg.kth, 0.05, 1e-12);
    expect(s.code.bg.ok).toBe(true);
    // algorithm1: 2nd largest of y·p̃ = 0.6 < 0.9 → not OK (every FG pixel must reach t_h).
    expectClose(s.algorithm1.fg.kth, 0.6, 1e-12);
    expect(s.algorithm1.fg.ok).toBe(false);
    // algorithm1: 2nd largest of (1 − y)(1 − p̃) = 0.95 ≥ 0.9 → OK.
    expectClose(s.algorithm1.bg.kth, 0.95, 1e-12);
    expect(s.algorithm1.bg.ok).toBe(true);
  });

  it("rule 'code': bgOK ⇔ kthBg ≤ 1 − t_h, which implies Eq. 11 (kthBg < t) only when 1 − t_h < t", () => {
    const image = fc
      .integer({ min: 2, max: 40 })
      .chain((len) =>
        fc.record({
          p: fc.array(
            fc.integer({ min: 1, max: 99 }).map((k) => k / 100),
            { minLength: len, maxLength: len },
          ),
          y: fc.array(fc.constantFrom(0, 1), { minLength: len, maxLength: len }),
        }),
      )
      .filter(({ y }) => y.some((v) => v === 1) && y.filter((v) => v === 0).length >= y.filter((v) => v === 1).length);
    const grid = fc.integer({ min: 1, max: 99 }).map((k) => k / 100);
    fc.assert(
      fc.property(image, grid, grid, ({ p, y }, t, tHard) => {
        const { kthBg } = decompose(p, y, { t });
        const bg = switchFlags(p, y, tHard).code.bg;
        expect(bg.ok).toBe(kthBg !== null && kthBg <= 1 - tHard);
        if (bg.ok && 1 - tHard < t) expect(kthBg! < t).toBe(true);
      }),
      { numRuns: 500 },
    );
    // 1 − t_h ≥ t: an image can pass bgOK in the Eq. 12 case (kthBg ≥ t).
    const eq12Pass = (p: number[], y: number[], t: number, tHard: number) => {
      const { kthBg } = decompose(p, y, { t });
      return switchFlags(p, y, tHard).code.bg.ok && kthBg !== null && kthBg >= t;
    };
    expect(eq12Pass([0.95, 0.08, 0.02, 0.01], [1, 0, 0, 0], 0.05, 0.9)).toBe(true); // kthBg 0.08 ∈ [0.05, 0.1]
    expect(eq12Pass([0.95, 0.5, 0.2, 0.1], [1, 0, 0, 0], 0.5, 0.5)).toBe(true); // kthBg = 0.5 = t = 1 − t_h
    expect(eq12Pass([0.95, 0.08, 0.02, 0.01], [1, 0, 0, 0], 0.5, 0.9)).toBe(false); // the defaults: Eq. 11
  });

  it('f = 0 passes both rules', () => {
    const s = switchFlags([0.7, 0.8], [0, 0]);
    expect([s.code.fg.ok, s.code.bg.ok, s.algorithm1.fg.ok, s.algorithm1.bg.ok]).toEqual([true, true, true, true]);
  });
});
