/**
 * Fig. 2's rank axis (docs/design.md §1.1a): one linear scale, a log scale, or two linear
 * segments — the head, ranks 1…HEAD_K·f, on 60% of the width and the tail on the rest, so
 * the crossing with t, the FP-main area and rank f can be seen at 1:200. Areas are to scale
 * within each segment, never across them. Pure functions, no DOM.
 */
import * as d3 from 'd3';
import type { RankScale } from './types';

/**
 * The head ends at rank HEAD_K·f. With 2 it holds H (ranks 1…f, where ε does not reach) and as
 * many easy ranks after it, so rank f sits mid-head with ε's scaled rest beside it, and the
 * crossing with t is in the head whenever FP_hard ≤ 2f (every explorer setting at t ≥ 0.5). A
 * larger k thins the head: at 3, the explorer's default 20 hard FPs are under 24 px on a
 * 1920 px projector (issue 23).
 */
export const HEAD_K = 2;
/**
 * Share of the plot's width the head takes. The crossing, FP_main, rank f and ε's edge all live
 * there; the tail only has to show how long and how low it runs. On the 1920 px projector at
 * 1:200, the explorer's default FP_main (20 ranks) is 19 px wide at 0.4, 24 px at 0.5, 29 px at 0.6.
 */
export const HEAD_FRACTION = 0.6;
/**
 * Two segments only when the head is at most this share of the ranks (b ≥ 8f on the FP side):
 * then a head rank is drawn at least 4.5× a tail rank. A larger head is seen on one linear axis.
 */
export const MAX_HEAD_SHARE = 0.25;

/** Why head mode draws one linear segment instead of two. */
export type OneSegmentReason = 'noForeground' | 'headTooLarge';

export type RankAxis =
  | { kind: 'linear' }
  | { kind: 'log' }
  /** Ranks 1…headEnd over [0, headW] px, the rest over [headW, plotW]; a head rank is `widen`× a tail rank. */
  | { kind: 'twoSegment'; headEnd: number; headW: number; widen: number }
  /** Head mode asked for, but one linear segment drawn, for `reason`. */
  | { kind: 'oneSegment'; reason: OneSegmentReason };

/** How much wider a head rank is than a tail rank; it depends on n and the head, not on the width. */
export function widening(n: number, headEnd: number): number {
  const widen = (HEAD_FRACTION * (n - headEnd)) / ((1 - HEAD_FRACTION) * headEnd);
  // 0.6 and 0.4 are not exact in binary: without this, 1:200's 148.5 would print as ×148.
  return Number(widen.toPrecision(12));
}

/** The axis for `mode` over ranks 1…n with f foreground pixels on a plot `plotW` px wide. */
export function rankAxisOf(mode: RankScale, n: number, f: number, plotW: number): RankAxis {
  if (mode === 'linear' || mode === 'log') return { kind: mode };
  const fg = Math.max(0, Math.round(f));
  if (fg < 1) return { kind: 'oneSegment', reason: 'noForeground' };
  const headEnd = HEAD_K * fg;
  if (headEnd > MAX_HEAD_SHARE * n) return { kind: 'oneSegment', reason: 'headTooLarge' };
  return { kind: 'twoSegment', headEnd, headW: HEAD_FRACTION * plotW, widen: widening(n, headEnd) };
}

/**
 * The x scale: rank r spans [r − ½, r + ½]. Two segments are one continuous, increasing,
 * piecewise-linear scale through (½, 0), (headEnd + ½, headW) and (n + ½, plotW).
 */
export function rankScale(axis: RankAxis, n: number, plotW: number): d3.ScaleContinuousNumeric<number, number> {
  const ends = [0.5, n + 0.5];
  if (axis.kind === 'log') return d3.scaleLog().domain(ends).range([0, plotW]);
  if (axis.kind !== 'twoSegment') return d3.scaleLinear().domain(ends).range([0, plotW]);
  return d3
    .scaleLinear()
    .domain([0.5, axis.headEnd + 0.5, n + 0.5])
    .range([0, axis.headW, plotW]);
}

/** The widening as printed: whole above 10 ("×99"), one decimal below ("×2.5"). */
export function widenLabel(widen: number): string {
  return `×${widen >= 10 ? Math.round(widen) : Number(widen.toFixed(1))}`;
}
