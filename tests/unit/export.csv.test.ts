import { describe, expect, it } from 'vitest';
import { decompose, decomposeFromHistogram, histogram, metrics, scoresFromCounts } from '../../src/core';
import { Rng } from '../../src/data';
import { CSV_COLUMNS, historyCsv } from '../../src/export/csv';
import { atThreshold, historyRow } from '../../src/state/historyMath';
import type { HistoryEntry } from '../../src/panels/types';
import { expectClose } from './helpers';

/**
 * Pixels whose background p all sit in distinct histogram bins (so the one bin holding the f-th
 * largest background p has one pixel, and the ε-weighted terms from the histogram are exact).
 */
function pixels(seed: number, f: number, b: number): { p: Float32Array; y: Float32Array } {
  const rng = new Rng(seed);
  const bins = Array.from({ length: 1000 }, (_, k) => k);
  for (let i = bins.length - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    [bins[i], bins[j]] = [bins[j], bins[i]];
  }
  const p = new Float32Array(f + b);
  const y = new Float32Array(f + b);
  for (let i = 0; i < b; i++) p[i] = (bins[i] + 0.5) / 1000;
  for (let i = b; i < f + b; i++) {
    y[i] = 1;
    p[i] = rng.uniform();
  }
  return { p, y };
}

function entry(
  step: number,
  seed: number,
  eps: number,
  f: number,
  b: number,
): { e: HistoryEntry; p: Float32Array; y: Float32Array } {
  const { p, y } = pixels(seed, f, b);
  const e: HistoryEntry = {
    step,
    stage: step > 10 ? 2 : 1,
    loss: step === 0 ? NaN : 1 / (step + 1),
    intra: step === 0 ? null : 0.3 / step,
    inter: step === 0 ? null : 0.1 / step,
    // Deliberately stale (as at log time): the CSV re-derives them at its t.
    dice: -1,
    iou: -1,
    fpHard: -1,
    fnHard: -1,
    hist: histogram(p, y, 1000),
    eps,
  };
  return { e, p, y };
}

function parse(text: string): string[][] {
  expect(text.endsWith('\n')).toBe(true);
  return text
    .trimEnd()
    .split('\n')
    .map((line) => line.split(','));
}

describe('history CSV', () => {
  const data = [
    entry(0, 1, 0.01, 30, 400),
    entry(5, 2, 0.05, 60, 300),
    entry(20, 3, 1, 10, 900),
    entry(21, 4, 0.2, 500, 200),
  ];
  const history = data.map((d) => d.e);

  for (const t of [0.5, 0.3, 0.9, 0.001]) {
    it(`t = ${t}: one row per logged point, every value exactly what the panels compute`, () => {
      const rows = parse(historyCsv(history, t));
      expect(rows[0]).toEqual([...CSV_COLUMNS]);
      expect(rows.length).toBe(history.length + 1);
      rows.slice(1).forEach((row, i) => {
        const e = history[i];
        const m = atThreshold(e, t);
        const r = historyRow(e, t);
        const expected = [
          e.step,
          e.stage,
          e.loss,
          e.intra,
          e.inter,
          m.dice,
          m.iou,
          m.fpHard,
          m.fnHard,
          r.fpMain,
          r.fpBias,
          r.fnMain,
          r.fnBias,
          r.fpMainW,
          r.fpBiasW,
          t,
          e.eps,
        ];
        expect(row.length).toBe(CSV_COLUMNS.length);
        row.forEach((cell, k) => {
          const want = expected[k];
          if (want === null) expect(cell).toBe('');
          else expect(Object.is(Number(cell), want)).toBe(true); // full precision: bit-exact after parsing
        });
      });
    });

    it(`t = ${t}: the values agree with decompose() at t and metrics at p > 0.5 on the raw pixels`, () => {
      const rows = parse(historyCsv(history, t)).slice(1);
      rows.forEach((row, i) => {
        const { p, y, e } = data[i];
        const col = (name: (typeof CSV_COLUMNS)[number]): number => Number(row[CSV_COLUMNS.indexOf(name)]);
        const d = decompose(p, y, { t, eps: e.eps });
        expect(col('fp_hard')).toBe(d.fpHard);
        expect(col('fn_hard')).toBe(d.fnHard);
        // Dice and IoU are test metrics: binarised at p > 0.5 whatever t is (docs/design.md §1.4b).
        const h = decomposeFromHistogram(e.hist, 0.5);
        const s = scoresFromCounts(h.f - h.fnHard, h.fpHard, h.fnHard);
        const m = metrics(p, y, 0.5);
        expect(s.dice).toBeCloseTo(m.dice, 12);
        expect(col('dice')).toBe(s.dice);
        expect(col('iou')).toBe(s.iou);
        for (const [name, want] of [
          ['fp_main', d.fpMain],
          ['fp_bias', d.fpBias],
          ['fn_main', d.fnMain],
          ['fn_bias', d.fnBias],
          ['fp_main_w', d.fpMainW],
          ['fp_bias_w', d.fpBiasW],
        ] as const) {
          expectClose(col(name), want, 1e-9, 1e-9);
        }
      });
    });
  }

  it('an empty history gives the header only', () => {
    expect(historyCsv([], 0.5)).toBe(`${CSV_COLUMNS.join(',')}\n`);
  });
});
