import { describe, expect, it } from 'vitest';
import { decompose } from '../../src/core';
import { conceptPredictions, kumaraswamyQuantile } from '../../src/panels/conceptData';

const t = 0.5;

describe('conceptPredictions: deterministic parametric predictions for the concept panels', () => {
  it('is deterministic', () => {
    const a = conceptPredictions({ ratio: 37, quality: 0.42, f: 150 });
    const b = conceptPredictions({ ratio: 37, quality: 0.42, f: 150 });
    expect(Array.from(a.p)).toEqual(Array.from(b.p));
    expect(Array.from(a.y)).toEqual(Array.from(b.y));
  });

  it('has f foreground and round(ratio·f) background pixels, all values in [0, 1]', () => {
    for (const [ratio, f] of [
      [1, 200],
      [50, 200],
      [12.5, 40],
      [1000, 10],
      [3, 1],
    ] as const) {
      for (const quality of [0, 0.5, 1]) {
        const { p, y } = conceptPredictions({ ratio, quality, f });
        const b = Math.round(ratio * f);
        expect(p.length).toBe(f + b);
        expect(y.length).toBe(f + b);
        let fg = 0;
        let bad = 0;
        for (let i = 0; i < p.length; i++) {
          if (!(p[i] >= 0 && p[i] <= 1) || !(y[i] === 0 || y[i] === 1)) bad++;
          if (y[i] > 0.5) fg++;
        }
        expect(bad).toBe(0);
        expect(fg).toBe(f);
      }
    }
  });

  it('defaults to f = 200 and clamps the ratio to 1..1000', () => {
    expect(conceptPredictions({ ratio: 50, quality: 0.5 }).p.length).toBe(200 + 10_000);
    expect(conceptPredictions({ ratio: 0.1, quality: 0.5, f: 10 }).p.length).toBe(20);
    expect(conceptPredictions({ ratio: 5000, quality: 0.5, f: 2 }).p.length).toBe(2 + 2000);
  });

  it('inverts the Kumaraswamy CDF', () => {
    for (const [a, k] of [
      [1, 1],
      [2.5, 1],
      [1.75, 4.5],
      [1, 26.5],
    ]) {
      for (const u of [0.01, 0.3, 0.5, 0.9, 0.999]) {
        const x = kumaraswamyQuantile(u, a, k);
        expect(1 - Math.pow(1 - Math.pow(x, a), k)).toBeCloseTo(u, 10);
      }
    }
  });

  it('at fixed quality the bias grows linearly with the ratio while e_bg^{>t}, FP_hard and FP_main stay put', () => {
    for (const quality of [0.4, 0.5, 0.8]) {
      const ratios = [2, 10, 50, 200, 1000];
      const ds = ratios.map((ratio) => {
        const { p, y } = conceptPredictions({ ratio, quality });
        return decompose(p, y, { t });
      });
      for (const d of ds) {
        expect(d.eBgAbove).toBe(ds[0].eBgAbove);
        expect(d.fpHard).toBe(ds[0].fpHard);
        expect(d.fpMain).toBe(ds[0].fpMain);
      }
      // Slope of FP_bias per unit of ratio: the same between any two ratios (affine in b).
      const slopes = ds.slice(1).map((d, i) => (d.fpBias - ds[i].fpBias) / (ratios[i + 1] - ratios[i]));
      for (const s of slopes) expect(Math.abs(s / slopes[slopes.length - 1] - 1)).toBeLessThan(0.02);
      // And it is a real growth: from ratio 10 to 1000 the bias is ≳ 50× larger.
      expect(ds[4].fpBias / ds[1].fpBias).toBeGreaterThan(40);
    }
  });

  it('at quality 0.5, t = 0.5, ratio 50 a clear majority of FP_soft is bias, and Eq. 11 applies', () => {
    const { p, y } = conceptPredictions({ ratio: 50, quality: 0.5 });
    const d = decompose(p, y, { t, eps: 0.01 });
    expect(d.fpHard).toBeGreaterThan(0);
    expect(d.fpBias / d.fpSoft).toBeGreaterThan(0.8);
    expect(d.mainAltered).toBe(false);
  });

  it('at poor quality the main term is altered by ε (Eq. 12: FP_hard > f)', () => {
    const { p, y } = conceptPredictions({ ratio: 50, quality: 0 });
    expect(decompose(p, y, { t }).mainAltered).toBe(true);
  });

  it('higher quality → lower FP_soft and FN_soft', () => {
    for (const ratio of [1, 50, 500]) {
      let prev = { fp: Infinity, fn: Infinity };
      for (let quality = 0; quality <= 1.0001; quality += 0.1) {
        const { p, y } = conceptPredictions({ ratio, quality });
        const d = decompose(p, y, { t });
        expect(d.fpSoft).toBeLessThan(prev.fp);
        expect(d.fnSoft).toBeLessThan(prev.fn);
        prev = { fp: d.fpSoft, fn: d.fnSoft };
      }
    }
  });
});
