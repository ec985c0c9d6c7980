/** Draws the main-vs-bias history: legend, count and step axes, stage-2 rule, curves and hover. */
import * as d3 from 'd3';
import type { HistoryRow } from '../../state/historyMath';
import { drawGridLines, logTicks, styleAxis } from '../kit/axes';
import { clearChart, drawStepAxis, drawSwitchRule, setChartText, stepScale, switchX } from '../kit/stepAxis';
import { layoutLegend, renderLegend, type LegendItem } from '../kit/legend';
import { colors, MUTED } from '../kit/theme';
import type { HistorySync, TermId } from '../types';
import { CURVES, fmtCount, type Curve, type CurveId } from './curves';
import { drawHover } from './hover';

type Svg = d3.Selection<SVGSVGElement, unknown, null, undefined>;
type G = d3.Selection<SVGGElement, unknown, null, undefined>;
type CountScale = d3.ScaleContinuousNumeric<number, number>;

export interface DrawOptions {
  logY: boolean;
  switchedAt: number | null;
  showW: boolean;
  sync: HistorySync | null;
  onHover: (term: TermId | null) => void;
}

export function drawHistory(
  svgEl: SVGSVGElement,
  rows: readonly HistoryRow[],
  size: { width: number; height: number },
  o: DrawOptions,
): void {
  const svg = clearChart(svgEl);
  const { width, height } = size;
  if (width < 50 || rows.length === 0) return;
  setChartText(svg);
  const curves = CURVES.filter((c) => c.id !== 'fpBiasW' || o.showW);

  // Legend first: its height (one or two rows) sets the top margin.
  const margin = { top: drawCurveLegend(svg, curves, width, o.onHover) + 20, right: 16, bottom: 36, left: 62 };
  const iw = width - margin.left - margin.right;
  const ih = height - margin.top - margin.bottom;
  if (iw < 20 || ih < 20) return;

  const x = stepScale(o.sync ? o.sync.steps : (d3.extent(rows.map((r) => r.step)) as [number, number]), iw);
  const { y, floor } = countScale(rows, curves, o, ih);
  const plot = svg.append('g').attr('transform', `translate(${margin.left},${margin.top})`);
  drawCountAxis(plot, y, o.logY, iw, ih);
  drawStepAxis(plot, x, iw, ih, { captionY: 31 });
  plot
    .append('text')
    .attr('transform', `translate(${-50},${ih / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .attr('fill', MUTED)
    .text(o.logY ? 'soft pixel count (log)' : 'soft pixel count');
  const sx = switchX(x, o.switchedAt);
  if (sx !== null) drawStage2Rule(plot, sx, iw, ih);

  const paths = curvePaths(rows, curves, x, y, o.logY ? floor : null);
  drawCurves(plot, curves, paths);
  drawHover(plot, { rows, curves, paths, x, y, floor, logY: o.logY, iw, ih, onHover: o.onHover });
}

/**
 * One item per curve, drawn like its line, wrapping to the width; hovering one names its term.
 * Returns the legend's height.
 */
function drawCurveLegend(svg: Svg, curves: readonly Curve[], width: number, onHover: DrawOptions['onHover']): number {
  const items: LegendItem[] = curves.map((c) => ({
    parts: [c.label],
    swatch: { color: c.color, line: { width: 3, dash: c.dashed ? '6 4' : undefined } },
    terms: [c.id],
    hoverTerm: c.id,
  }));
  const { pos, lines, height } = layoutLegend(items, width - 16);
  const legend = svg.append('g').attr('transform', 'translate(8,4)').attr('font-size', 13);
  renderLegend(legend, items, pos, lines, onHover);
  return height;
}

/**
 * The count axis over every drawn curve (and the other runs' in compare mode). On the log axis
 * values far below the largest are clipped at `floor`, so a curve that goes to 0 drops out of
 * sight instead of stretching the axis over twenty decades.
 */
function countScale(
  rows: readonly HistoryRow[],
  curves: readonly Curve[],
  o: DrawOptions,
  ih: number,
): { y: CountScale; floor: number } {
  let maxV = 0;
  let minPos = Infinity;
  for (const r of rows) {
    for (const c of curves) {
      const v = r[c.id];
      if (v > maxV) maxV = v;
      if (v > 0 && v < minPos) minPos = v;
    }
  }
  if (o.sync) {
    maxV = Math.max(maxV, o.sync.yMax);
    minPos = Math.min(minPos, o.sync.yMinPos);
  }
  if (maxV <= 0) maxV = 1;
  const floor = Math.max(Number.isFinite(minPos) ? minPos : maxV * 1e-4, maxV * 1e-5);
  const y = o.logY
    ? d3
        .scaleLog()
        .domain([floor, maxV * 1.3])
        .range([ih, 0])
        .nice()
        .clamp(true)
    : d3
        .scaleLinear()
        .domain([0, maxV * 1.05])
        .range([ih, 0])
        .nice();
  return { y, floor };
}

/** Grid lines and the left axis of soft pixel counts. */
function drawCountAxis(plot: G, y: CountScale, logY: boolean, iw: number, ih: number): void {
  const yTicks = logY ? logTicks(y.domain() as [number, number]) : y.ticks(Math.max(3, Math.floor(ih / 45)));
  drawGridLines(plot, yTicks, y, iw, colors.grid);
  const yAxis = d3
    .axisLeft(y)
    .tickValues(yTicks)
    .tickFormat((d) => fmtCount(+d));
  styleAxis(plot.append('g').call(yAxis));
}

/** The switch rule, reaching above the plot to its "stage 2" label. */
function drawStage2Rule(plot: G, sx: number, iw: number, ih: number): void {
  drawSwitchRule(plot, sx, -6, ih);
  plot
    .append('text')
    .attr('x', sx + 4)
    .attr('y', -8)
    .attr('font-weight', 600)
    .attr('text-anchor', sx > iw - 60 ? 'end' : 'start')
    .attr('dx', sx > iw - 60 ? -8 : 0)
    .text('stage 2');
}

/** One path string per curve, shared by the visible line and its hover target; `floor` clips a log axis. */
function curvePaths(
  rows: readonly HistoryRow[],
  curves: readonly Curve[],
  x: d3.ScaleLinear<number, number>,
  y: CountScale,
  floor: number | null,
): Map<CurveId, string> {
  const paths = new Map<CurveId, string>();
  for (const c of curves) {
    const line = d3
      .line<HistoryRow>()
      .defined((r) => Number.isFinite(r[c.id]) && (floor === null || r[c.id] >= floor * 0.999))
      .x((r) => x(r.step))
      .y((r) => y(r[c.id]));
    paths.set(c.id, line(rows as HistoryRow[]) ?? '');
  }
  return paths;
}

function drawCurves(plot: G, curves: readonly Curve[], paths: Map<CurveId, string>): void {
  const curveLayer = plot.append('g');
  for (const c of curves) {
    curveLayer
      .append('path')
      .attr('data-term', c.id)
      .attr('d', paths.get(c.id) ?? '')
      .attr('fill', 'none')
      .attr('stroke', c.color)
      .attr('stroke-width', 2)
      .attr('stroke-linejoin', 'round')
      .attr('stroke-dasharray', c.dashed ? '7 4' : null);
  }
}

/** Emphasises the hovered term's curve (and dims the others and their legend items). */
export function applyHighlight(svgEl: SVGSVGElement, highlight: TermId | null): void {
  const svg = d3.select(svgEl);
  const active =
    highlight !== null &&
    CURVES.some((c) => c.id === highlight) &&
    !svg.select(`path[data-term="${highlight}"]`).empty();
  svg
    .selectAll<SVGPathElement, unknown>('path[data-term]')
    .attr('stroke-width', function () {
      return active && this.dataset.term === highlight ? 4 : 2;
    })
    .attr('opacity', function () {
      return !active || this.dataset.term === highlight ? 1 : 0.28;
    });
  svg.selectAll<SVGGElement, unknown>('g[data-terms]').attr('opacity', function () {
    return !active || this.dataset.terms === highlight ? 1 : 0.45;
  });
  if (active) svg.select(`path[data-term="${highlight}"]`).raise();
}
