/**
 * The axes of a sorted-predictions chart: the rank axis (linear, log, or two linear segments with
 * a drawn break, docs/design.md §1.1a), the value axis and their titles.
 */
import * as d3 from 'd3';
import { measureParts, richText, textWidth, type TextPart } from '../kit/text';
import { HALO, INK, MUTED, PANEL_FONT } from '../kit/theme';
import { MARGIN, type SortedLayout } from './layout';
import { widenLabel } from './rankScale';
import type { ChartInput, G } from './types';

const tickFmt = d3.format('~s');

/** Room a tick label keeps from the axis break, in px (the break's strokes and a label's half width). */
const BREAK_CLEAR = { left: 22, right: 34 };
/** The seam's label stays this far right of the value axis (its tick labels and the curve's start). */
const SEAM_LABEL_CLEAR = 40;

/** Ticks of two segments: each segment's own round ranks, the head's last rank, none crowding the break. */
function twoSegmentTicks(l: SortedLayout, headEnd: number, headW: number): number[] {
  const head = d3
    .ticks(1, headEnd, Math.max(2, Math.floor(headW / 70)))
    .filter((v) => v > 1 && headW - l.x(v) >= BREAK_CLEAR.left);
  const tail = d3
    .ticks(headEnd, l.n, Math.max(1, Math.floor((l.plotW - headW) / 80)))
    .filter((v) => v > headEnd && l.x(v) - headW >= BREAK_CLEAR.right);
  return [1, ...head, headEnd, ...tail];
}

/** The rank axis: linear from rank 1, log with labels only at powers of ten, or two segments. */
function rankAxis(l: SortedLayout): d3.Axis<d3.NumberValue> {
  const axis = d3.axisBottom(l.x).tickSizeOuter(0);
  if (l.axis.kind === 'log') {
    const ticks = (l.x.ticks(Math.max(2, Math.floor(l.plotW / 60))) as number[]).filter((v) => v >= 1);
    return axis.tickValues(ticks).tickFormat((v) => {
      const e = Math.log10(Number(v));
      return Math.abs(e - Math.round(e)) < 1e-9 ? tickFmt(Number(v)) : '';
    });
  }
  if (l.axis.kind === 'twoSegment')
    return axis.tickValues(twoSegmentTicks(l, l.axis.headEnd, l.axis.headW)).tickFormat((v) => tickFmt(Number(v)));
  const ticks = (l.x.ticks(Math.max(2, Math.floor(l.plotW / 80))) as number[]).filter((v) => v > 1);
  return axis.tickValues(l.n <= 2 ? [1, l.n] : [1, ...ticks]).tickFormat((v) => tickFmt(Number(v)));
}

/** Heavier than the kit's axes: this chart's axes frame the areas whose size is the point. */
function styleSortedAxis(g: G): void {
  g.attr('font-family', PANEL_FONT).attr('font-size', 12).attr('pointer-events', 'none');
  g.selectAll('.domain').attr('stroke', MUTED).attr('stroke-width', 1.5);
  g.selectAll('.tick line').attr('stroke', MUTED).attr('stroke-width', 1.5);
  g.selectAll('.tick text').attr('fill', INK);
}

/**
 * Where the scale changes: a gap with two slanted strokes in the rank axis, a dotted seam up
 * through the plot, and over the head the widening ("ranks 1–400 ×99"), so no one reads an area
 * across the seam as to scale.
 */
function drawAxisBreak(plot: G, l: SortedLayout, headEnd: number, headW: number, widen: number): void {
  const g = plot.append('g').attr('class', 'axis-break').attr('pointer-events', 'none');
  g.append('line')
    .attr('x1', headW)
    .attr('x2', headW)
    .attr('y1', 0)
    .attr('y2', l.plotH)
    .attr('stroke', MUTED)
    .attr('stroke-width', 1.25)
    .attr('stroke-dasharray', '2 3');
  g.append('rect')
    .attr('x', headW - 5)
    .attr('y', l.plotH - 4)
    .attr('width', 10)
    .attr('height', 8)
    .attr('fill', HALO);
  for (const dx of [-5, 5])
    g.append('line')
      .attr('x1', headW + dx - 3)
      .attr('x2', headW + dx + 3)
      .attr('y1', l.plotH + 6)
      .attr('y2', l.plotH - 6)
      .attr('stroke', INK)
      .attr('stroke-width', 1.5);
  // Clear of the value axis and of the rank-f line (mid-head when f is the head's half).
  const from = Math.max(SEAM_LABEL_CLEAR, l.showF ? l.x(l.fRank + 0.5) + 8 : 0);
  const label = [`ranks 1–${headEnd} widened ${widenLabel(widen)}`, widenLabel(widen)].find(
    (text) => textWidth(text, 12) <= headW - 6 - from,
  );
  if (label)
    g.append('text')
      .attr('x', headW - 6)
      .attr('y', 12)
      .attr('text-anchor', 'end')
      .attr('fill', MUTED)
      .attr('font-size', 12)
      .attr('paint-order', 'stroke')
      .attr('stroke', HALO)
      .attr('stroke-width', 4)
      .attr('stroke-linejoin', 'round')
      .text(label);
}

export function drawAxes(plot: G, l: SortedLayout): void {
  plot.append('g').attr('transform', `translate(0,${l.plotH})`).call(rankAxis(l)).call(styleSortedAxis);
  if (l.axis.kind === 'twoSegment') drawAxisBreak(plot, l, l.axis.headEnd, l.axis.headW, l.axis.widen);
  plot
    .append('g')
    .call(d3.axisLeft(l.y).tickValues([0, 0.25, 0.5, 0.75, 1]).tickFormat(d3.format('~g')).tickSizeOuter(0))
    .call(styleSortedAxis);
}

/** What the title says of the rank axis, long and short. */
const AXIS_NOTE: Record<SortedLayout['axis']['kind'], [string, string]> = {
  linear: [', linear', ', linear'],
  oneSegment: [', linear', ', linear'],
  log: [', log scale', ', log'],
  twoSegment: [', two linear segments', ', 2 segments'],
};

/** The rank axis title: the longest of its wordings that fits under the plot. */
function rankTitle({ side, d }: ChartInput, l: SortedLayout): TextPart[] {
  const fp = side === 'fp';
  const count = fp ? `b = ${d.b}` : `f = ${d.f}`;
  const note = (i: 0 | 1): TextPart => ({ text: `  (${count}${AXIS_NOTE[l.axis.kind][i]})`, muted: true });
  const long = fp
    ? 'rank of background pixel, sorted by p descending'
    : 'rank of foreground pixel, sorted by 1 − p descending';
  const short = fp ? 'rank by p, descending' : 'rank by 1 − p, descending';
  const wordings: TextPart[][] = [
    [long, note(0)],
    [short, note(0)],
    [short, note(1)],
    [short, { text: `  (${AXIS_NOTE[l.axis.kind][1].slice(2)})`, muted: true }],
  ];
  return wordings.find((w) => measureParts(w) <= l.plotW + 2 * MARGIN.right - 4) ?? wordings[3];
}

export function drawAxisTitles(plot: G, input: ChartInput, l: SortedLayout): void {
  richText(
    plot
      .append('text')
      .attr('x', l.plotW / 2)
      .attr('y', l.plotH + 38)
      .attr('text-anchor', 'middle')
      .attr('fill', INK)
      .attr('font-size', 13),
    rankTitle(input, l),
  );
  plot
    .append('text')
    .attr('transform', `translate(${-42},${l.plotH / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .attr('fill', INK)
    .attr('font-size', 13)
    .text(input.side === 'fp' ? 'background p' : 'foreground error 1 − p');
}
