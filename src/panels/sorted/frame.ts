/**
 * The static layers of one chart (grid, axes, rank-f marker), kept while only t, ε or the values
 * change; the dynamic layers (legend, areas, threshold, crossing) are redrawn into their groups.
 */
import * as d3 from 'd3';
import type { DecompositionW } from '../../engine/protocol';
import { drawGridLines } from '../kit/axes';
import { measureParts, richText, type TextPart } from '../kit/text';
import { colors, HALO, INK, MUTED, PANEL_FONT } from '../kit/theme';
import { printed } from '../equations/epsCase';
import { drawCurve, type AreaLayers } from './areas';
import { LEGEND_X, MARGIN, type SortedLayout } from './layout';
import type { ChartInput, G, RankScale } from './types';

export interface Frame {
  key: string;
  sorted: Float64Array;
  legend: G;
  areas: AreaLayers;
  marks: G;
  /** What the legend was last drawn from (it is redrawn only when that changes). */
  legendKey: string;
}

/** Everything the static layers depend on: a change of any of it rebuilds the frame. */
export function frameKey(input: ChartInput, l: SortedLayout): string {
  const { width, height, xScale, side, d, testId } = input;
  return [width, height, l.n, xScale, side, l.top, d.b, d.f, d.kthBg, l.digits, testId].join('|');
}

export function buildFrame(
  root: d3.Selection<SVGSVGElement, unknown, null, undefined>,
  input: ChartInput,
  l: SortedLayout,
): Frame {
  const legend = root.append('g').attr('transform', `translate(${LEGEND_X},6)`);
  const plot = root.append('g').attr('transform', `translate(${MARGIN.left},${l.top})`);
  const clipId = `clip-${input.testId.replace(/[^a-zA-Z0-9_-]/g, '')}`;
  plot.append('clipPath').attr('id', clipId).append('rect').attr('width', l.plotW).attr('height', l.plotH);
  drawGridLines(plot, [0.25, 0.5, 0.75, 1], l.y, l.plotW, colors.grid).attr('pointer-events', 'none');
  const clipped = plot.append('g').attr('clip-path', `url(#${clipId})`);
  const defs = plot.append('defs');
  const fills = clipped.append('g');
  const curves = clipped.append('g');
  const areas: AreaLayers = { fills, curves, defs, clipBase: clipId, paths: drawCurve(curves, input.sorted, l) };
  if (l.showF && input.d.kthBg !== null) drawRankF(plot, input.d, input.d.kthBg, l);
  drawAxes(plot, input.xScale, l);
  drawAxisTitles(plot, input, l);
  const marks = plot.append('g').attr('pointer-events', 'none');
  return { key: frameKey(input, l), sorted: input.sorted, legend, areas, marks, legendKey: '' };
}

/** Rank f (Fig. 2): the f-th largest background prediction, the edge of Inter-CBL's hard set. */
function drawRankF(plot: G, d: DecompositionW, kthBg: number, l: SortedLayout): void {
  const fx = l.x(d.f + 0.5);
  const g = plot.append('g').attr('pointer-events', 'none');
  g.append('line')
    .attr('x1', fx)
    .attr('x2', fx)
    .attr('y1', l.plotH)
    .attr('y2', -l.fBand + 6)
    .attr('stroke', colors.rank)
    .attr('stroke-width', 1.75)
    .attr('stroke-dasharray', '4 3');
  g.append('circle')
    .attr('cx', l.x(d.f))
    .attr('cy', l.y(kthBg))
    .attr('r', 4.5)
    .attr('fill', colors.rank)
    .attr('stroke', HALO)
    .attr('stroke-width', 1.5);
  const parts: TextPart[] = [
    { text: `rank f = ${d.f}`, bold: true },
    '   sort',
    { text: 'des', sub: true },
    '(p',
    { text: 'bg', sub: true },
    ')',
    { text: 'f', sub: true },
    ` = ${printed(kthBg, l.digits)}`,
  ];
  const right = fx + 6 + measureParts(parts) <= l.plotW + MARGIN.right - 2;
  richText(
    g
      .append('text')
      .attr('y', -l.fBand + 14)
      .attr('fill', colors.rank)
      .attr('font-size', 13),
    parts,
  )
    .attr('x', right ? fx + 6 : fx - 6)
    .attr('text-anchor', right ? 'start' : 'end');
}

const tickFmt = d3.format('~s');

/** The rank axis: linear from rank 1, or log with labels only at powers of ten. */
function rankAxis(xScale: RankScale, l: SortedLayout): d3.Axis<d3.NumberValue> {
  const axis = d3.axisBottom(l.x).tickSizeOuter(0);
  if (xScale === 'log') {
    const ticks = (l.x.ticks(Math.max(2, Math.floor(l.plotW / 60))) as number[]).filter((v) => v >= 1);
    return axis.tickValues(ticks).tickFormat((v) => {
      const e = Math.log10(Number(v));
      return Math.abs(e - Math.round(e)) < 1e-9 ? tickFmt(Number(v)) : '';
    });
  }
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

function drawAxes(plot: G, xScale: RankScale, l: SortedLayout): void {
  plot.append('g').attr('transform', `translate(0,${l.plotH})`).call(rankAxis(xScale, l)).call(styleSortedAxis);
  plot
    .append('g')
    .call(d3.axisLeft(l.y).tickValues([0, 0.25, 0.5, 0.75, 1]).tickFormat(d3.format('~g')).tickSizeOuter(0))
    .call(styleSortedAxis);
}

/** The rank axis title, shortened when the long one would not fit under the plot. */
function rankTitle({ side, d, xScale }: ChartInput, plotW: number): TextPart[] {
  const fp = side === 'fp';
  const axisNote = xScale === 'log' ? ', log scale' : ', linear';
  const xNote: TextPart = { text: `  (${fp ? `b = ${d.b}` : `f = ${d.f}`}${axisNote})`, muted: true };
  const xLong: TextPart[] = [
    fp ? 'rank of background pixel, sorted by p descending' : 'rank of foreground pixel, sorted by 1 − p descending',
    xNote,
  ];
  const xShort: TextPart[] = [fp ? 'rank by p, descending' : 'rank by 1 − p, descending', xNote];
  return measureParts(xLong) > plotW + 2 * MARGIN.right - 4 ? xShort : xLong;
}

function drawAxisTitles(plot: G, input: ChartInput, l: SortedLayout): void {
  richText(
    plot
      .append('text')
      .attr('x', l.plotW / 2)
      .attr('y', l.plotH + 38)
      .attr('text-anchor', 'middle')
      .attr('fill', INK)
      .attr('font-size', 13),
    rankTitle(input, l.plotW),
  );
  plot
    .append('text')
    .attr('transform', `translate(${-42},${l.plotH / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .attr('fill', INK)
    .attr('font-size', 13)
    .text(input.side === 'fp' ? 'background p' : 'foreground error 1 − p');
}
