/**
 * The Eq. 11/12 caption logic (docs/design.md §1.4b) and the Fig. 2 legend's area claims
 * (docs/design.md §1.1): Eq. 12 ⇔ kthBg ≥ t, and no caption states an inequality that is false for
 * the numbers it shows. Edge cases: FP_hard = f, kthBg = t, f = 0, b = 0, f > b, and kthBg so close
 * to t that three digits would print them equal.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decompose } from '../../src/core';
import { lossTerms } from '../../src/core/lossTerms';
import { distinctDigits, epsCase, partsText, usesEq12 } from '../../src/panels/equations/epsCase';
import { legendItems, scaleNote } from '../../src/panels/sorted/captions';
import type { TextPart } from '../../src/panels/kit/text';

/**
 * Every "x op y" between two printed numbers, allowing a "name =" before y ("7 > f = 5",
 * "0.62 > t = 0.5"), must hold for the printed numbers.
 */
function falseInequalities(text: string): string[] {
  const bad: string[] = [];
  const re = /(-?\d+(?:\.\d+)?(?:e-?\d+)?)\s*([<>≤≥=])\s*(?:[A-Za-z]+\s*=\s*)?(-?\d+(?:\.\d+)?(?:e-?\d+)?)/g;
  for (const m of text.matchAll(re)) {
    const [x, op, y] = [Number(m[1]), m[2], Number(m[3])];
    const ok = op === '<' ? x < y : op === '>' ? x > y : op === '≤' ? x <= y : op === '≥' ? x >= y : x === y;
    if (!ok) bad.push(m[0]);
  }
  return bad;
}

const D = (f: number, b: number, fpHard: number, kthBg: number | null) => ({ f, b, fpHard, kthBg });
const text = (parts: TextPart[]) => partsText(parts);

describe('the checker itself', () => {
  it('finds false inequalities', () => {
    expect(falseInequalities('(FPhard = 5 > f = 5)')).toEqual(['5 > f = 5']);
    expect(falseInequalities('sort = 0.5 > t = 0.5')).toEqual(['0.5 > t = 0.5']);
    expect(falseInequalities('0.62 ≥ t = 0.5, 3 < f = 5')).toEqual([]);
  });
});

describe('usesEq12', () => {
  it('is kthBg ≥ t, or the decomposition’s own eq12 field when it has one', () => {
    expect(usesEq12(D(5, 100, 7, 0.6), 0.5)).toBe(true);
    expect(usesEq12(D(5, 100, 4, 0.5), 0.5)).toBe(true);
    expect(usesEq12(D(5, 100, 3, 0.4), 0.5)).toBe(false);
    expect(usesEq12(D(0, 100, 3, null), 0.5)).toBe(false);
    expect(usesEq12({ ...D(5, 100, 3, 0.4), eq12: true }, 0.5)).toBe(true);
  });
});

describe('epsCase', () => {
  it('FP_hard > f, kthBg > t: Eq. 12, main term altered', () => {
    const c = epsCase(D(5, 100, 7, 0.62), 0.5, 0.01);
    expect([c.eq, c.form, c.relation, c.mainAltered]).toEqual([12, 'eq12', '>', true]);
    expect(text(c.caption)).toContain('FPhard = 7 > f = 5');
    expect(text(c.caption)).toContain('0.62 > t = 0.5');
    expect(falseInequalities(text(c.caption))).toEqual([]);
  });

  it('FP_hard = f: Eq. 12 (kthBg > t), never "FP_hard = 5 > f = 5"; the main term is unchanged', () => {
    const c = epsCase(D(5, 100, 5, 0.7), 0.5, 0.01);
    expect([c.eq, c.form, c.relation, c.mainAltered]).toEqual([12, 'eq12', '>', false]);
    const s = text(c.caption);
    expect(s).not.toMatch(/5 > f = 5/);
    expect(s).toContain('FPhard = f = 5');
    expect(s).toContain('only shrinks the bias');
    expect(falseInequalities(s)).toEqual([]);
    expect(text(c.short)).toContain('= f');
    expect(text(c.short)).not.toContain('> f');
  });

  it('kthBg = t: Eq. 12 by the paper’s condition, stated as "= t", with Eq. 11’s exact split', () => {
    const c = epsCase(D(5, 100, 3, 0.5), 0.5, 0.01);
    expect([c.eq, c.form, c.relation, c.mainAltered]).toEqual([12, 'eq11', '=', false]);
    const s = text(c.caption);
    expect(s).toContain('= 0.5 = t = 0.5');
    expect(s).not.toMatch(/0\.5 [<>] t/);
    expect(s).toContain('FPhard = 3 < f = 5');
    expect(falseInequalities(s)).toEqual([]);
    expect(text(c.short)).toContain('= t');
  });

  it('kthBg < t: Eq. 11', () => {
    const c = epsCase(D(5, 100, 2, 0.3), 0.5, 0.01);
    expect([c.eq, c.form, c.relation]).toEqual([11, 'eq11', '<']);
    expect(falseInequalities(text(c.caption))).toEqual([]);
  });

  it('kthBg within 1e−4 of t prints with enough digits to be true as shown', () => {
    const above = epsCase(D(5, 100, 5, 0.50004), 0.5, 0.01);
    expect(text(above.caption)).toContain('0.50004 > t = 0.5');
    const below = epsCase(D(5, 100, 4, 0.49996), 0.5, 0.01);
    expect(text(below.caption)).toContain('0.49996 < t = 0.5');
    expect(distinctDigits(0.50004, 0.5)).toBe(5);
    expect(distinctDigits(0.5, 0.5)).toBe(3);
    expect(distinctDigits(0.1234, 0.9)).toBe(3);
  });

  it('f = 0, b = 0, f > b: no Eq. 11/12 condition, and the caption says why', () => {
    const f0 = epsCase(D(0, 100, 4, null), 0.5, 0.01);
    expect([f0.eq, f0.form, f0.mainAltered]).toEqual([null, 'allEps', true]);
    expect(text(f0.caption)).toContain('FPhard = 4 > f = 0');
    const f0clean = epsCase(D(0, 100, 0, null), 0.5, 0.01);
    expect([f0clean.form, f0clean.mainAltered]).toEqual(['allEps', false]);
    const b0 = epsCase(D(10, 0, 0, null), 0.5, 0.01);
    expect([b0.eq, b0.form]).toEqual([null, 'noEps']);
    const fb = epsCase(D(10, 4, 2, null), 0.5, 0.01);
    expect([fb.eq, fb.form, fb.mainAltered]).toEqual([null, 'noEps', false]);
    expect(text(fb.caption)).toContain('f = 10 > b = 4');
    for (const c of [f0, f0clean, b0, fb]) expect(falseInequalities(text(c.caption))).toEqual([]);
  });

  it('f = 0: the caption and the loss block say what the code computes (FP with ε = ε·FP, the loss ignores ε)', () => {
    const p = [0.7, 0.9, 0.2, 0.05, 0.3];
    const y = [0, 0, 0, 0, 0];
    const t = 0.5;
    const eps = 0.01;
    const d = decompose(p, y, { t, eps });
    // The decomposition: H is empty, so every background pixel weighs ε, the main term too.
    expect(d.fpMainW).toBeCloseTo(eps * d.fpMain, 15);
    expect(d.fpBiasW).toBeCloseTo(eps * d.fpBias, 15);
    // The loss: the same value at every ε and under the authors' form.
    const values = (['reference', 0, eps, 0.5, 1] as const).map((e) => lossTerms(p, y, { eps: e }).inter.value);
    for (const v of values) expect(v).toBeCloseTo(values[0], 15);
    // The caption names both.
    const s = text(epsCase(d, t, eps).caption);
    expect(s).toContain('puts ε = 0.01 on every background pixel, the main term too (FPhard = 2 > f = 0)');
    expect(s).toContain('The loss does not');
    expect(s).toContain('background term is ΣBG ℓ / N whatever ε');
    expect(text(epsCase(d, t, eps).short)).toContain('the loss ignores ε');
  });

  it('f = b: E is empty, so ε changes nothing (said in the caption)', () => {
    const c = epsCase(D(4, 4, 2, 0.3), 0.5, 0.01);
    expect(c.form).toBe('eq11');
    expect(text(c.caption)).toContain('b − f = 0');
  });

  it('on random images: Eq. 12 ⇔ kthBg ≥ t, the form is exact, every printed inequality holds', () => {
    const pixels = fc.integer({ min: 1, max: 60 }).chain((len) =>
      fc.record({
        // Coarse values make ties with t and FP_hard = f frequent.
        p: fc.array(
          fc.integer({ min: 0, max: 10 }).map((k) => k / 10),
          { minLength: len, maxLength: len },
        ),
        y: fc.array(fc.constantFrom(0, 1), { minLength: len, maxLength: len }),
      }),
    );
    fc.assert(
      fc.property(
        pixels,
        fc.integer({ min: 0, max: 10 }).map((k) => k / 10),
        ({ p, y }, t) => {
          const d = decompose(p, y, { t, eps: 0.1 });
          const c = epsCase(d, t, 0.1);
          if (d.b > 0 && d.f >= 1 && d.f <= d.b) expect(c.eq).toBe(usesEq12(d, t) ? 12 : 11);
          // The form's assumption holds: eq11 ⇔ every pixel above t in the top f; eq12 ⇔ top f all above t.
          if (c.form === 'eq11') expect(d.fpHard).toBeLessThanOrEqual(d.f);
          if (c.form === 'eq12') expect(d.fpHard).toBeGreaterThanOrEqual(d.f);
          expect(c.mainAltered).toBe(d.fpHard > d.f && d.b > 0);
          expect(falseInequalities(text(c.caption))).toEqual([]);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('Fig. 2 legend', () => {
  const d = decompose([0.9, 0.8, 0.7, 0.6, 0.2, 0.1, 0.05, 0.01], [1, 0, 0, 0, 0, 0, 0, 1], { t: 0.5, eps: 0.1 });

  it('claims "area = sum" only on a linear rank axis', () => {
    expect(text(scaleNote({ kind: 'linear' }, 'fp'))).toContain('each area is the sum it labels');
    expect(text(scaleNote({ kind: 'log' }, 'fp'))).toBe('log rank axis: areas are not to scale');
    const log = legendItems(d, 0.5, 0.1, 'fp', { kind: 'log' }, 'x').map((i) => text(i.parts));
    expect(log.join('|')).toContain('areas are not to scale');
    expect(log.join('|')).not.toContain('each area is');
  });

  it('on two segments claims areas to scale within each segment only, and names the widening', () => {
    const note = text(scaleNote({ kind: 'twoSegment', headEnd: 400, headW: 600, widen: 148.5 }, 'fp'));
    expect(note).toBe(
      'two-segment rank axis: areas to scale within each segment; the head (ranks 1–400) is widened ×149',
    );
    expect(note).not.toContain('each area is the sum');
  });

  it('says why head mode drew one linear segment, and then claims area = sum', () => {
    const none = text(scaleNote({ kind: 'oneSegment', reason: 'noForeground' }, 'fp'));
    expect(none).toBe('linear rank axis (f = 0, no head to widen): each area is the sum it labels (total FPsoft)');
    const large = text(scaleNote({ kind: 'oneSegment', reason: 'headTooLarge' }, 'fn'));
    expect(large).toBe(
      'linear rank axis (no head to widen: ranks 1–2f are over 25% of all): each area is the sum it labels (total FNsoft)',
    );
  });

  it('the case item follows epsCase: FP_hard = 3 > f = 2 here', () => {
    const items = legendItems(d, 0.5, 0.1, 'fp', { kind: 'linear' }, 'x');
    const kase = items.find((i) => i.testId === 'x-case');
    expect(kase && text(kase.parts)).toContain('main term altered');
    // At t = 0.8, kthBg = 0.7 < t: Eq. 11.
    const d2 = decompose([0.9, 0.8, 0.7, 0.6, 0.2, 0.1, 0.05, 0.01], [1, 0, 0, 0, 0, 0, 0, 1], { t: 0.8, eps: 0.1 });
    const k2 = legendItems(d2, 0.8, 0.1, 'fp', { kind: 'linear' }, 'x').find((i) => i.testId === 'x-case');
    expect(k2 && text(k2.parts)).toContain('Eq. 11');
    // At t = 0.7, kthBg = 0.7 = t: Eq. 12 at equality, FP_hard = 1 < f = 2.
    const d3 = decompose([0.9, 0.8, 0.7, 0.6, 0.2, 0.1, 0.05, 0.01], [1, 0, 0, 0, 0, 0, 0, 1], { t: 0.7, eps: 0.1 });
    const k3 = legendItems(d3, 0.7, 0.1, 'fp', { kind: 'linear' }, 'x').find((i) => i.testId === 'x-case');
    expect(k3 && text(k3.parts)).toContain('= t');
  });
});
