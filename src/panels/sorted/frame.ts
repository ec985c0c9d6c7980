/**
 * The static layers of one chart (grid, axes, rank-f marker), kept while only t, ε or the values
 * change; the dynamic layers (legend, areas, threshold, crossing) are redrawn into their groups.
 */
import * as d3 from 'd3';
import type { DecompositionW } from '../../engine/protocol';
import { drawGridLines } from '../kit/axes';
import { measureParts, richText, type TextPart } from '../kit/text';
import { colors, HALO } from '../kit/theme';
import { printed } from '../equations/epsCase';
import { drawCurve, type AreaLayers } from './areas';
import { drawAxes, drawAxisTitles } from './axes';
import { LEGEND_X, MARGIN, type SortedLayout } from './layout';
import type { ChartInput, G } from './types';

export interface Frame {
  key: string;
  sorted: Float64Array;
  legend: G;
  areas: AreaLayers;
  marks: G;
  /** What the legend was last drawn from (it is redrawn only when that changes). */
  legendKey: string;
  /** The legend's shape (kit/legend.ts legendShape): the same shape is updated in place. */
  legendShape: string;
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
  drawAxes(plot, l);
  drawAxisTitles(plot, input, l);
  const marks = plot.append('g').attr('pointer-events', 'none');
  return { key: frameKey(input, l), sorted: input.sorted, legend, areas, marks, legendKey: '', legendShape: '' };
}

/** Rank f (Fig. 2): the f-th largest background prediction, the edge of Inter-CBL's hard set. */
function drawRankF(plot: G, d: DecompositionW, kthBg: number, l: SortedLayout): void {
  const fx = l.x(d.f + 0.5);
  const g = plot.append('g').attr('pointer-events', 'none');
  const line = g
    .append('line')
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
  const place = rankFLabelPlace(parts, fx, l.plotW);
  // A label that could go on neither side sits across the line: the line stops under it.
  if (place.across) line.attr('y2', -l.fBand + 19);
  richText(
    g
      .append('text')
      .attr('y', -l.fBand + 14)
      .attr('fill', colors.rank)
      .attr('font-size', 13),
    place.parts,
  )
    .attr('x', place.x)
    .attr('text-anchor', place.anchor);
}

/**
 * Right of the rank-f line if the label fits there, else left of it; if neither (rank f mid-plot
 * on a phone, as on the two-segment axis), as near the line as the panel allows, shortened to
 * "rank f = …" when the whole label is wider than the panel.
 */
function rankFLabelPlace(parts: TextPart[], fx: number, plotW: number) {
  const [x0, x1] = [-MARGIN.left + 2, plotW + MARGIN.right - 2];
  const w = measureParts(parts);
  if (fx + 6 + w <= x1) return { parts, x: fx + 6, anchor: 'start', across: false };
  if (fx - 6 - w >= x0) return { parts, x: fx - 6, anchor: 'end', across: false };
  const shown = w <= x1 - x0 ? parts : parts.slice(0, 1);
  return { parts: shown, x: Math.max(x0, x1 - measureParts(shown)), anchor: 'start', across: true };
}
