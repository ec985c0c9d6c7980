/**
 * Draws one overlay chart: a legend naming the runs (line style) and the quantities (colour), the
 * shared step axis, each run's stage-2 switch, and one path per run and quantity (A solid, B dashed).
 */
import * as d3 from 'd3';
import type { OverlayRow } from '../../state/overlayQuantities';
import { drawGridLines, logTicks, styleAxis, symlogTicks } from '../kit/axes';
import { layoutLegend, renderLegend, type LegendItem } from '../kit/legend';
import { clearChart, drawStepAxis, drawSwitchRule, setChartText, stepScale, switchX } from '../kit/stepAxis';
import { colors, MUTED } from '../kit/theme';
import type { TermId } from '../types';
import { RUN_DASH, RUN_INK, type OverlayChartSpec, type OverlayRun, type OverlayScale } from './charts';

export type { OverlayRun };
import { drawOverlayHover } from './hover';

type Svg = d3.Selection<SVGSVGElement, unknown, null, undefined>;
type G = d3.Selection<SVGGElement, unknown, null, undefined>;
type ValueScale = d3.ScaleContinuousNumeric<number, number>;

export interface OverlayDrawOptions {
  scale: OverlayScale;
  steps: [number, number];
  onHover: (term: TermId | null) => void;
}

export function drawOverlay(
  svgEl: SVGSVGElement,
  spec: OverlayChartSpec,
  runs: readonly OverlayRun[],
  size: { width: number; height: number },
  o: OverlayDrawOptions,
): void {
  const svg = clearChart(svgEl);
  const { width, height } = size;
  if (width < 80) return;
  setChartText(svg);
  const margin = { top: drawOverlayLegend(svg, spec, runs, width, o.onHover) + 16, right: 16, bottom: 34, left: 62 };
  const iw = width - margin.left - margin.right;
  const ih = height - margin.top - margin.bottom;
  if (iw < 40 || ih < 40) return;
  const x = stepScale(o.steps, iw);
  const { y, ticks, floor } = valueScale(spec, runs, o.scale, ih);
  const plot = svg.append('g').attr('transform', `translate(${margin.left},${margin.top})`);
  drawGridLines(plot, ticks, y, iw, colors.grid);
  styleAxis(
    plot.append('g').call(
      d3
        .axisLeft(y)
        .tickValues(ticks)
        .tickFormat((d) => spec.format(+d)),
    ),
  );
  drawStepAxis(plot, x, iw, ih, { captionY: 30 });
  plot
    .append('text')
    .attr('transform', `translate(${-50},${ih / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .attr('fill', MUTED)
    .text(o.scale === 'log' ? `${spec.yLabel} (log)` : spec.yLabel);
  drawSwitches(plot, runs, x, iw, ih);
  drawRunPaths(plot, spec, runs, x, y, floor);
  drawOverlayHover(plot, { spec, runs, x, y, floor, iw, ih });
}

/**
 * Runs first (a line swatch in the run's style, named by its differing settings), then the
 * quantities (a colour square each, hovering one names its term). Returns the legend's height.
 */
function drawOverlayLegend(
  svg: Svg,
  spec: OverlayChartSpec,
  runs: readonly OverlayRun[],
  width: number,
  onHover: (term: TermId | null) => void,
): number {
  const items: LegendItem[] = [
    ...runs.map((r): LegendItem => ({
      parts: [{ text: `${r.tag} `, bold: true }, r.label],
      swatch: { color: RUN_INK, line: { width: 2.5, dash: RUN_DASH[r.tag] ?? undefined } },
      testId: `${spec.testId}-legend-${r.tag.toLowerCase()}`,
    })),
    ...spec.quantities.map((q): LegendItem => ({
      parts: [q.label],
      swatch: { color: q.color },
      terms: q.term ? [q.term] : undefined,
      hoverTerm: q.term,
    })),
  ];
  const { pos, lines, height } = layoutLegend(items, width - 16);
  const legend = svg.append('g').attr('transform', 'translate(8,4)').attr('font-size', 13);
  renderLegend(legend, items, pos, lines, onHover);
  return height;
}

/** The value axis over both runs: log (clipped far below the top), symlog for counts, or linear. */
function valueScale(
  spec: OverlayChartSpec,
  runs: readonly OverlayRun[],
  scale: OverlayScale,
  ih: number,
): { y: ValueScale; ticks: number[]; floor: number | null } {
  let maxV = 0;
  let minPos = Infinity;
  for (const run of runs)
    for (const r of run.rows)
      for (const q of spec.quantities) {
        const v = r[q.key];
        if (!Number.isFinite(v)) continue;
        if (v > maxV) maxV = v;
        if (v > 0 && v < minPos) minPos = v;
      }
  if (maxV <= 0) maxV = 1;
  if (scale === 'log') {
    const floor = Math.max(Number.isFinite(minPos) ? minPos : maxV * 1e-4, maxV * 1e-5);
    const y = d3
      .scaleLog()
      .domain([floor, maxV * 1.3])
      .range([ih, 0])
      .nice()
      .clamp(true);
    return { y, ticks: logTicks(y.domain() as [number, number]), floor };
  }
  if (scale === 'symlog') {
    const y = d3
      .scaleSymlog()
      .constant(1)
      .domain([0, maxV * 1.1])
      .range([ih, 0]);
    return { y, ticks: symlogTicks(maxV * 1.1), floor: null };
  }
  const y = d3
    .scaleLinear()
    .domain(spec.domain ?? [0, maxV * 1.08])
    .range([ih, 0])
    .nice();
  return { y, ticks: y.ticks(Math.max(2, Math.floor(ih / 40))), floor: null };
}

/** Each run's switch to stage 2 as a dashed rule, labelled with the run's tag. */
function drawSwitches(plot: G, runs: readonly OverlayRun[], x: d3.ScaleLinear<number, number>, iw: number, ih: number) {
  runs.forEach((run, k) => {
    const sx = switchX(x, run.switchedAt);
    if (sx === null) return;
    drawSwitchRule(plot, sx, 0, ih);
    const left = sx > iw - 80;
    plot
      .append('text')
      .attr('x', left ? sx - 4 : sx + 4)
      .attr('y', 12 + 14 * k)
      .attr('text-anchor', left ? 'end' : 'start')
      .attr('font-weight', 600)
      .attr('data-switch', run.tag.toLowerCase())
      .text(`${run.tag}: stage 2`);
  });
}

/** One path per run and quantity; a run with a single logged step gets dots instead. */
function drawRunPaths(
  plot: G,
  spec: OverlayChartSpec,
  runs: readonly OverlayRun[],
  x: d3.ScaleLinear<number, number>,
  y: ValueScale,
  floor: number | null,
): void {
  const layer = plot.append('g');
  const visible = (v: number) => Number.isFinite(v) && (floor === null || v >= floor * 0.999);
  for (const run of runs)
    for (const q of spec.quantities) {
      const line = d3
        .line<OverlayRow>()
        .defined((r) => visible(r[q.key]))
        .x((r) => x(r.step))
        .y((r) => y(Math.max(r[q.key], 0)));
      const g = layer
        .append('g')
        .attr('data-run', run.tag.toLowerCase())
        .attr('data-terms', q.term ?? null);
      g.append('path')
        .attr('d', line(run.rows as OverlayRow[]) ?? '')
        .attr('data-run', run.tag.toLowerCase())
        .attr('data-quantity', q.key)
        .attr('fill', 'none')
        .attr('stroke', q.color)
        .attr('stroke-width', 2.5)
        .attr('stroke-linejoin', 'round')
        .attr('stroke-dasharray', RUN_DASH[run.tag]);
      if (run.rows.length === 1 && visible(run.rows[0][q.key]))
        g.append('circle')
          .attr('cx', x(run.rows[0].step))
          .attr('cy', y(run.rows[0][q.key]))
          .attr('r', 3.5)
          .attr('fill', run.tag === 'A' ? q.color : '#fff')
          .attr('stroke', q.color)
          .attr('stroke-width', 1.5);
    }
}
