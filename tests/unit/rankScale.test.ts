/**
 * Fig. 2's rank axis (docs/design.md §1.1a): the two-segment scale is one continuous, increasing,
 * piecewise-linear map of ranks to pixels, linear within each segment (so areas are to scale
 * there), with the head widened by exactly the factor the legend prints; head mode falls back to
 * one linear segment, and says why, when f = 0 or the head is over a quarter of the ranks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HEAD_FRACTION,
  HEAD_K,
  MAX_HEAD_SHARE,
  rankAxisOf,
  rankScale,
  widening,
  widenLabel,
} from '../../src/panels/sorted/rankScale';
import { sampleRanks } from '../../src/panels/sorted/sampling';

/** (n, f, plotW) for which head mode draws two segments. */
const twoSegmentCases = fc
  .record({
    f: fc.integer({ min: 1, max: 2000 }),
    extra: fc.integer({ min: 0, max: 300_000 }),
    plotW: fc.integer({ min: 40, max: 3000 }),
  })
  .map(({ f, extra, plotW }) => ({ f, n: Math.ceil((HEAD_K * f) / MAX_HEAD_SHARE) + extra, plotW }));

describe('two-segment rank scale', () => {
  it('at 1:200 (f = 200, b = 40 000): ranks 1–400 on 60% of the width, a head rank 148.5× a tail rank', () => {
    const axis = rankAxisOf('head', 40_000, 200, 1000);
    expect(axis).toMatchObject({ kind: 'twoSegment', headEnd: 400 });
    if (axis.kind !== 'twoSegment') return;
    expect(axis.headW).toBeCloseTo(600, 9);
    expect(axis.widen).toBeCloseTo(148.5, 9);
    const x = rankScale(axis, 40_000, 1000);
    expect(x(20.5) - x(0.5)).toBeCloseTo(30, 9);
    expect(widenLabel(148.5)).toBe('×149');
  });

  it('is continuous and strictly increasing, from 0 at rank ½ to plotW at rank n + ½', () => {
    fc.assert(
      fc.property(twoSegmentCases, ({ n, f, plotW }) => {
        const axis = rankAxisOf('head', n, f, plotW);
        if (axis.kind !== 'twoSegment') throw new Error(`expected two segments at n = ${n}, f = ${f}`);
        const x = rankScale(axis, n, plotW);
        expect(x(0.5)).toBeCloseTo(0, 9);
        expect(x(n + 0.5)).toBeCloseTo(plotW, 6);
        // The boundary: the head's end and the tail's start meet at headW, approached from either side.
        const edge = axis.headEnd + 0.5;
        expect(x(edge)).toBeCloseTo(axis.headW, 9);
        expect(Math.abs(x(edge - 1e-6) - axis.headW)).toBeLessThan(1e-3);
        expect(Math.abs(x(edge + 1e-6) - axis.headW)).toBeLessThan(1e-3);
        const ranks = [1, 2, axis.headEnd - 1, axis.headEnd, axis.headEnd + 1, axis.headEnd + 2, n - 1, n];
        const xs = ranks
          .filter((r) => r >= 1 && r <= n)
          .sort((a, b) => a - b)
          .map((r) => x(r));
        for (let i = 1; i < xs.length; i++) expect(xs[i]).toBeGreaterThanOrEqual(xs[i - 1]);
        expect(x(axis.headEnd + 1)).toBeGreaterThan(x(axis.headEnd));
      }),
      { numRuns: 300 },
    );
  });

  it('is linear within each segment, and a head rank is `widen` tail ranks wide', () => {
    fc.assert(
      fc.property(twoSegmentCases, ({ n, f, plotW }) => {
        const axis = rankAxisOf('head', n, f, plotW);
        if (axis.kind !== 'twoSegment') throw new Error('expected two segments');
        const x = rankScale(axis, n, plotW);
        const headRank = axis.headW / axis.headEnd;
        const tailRank = (plotW - axis.headW) / (n - axis.headEnd);
        for (const r of [1, Math.ceil(axis.headEnd / 2), axis.headEnd])
          expect(x(r + 0.5) - x(r - 0.5)).toBeCloseTo(headRank, 6);
        for (const r of [axis.headEnd + 1, Math.ceil((axis.headEnd + n) / 2), n])
          expect(x(r + 0.5) - x(r - 0.5)).toBeCloseTo(tailRank, 6);
        expect(headRank / tailRank).toBeCloseTo(axis.widen, 6);
        expect(axis.widen).toBeCloseTo(widening(n, axis.headEnd), 9);
        expect(axis.headW).toBeCloseTo(HEAD_FRACTION * plotW, 9);
      }),
      { numRuns: 300 },
    );
  });

  it('inverts to the rank it maps, so the curve is sampled at every pixel column of both segments', () => {
    const axis = rankAxisOf('head', 40_000, 200, 967);
    const x = rankScale(axis, 40_000, 967);
    for (const r of [1, 20, 200, 400, 401, 5000, 40_000]) expect(x.invert(x(r))).toBeCloseTo(r, 6);
    // A head rank is 1.45 px wide here: every rank of the head, FP_main's 20 included, is drawn.
    const sampled = new Set(sampleRanks(40_000, x, 967, [200, 201]));
    for (let r = 1; r <= 400; r++) expect(sampled.has(r)).toBe(true);
  });
});

describe('head mode falls back to one linear segment', () => {
  it('without foreground (f = 0, or f rounding to 0): no head', () => {
    expect(rankAxisOf('head', 10_000, 0, 800)).toEqual({ kind: 'oneSegment', reason: 'noForeground' });
    expect(rankAxisOf('head', 10_000, 0.4, 800)).toEqual({ kind: 'oneSegment', reason: 'noForeground' });
    expect(rankAxisOf('head', 10_000, -3, 800)).toEqual({ kind: 'oneSegment', reason: 'noForeground' });
  });

  it('when ranks 1…2f reach past a quarter of the ranks: f ≥ b, tiny b, the FN side (n = f)', () => {
    for (const [n, f] of [
      [200, 200],
      [150, 200],
      [1, 1],
      [3, 1],
      [7, 1],
      [799, 100],
      [200, 200],
    ])
      expect(rankAxisOf('head', n, f, 800)).toEqual({ kind: 'oneSegment', reason: 'headTooLarge' });
  });

  it('switches to two segments exactly when the head is a quarter of the ranks (b = 8f)', () => {
    expect(rankAxisOf('head', 800, 100, 800).kind).toBe('twoSegment');
    expect(rankAxisOf('head', 799, 100, 800).kind).toBe('oneSegment');
    const least = rankAxisOf('head', 8, 1, 800);
    expect(least).toMatchObject({ kind: 'twoSegment', headEnd: 2, headW: 480 });
    // The least widening two segments draw: 0.6 / 0.4 · (8 − 2) / 2.
    expect(least.kind === 'twoSegment' && least.widen).toBeCloseTo(4.5, 9);
  });

  it('draws the one segment exactly as the linear axis', () => {
    for (const [n, f] of [
      [150, 200],
      [10_000, 0],
      [1, 1],
    ]) {
      const one = rankScale(rankAxisOf('head', n, f, 500), n, 500);
      const linear = rankScale(rankAxisOf('linear', n, f, 500), n, 500);
      expect(one.domain()).toEqual(linear.domain());
      expect(one.range()).toEqual(linear.range());
      for (const r of [0.5, 1, n / 2, n, n + 0.5]) expect(one(r)).toBeCloseTo(linear(r), 12);
    }
  });

  it('leaves linear and log as they were', () => {
    expect(rankAxisOf('linear', 40_000, 200, 900)).toEqual({ kind: 'linear' });
    const log = rankScale(rankAxisOf('log', 40_000, 200, 900), 40_000, 900);
    expect(log(0.5)).toBeCloseTo(0, 9);
    expect(log(40_000.5)).toBeCloseTo(900, 6);
    expect(log(Math.sqrt(0.5 * 40_000.5))).toBeCloseTo(450, 6);
  });
});

describe('widening label', () => {
  it('prints whole factors from 10 and one decimal below', () => {
    expect(widenLabel(148.5)).toBe('×149');
    expect(widenLabel(10)).toBe('×10');
    expect(widenLabel(4.5)).toBe('×4.5');
    expect(widenLabel(6)).toBe('×6');
  });
});
