/**
 * The equation panel's numeric rows (HTML, not KaTeX) show the numbers of src/core: checked on
 * random inputs against decompose, and the Eq. 11/12 per-set means against a direct computation
 * over the sorted background (H = the top f, E = the rest), independent of the panel's algebra.
 */
import { createElement, Fragment, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { decompose } from '../../src/core';
import { lossTerms } from '../../src/core/lossTerms';
import { Equations } from '../../src/panels/Equations';
import { BlocksOpen } from '../../src/panels/equations/Block';
import { epsCase } from '../../src/panels/equations/epsCase';
import { loadKatex } from '../../src/panels/equations/katexLoader';
import { epsRows, eq10Rows, eq9Rows, Num } from '../../src/panels/equations/numbers';

const text = (node: ReactNode): string =>
  renderToStaticMarkup(createElement(Fragment, null, node))
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, '');
const rowsText = (rows: ReactNode[]) => rows.map(text);

/** Written independently of Num: significant digits, exponent as ×10 with U+2212. */
function fmt(v: number, digits: number): string {
  const s = String(Number(v.toPrecision(digits)));
  const m = /^(-?[\d.]+)e([+-]\d+)$/.exec(s);
  return (m ? `${m[1]}×10${Number(m[2])}` : s).replace(/-/g, '−');
}

function mulberry(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function randomCase(seed: number) {
  const rnd = mulberry(seed);
  const n = 20 + Math.floor(rnd() * 400);
  const fgShare = 0.02 + rnd() * 0.3;
  const p = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = rnd() < fgShare ? 1 : 0;
    // Background skewed low, foreground skewed high, with overlap: both Eq. 11 and Eq. 12 occur.
    p[i] = y[i] ? 1 - rnd() ** 2 : rnd() ** (1 + rnd() * 3);
  }
  if (!y.includes(1)) y[0] = 1;
  return { p, y, t: 0.05 + rnd() * 0.9, eps: 10 ** (-3 * rnd()) * 0.999 };
}

describe('equation numbers', () => {
  it('Num: significant digits, ×10^k exponents, U+2212 minus', () => {
    expect(text(Num({ v: 394.43 }))).toBe('394.4');
    expect(text(Num({ v: 0.000032 }))).toBe('0.000032');
    expect(text(Num({ v: 3.2e-7 }))).toBe('3.2×10−7');
    expect(text(Num({ v: -1.5e21, digits: 3 }))).toBe('−1.5×1021');
    expect(text(Num({ v: 12.2249, digits: 3 }))).toBe('12.2');
    expect(text(Num({ v: Number.NaN }))).toBe('NaN');
  });

  it('Eq. 9 and Eq. 10 rows show decompose’s means, counts and terms (300 random cases)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const { p, y, t } = randomCase(seed);
      const d = decompose(p, y, { t, eps: 0.1 });
      expect(rowsText(eq9Rows(d))).toEqual([
        `=${fmt(d.eBgAbove, 3)}·${d.fpHard}+${fmt(d.eBgBelow, 3)}·(${d.b}−${d.fpHard})`,
        `=${fmt(d.fpMain, 4)}+${fmt(d.fpBias, 4)}=${fmt(d.fpSoft, 4)}`,
      ]);
      expect(rowsText(eq10Rows(d))).toEqual([
        `=${fmt(d.eFgBelow, 3)}·${d.fnHard}+${fmt(d.eFgAbove, 3)}·(${d.f}−${d.fnHard})`,
        `=${fmt(d.fnMain, 4)}+${fmt(d.fnBias, 4)}=${fmt(d.fnSoft, 4)}`,
      ]);
    }
  });

  it('Eq. 11/12 rows: per-set means equal direct means over H (top f) and E (the rest)', () => {
    let eq11 = 0;
    let eq12 = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const { p, y, t, eps } = randomCase(seed);
      const d = decompose(p, y, { t, eps });
      const bg = Array.from(p)
        .filter((_, i) => y[i] === 0)
        .sort((a, b) => b - a);
      if (d.f > d.b || d.f === 0) continue;
      const H = bg.slice(0, d.f);
      const E = bg.slice(d.f);
      const meanOf = (xs: number[]) => (xs.length ? xs.reduce((s, v) => s + v, 0) / xs.length : 0);
      const total = `=${fmt(d.fpMainW, 4)}+${fmt(d.fpBiasW, 4)}=${fmt(d.fpMainW + d.fpBiasW, 4)}`;
      const e = fmt(eps, 3);
      const c = epsCase(d, t, eps);
      // kthBg < t: Eq. 11; kthBg > t: Eq. 12 (random floats never hit kthBg = t exactly).
      expect(c.eq).toBe(d.kthBg !== null && d.kthBg >= t ? 12 : 11);
      expect(c.form).toBe(c.eq === 12 ? 'eq12' : 'eq11');
      const rows = rowsText(epsRows(d, eps, c.form));
      if (c.form === 'eq11') {
        expect(d.fpHard).toBeLessThan(d.f);
        eq11++;
        // Main: every p > t is in H. Bias: H's pixels at or below t, then all of E (weighted by ε).
        const hBelow = H.filter((v) => v <= t);
        expect(rows).toEqual([
          `=${fmt(d.eBgAbove, 3)}·${d.fpHard}+${fmt(meanOf(hBelow), 3)}·(${d.f}−${d.fpHard})+${e}·${fmt(meanOf(E), 3)}·(${d.b}−${d.f})`,
          total,
        ]);
      } else {
        expect(d.fpHard).toBeGreaterThanOrEqual(d.f);
        eq12++;
        // Main: all of H (above t), plus E's pixels above t weighted by ε. Bias: below t, all in E.
        const eAbove = E.filter((v) => v > t);
        expect(rows).toEqual([
          `=${fmt(meanOf(H), 3)}·${d.f}+${e}·${fmt(meanOf(eAbove), 3)}·(${d.fpHard}−${d.f})+${e}·${fmt(d.eBgBelow, 3)}·(${d.b}−${d.fpHard})`,
          total,
        ]);
      }
    }
    expect(eq11).toBeGreaterThan(30);
    expect(eq12).toBeGreaterThan(30);
  });

  it('ε = 1 or f > b: only the weighted total is shown', () => {
    const { p, y, t } = randomCase(7);
    const d = decompose(p, y, { t, eps: 1 });
    expect(rowsText(epsRows(d, 1, epsCase(d, t, 1).form))).toEqual([
      `=${fmt(d.fpMainW, 4)}+${fmt(d.fpBiasW, 4)}=${fmt(d.fpMainW + d.fpBiasW, 4)}`,
    ]);
    const few = decompose([0.9, 0.8, 0.2], [1, 1, 0], { t: 0.5, eps: 0.3 });
    expect(few.f).toBeGreaterThan(few.b);
    expect(epsCase(few, 0.5, 0.3).form).toBe('noEps');
    expect(rowsText(epsRows(few, 0.3, 'noEps'))).toEqual([
      `=${fmt(few.eBgAbove, 3)}·${few.fpHard}+${fmt(few.eBgBelow, 3)}·(${few.b}−${few.fpHard})`,
      `=${fmt(few.fpMainW, 4)}+${fmt(few.fpBiasW, 4)}=${fmt(few.fpMainW + few.fpBiasW, 4)}`,
    ]);
  });
});

describe('Equations panel (server-rendered)', () => {
  beforeAll(async () => {
    await loadKatex();
  });
  /** With every block open, as the gallery or a reader who opened them sees it. */
  const html = (props: Parameters<typeof Equations>[0]) =>
    renderToStaticMarkup(createElement(BlocksOpen.Provider, { value: true }, createElement(Equations, props)));
  const closedHtml = (props: Parameters<typeof Equations>[0]) => renderToStaticMarkup(createElement(Equations, props));
  const strip = (s: string) =>
    s
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, '');
  const ids = (s: string) => [...s.matchAll(/data-testid="([^"]+)"/g)].map((m) => m[1]);

  it('renders the new blocks with live loss numbers from p, y', () => {
    const { p, y, t } = randomCase(3);
    const d = decompose(p, y, { t, eps: 0.05 });
    const s = html({
      d,
      t,
      eps: 0.05,
      highlight: null,
      p,
      y,
      tHard: 0.9,
      a: 0.5,
      epsSetting: 0.05,
      switchRule: 'algorithm1',
    });
    for (const id of [
      'eq-9',
      'eq-10',
      'eq-3-8',
      'eq-1',
      'eq-8',
      'eq-intra',
      'eq-inter',
      'eq-balance',
      'eq-algorithm1',
      'eq-algorithm1-footnote',
    ])
      expect(ids(s)).toContain(id);
    const lt = lossTerms(p, y, { tHard: 0.9, eps: 0.05, a: 0.5 });
    const value = (id: string) => strip(new RegExp(`data-testid="${id}"[^>]*>(.*?)</b>`).exec(s)?.[1] ?? '');
    expect(value('eq-intra-value')).toBe(fmt(lt.intra.value, 4));
    expect(value('eq-inter-value')).toBe(fmt(lt.inter.valueEps, 4));
    expect(value('eq-balance-value')).toBe(fmt(lt.balance.value, 4));
  });

  it('closed by default, a block renders its summary (with the value) but not its body', () => {
    const { p, y, t } = randomCase(3);
    const d = decompose(p, y, { t, eps: 0.05 });
    const props = { d, t, eps: 0.05, highlight: null, p, y, tHard: 0.9, a: 0.5, epsSetting: 0.05 } as const;
    const closed = closedHtml(props);
    expect(closed).not.toMatch(/<details[^>]*open/);
    for (const id of ['eq-3-8', 'eq-intra', 'eq-inter', 'eq-balance', 'eq-algorithm1', 'eq-intra-value'])
      expect(ids(closed)).toContain(id);
    // Bodies (Eq. 1–8, the groups, the pseudocode) are not in the DOM until a block opens.
    for (const id of ['eq-1', 'eq-8', 'eq-intra-groups', 'eq-inter-sets', 'eq-algorithm1-footnote'])
      expect(ids(closed)).not.toContain(id);
    expect(ids(html(props))).toContain('eq-algorithm1-footnote');
    expect(html(props)).toMatch(/<details[^>]*open/);
    // Eq. 9 and 10 are typeset (KaTeX has loaded in beforeAll).
    expect(closed).toContain('class="katex"');
  });

  it('without p, y: symbolic only, values shown as —', () => {
    const { p, y, t } = randomCase(4);
    const d = decompose(p, y, { t, eps: 0.05 });
    const s = html({ d, t, eps: null, highlight: null });
    expect(ids(s)).toContain('eq-intra');
    expect(s).toContain('data-testid="eq-balance-value" class="eq-inline">—');
  });

  it('kthBg = t exactly: tagged Eq. 12, written in Eq. 11’s exact form', () => {
    // BG p = 0.8, 0.5, 0.5, 0.1 with f = 3: kthBg = 0.5 = t, FP_hard = 1 < f.
    const p = [0.9, 0.9, 0.9, 0.8, 0.5, 0.5, 0.1];
    const y = [1, 1, 1, 0, 0, 0, 0];
    const d = decompose(p, y, { t: 0.5, eps: 0.2 });
    const s = html({ d, t: 0.5, eps: 0.2, highlight: null, p, y });
    expect(s).toContain('data-testid="eq-12" data-form="eq11"');
    const caption = strip(/data-testid="eq-eps-caption">(.*?)<\/span><\/p>/.exec(s)?.[1] ?? '');
    expect(caption).toContain('=0.5=t=0.5');
    expect(caption).toContain('FPhard=1<f=3');
  });

  it('f = 0 and b = 0 render', () => {
    for (const [p, y] of [
      [
        [0.2, 0.7],
        [0, 0],
      ],
      [
        [0.2, 0.7],
        [1, 1],
      ],
    ]) {
      const d = decompose(p, y, { t: 0.5, eps: 0.1 });
      expect(() => html({ d, t: 0.5, eps: 0.1, highlight: null, p, y })).not.toThrow();
    }
  });
});
