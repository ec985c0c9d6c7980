import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decompose, metrics } from '../../src/core';
import { expectClose, probability } from './helpers';

describe('metrics', () => {
  it('hand case: TP 2, FP 1, FN 1 at t = 0.5', () => {
    // FG p 0.9, 0.7 detected; FG 0.5 missed (1 − 0.5 ≥ 0.5); BG 0.6 is FP; BG 0.5 is not (0.5 > 0.5 false).
    const m = metrics([0.9, 0.7, 0.5, 0.6, 0.5, 0.1], [1, 1, 1, 0, 0, 0], 0.5);
    expect([m.tp, m.fp, m.fn]).toEqual([2, 1, 1]);
    expectClose(m.dice, 4 / 6, 1e-12);
    expectClose(m.iou, 2 / 4, 1e-12);
    expectClose(m.precision, 2 / 3, 1e-12);
    expectClose(m.recall, 2 / 3, 1e-12);
  });

  it('empty prediction of an empty mask is perfect; missing everything scores 0', () => {
    expect(metrics([0.1, 0.2], [0, 0], 0.5)).toMatchObject({ dice: 1, iou: 1, precision: 1, recall: 1 });
    expect(metrics([0.1, 0.2], [1, 0], 0.5)).toMatchObject({ dice: 0, iou: 0, recall: 0 });
  });

  it('uses the hard counts of the decomposition', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(probability, fc.constantFrom(0, 1)), { maxLength: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (pairs, t) => {
          const p = pairs.map(([v]) => v);
          const y = pairs.map(([, l]) => l);
          const m = metrics(p, y, t);
          const d = decompose(p, y, { t });
          expect([m.fp, m.fn, m.tp + m.fn]).toEqual([d.fpHard, d.fnHard, d.f]);
          expect(m.dice).toBeGreaterThanOrEqual(m.iou);
        },
      ),
    );
  });
});

describe('metrics from a histogram', () => {
  it('hard counts re-derived at a bin edge give the same scores as the pixels', async () => {
    const { decomposeFromHistogram, histogram, scoresFromCounts } = await import('../../src/core');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(probability, fc.constantFrom(0, 1)), { maxLength: 80 }),
        fc.integer({ min: 0, max: 1000 }),
        (pairs, j) => {
          const p = pairs.map(([v]) => v);
          const y = pairs.map(([, l]) => l);
          const t = j / 1000;
          const d = decomposeFromHistogram(histogram(p, y, 1000), t);
          expect(scoresFromCounts(d.f - d.fnHard, d.fpHard, d.fnHard)).toEqual(metrics(p, y, t));
        },
      ),
    );
  });
});
