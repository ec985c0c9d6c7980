/**
 * Compare mode's overlay: its rows are the numbers the single-run panels show (decompose at t,
 * Dice/IoU at p > 0.5, the BG-bias share from the gradient histogram), and its CSV writes exactly
 * those rows for both runs.
 */
import { describe, expect, it } from 'vitest';
import { decompose, histogram, metrics, pixelGradients } from '../../src/core';
import { gradientHistogram } from '../../src/core/gradientHistogram';
import { Rng } from '../../src/data';
import { overlayCsv } from '../../src/export/overlayCsv';
import { overlayRows, overlaySteps } from '../../src/state/overlayQuantities';
import type { HistoryEntry } from '../../src/panels/types';
import { expectClose } from './helpers';

function pixels(seed: number, f: number, b: number): { p: Float32Array; y: Float32Array } {
  const rng = new Rng(seed);
  const p = new Float32Array(f + b);
  const y = new Float32Array(f + b);
  for (let i = 0; i < b; i++) p[i] = rng.uniform() ** 3;
  for (let i = b; i < f + b; i++) {
    y[i] = 1;
    p[i] = rng.uniform();
  }
  return { p, y };
}

function entry(step: number, seed: number, withGrad: boolean) {
  const { p, y } = pixels(seed, 40, 800);
  const g = pixelGradients('bce', p, y, 1, { tHard: 0.9, eps: 0.01, a: 0.5 });
  const gh = gradientHistogram(g, p, y);
  const e: HistoryEntry = {
    step,
    stage: 1,
    loss: 1,
    intra: null,
    inter: null,
    dice: -1,
    iou: -1,
    fpHard: -1,
    fnHard: -1,
    hist: histogram(p, y, 1000),
    eps: 0.01,
    grad: withGrad ? { trained: 'bce', trainedHist: gh, bceHist: gh } : undefined,
  };
  return { e, p, y, g };
}

describe('compare overlay', () => {
  const a = [entry(0, 1, true), entry(4, 2, true)];
  const b = [entry(0, 3, false), entry(6, 4, true)];

  for (const t of [0.5, 0.2]) {
    it(`t = ${t}: each row holds what the single-run panels compute on the same pixels`, () => {
      const rows = overlayRows(
        a.map((x) => x.e),
        t,
      );
      rows.forEach((r, i) => {
        const { p, y, g } = a[i];
        const d = decompose(p, y, { t, eps: 0.01 });
        expectClose(r.fpMain, d.fpMain, 1e-9, 1e-9);
        expectClose(r.fpBias, d.fpBias, 1e-9, 1e-9);
        expectClose(r.fnMain, d.fnMain, 1e-9, 1e-9);
        expectClose(r.fnBias, d.fnBias, 1e-9, 1e-9);
        expect(r.fpHard).toBe(d.fpHard);
        expect(r.fnHard).toBe(d.fnHard);
        expect(r.dice).toBeCloseTo(metrics(p, y, 0.5).dice, 12);
        let bgBelow = 0;
        let total = 0;
        for (let k = 0; k < p.length; k++) {
          total += g[k];
          if (y[k] === 0 && p[k] <= t) bgBelow += g[k];
        }
        expectClose(r.bgBiasShare, bgBelow / total, 1e-9, 1e-9);
      });
    });
  }

  it('a step without a gradient trace has no share, and the CSV leaves it empty', () => {
    const rowsB = overlayRows(
      b.map((x) => x.e),
      0.5,
    );
    expect(Number.isNaN(rowsB[0].bgBiasShare)).toBe(true);
    const rowsA = overlayRows(
      a.map((x) => x.e),
      0.5,
    );
    expect(overlaySteps([rowsA, rowsB])).toEqual([0, 6]);
    expect(overlaySteps([[], []])).toBeNull();
    const csv = overlayCsv(
      [
        { tag: 'A', settings: 'Balance loss', rows: rowsA },
        { tag: 'B', settings: 'BCE, "plain"', rows: rowsB },
      ],
      ['bgBiasShare', 'fpHard'],
      0.5,
    );
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe('run,settings,step,bg_bias_share,fp_hard,t');
    expect(lines).toHaveLength(1 + rowsA.length + rowsB.length);
    expect(lines[1]).toBe(`A,Balance loss,0,${rowsA[0].bgBiasShare},${rowsA[0].fpHard},0.5`);
    // Quoted where a field holds a comma or a quote (RFC 4180); the missing share is empty.
    expect(lines[3]).toBe(`B,"BCE, ""plain""",0,,${rowsB[0].fpHard},0.5`);
  });
});
