/** The sorted values a chart draws and the ranks it samples them at (no DOM). */
import type * as d3 from 'd3';
import type { Side } from './types';

/** At most this many pixel columns are sampled (two ranks each): ≤ ~1500 curve points. */
const MAX_COLUMNS = 750;

/** Background p (side 'fp') or foreground error 1 − p (side 'fn') — the same float64 values decompose() sums — sorted descending. */
export function sortSide(p: ArrayLike<number>, y: ArrayLike<number>, side: Side): Float64Array {
  const n = Math.min(p.length, y.length);
  let count = 0;
  for (let i = 0; i < n; i++) if (y[i] > 0.5 === (side === 'fn')) count++;
  const out = new Float64Array(count);
  for (let i = 0, j = 0; i < n; i++) {
    const fg = y[i] > 0.5;
    if (side === 'fp' && !fg) out[j++] = p[i];
    else if (side === 'fn' && fg) out[j++] = 1 - p[i];
  }
  out.sort();
  out.reverse();
  return out;
}

/**
 * Ranks to draw: the first and last rank of every pixel column (the max/min envelope of a sorted
 * curve) plus the exact ranks where the picture changes (f, FP_hard and their successors).
 */
export function sampleRanks(
  n: number,
  x: d3.ScaleContinuousNumeric<number, number>,
  plotW: number,
  special: number[],
): number[] {
  const cols = Math.max(1, Math.min(MAX_COLUMNS, Math.ceil(plotW)));
  const out: number[] = [1, n];
  for (let c = 0; c <= cols; c++) {
    const r = x.invert((c / cols) * plotW) + 0.5;
    out.push(Math.floor(r), Math.ceil(r));
  }
  for (const r of special) out.push(r);
  const clamped = out.map((r) => Math.min(n, Math.max(1, r))).sort((a, b) => a - b);
  return clamped.filter((r, i) => i === 0 || r !== clamped[i - 1]);
}

/** A point of the curve: [rank position, value]. */
export type CurvePoint = [number, number];

/** Step curve over ranks [r0, r1] at the sampled ranks: rank r spans [r − ½, r + ½]; `scale` multiplies the values (ε). */
export function stepSegment(ranks: number[], sorted: Float64Array, r0: number, r1: number, scale = 1): CurvePoint[] {
  const pts: CurvePoint[] = [];
  for (const r of ranks) if (r >= r0 && r <= r1) pts.push([r - 0.5, scale * sorted[r - 1]]);
  if (pts.length) pts.push([r1 + 0.5, pts[pts.length - 1][1]]);
  return pts;
}
