/** Draws the loss panel's plots stacked on one step axis, each under its own wrapping legend. */
import * as d3 from 'd3';
import { drawGridLines, styleAxis, symlogTicks } from '../kit/axes';
import {
  clearChart,
  drawStage2Band,
  drawStepAxis,
  drawSwitchLabel,
  drawSwitchRule,
  setChartText,
  stepScale,
  switchX,
} from '../kit/stepAxis';
import { layoutLegend, renderLegend, type LegendItem } from '../kit/legend';
import { colors, MUTED } from '../kit/theme';
import type { Pt, Series, SubPlot } from './plots';

type Svg = d3.Selection<SVGSVGElement, unknown, null, undefined>;
type G = d3.Selection<SVGGElement, unknown, null, undefined>;

export const MIN_HEIGHT = 340;
const MARGIN = { top: 8, right: 14, bottom: 34, left: 56 };
/** Between a legend and its plot. */
const LEGEND_PAD = 4;
/** Space between one plot's axis and the next plot's legend. */
const GAP = 10;

/** Where a plot goes: the shared step axis, its inner size, the switch's x and its place in the stack. */
interface Frame {
  x: d3.ScaleLinear<number, number>;
  iw: number;
  ih: number;
  sx: number | null;
  first: boolean;
  last: boolean;
}

export function drawPlots(
  svgEl: SVGSVGElement,
  plots: SubPlot[],
  size: { width: number; height: number },
  switchedAt: number | null,
  stepDomain: [number, number] | null,
): void {
  const svg = clearChart(svgEl);
  const width = size.width;
  const height = Math.max(size.height, MIN_HEIGHT);
  if (width < 80) return;
  setChartText(svg);
  const iw = width - MARGIN.left - MARGIN.right;
  if (iw < 40) return;

  const allSteps: number[] = [];
  for (const p of plots) for (const s of p.series) for (const [st] of s.points) allSteps.push(st);
  if (allSteps.length === 0) return;
  // Compare mode passes both runs' step range, so the two columns share the x axis.
  const x = stepScale(stepDomain ?? (d3.extent(allSteps) as [number, number]), iw);
  const sx = switchX(x, switchedAt);

  // Legends first (they wrap on narrow panels), so their heights are known before the layout.
  const legends = plots.map((plot) => drawPlotLegend(svg, plot, width - 8));
  const avail = height - MARGIN.top - MARGIN.bottom - d3.sum(legends, (l) => l.height) - GAP * (plots.length - 1);
  if (avail < 60) return;

  let top = MARGIN.top;
  plots.forEach((plot, k) => {
    const ih = Math.floor(avail * plot.weight);
    const lh = legends[k].height + (k === 0 ? 0 : GAP);
    // Lifted by the pad, which then lies between the legend and its plot.
    legends[k].legend.attr('transform', `translate(4,${top + (k === 0 ? 0 : GAP) - LEGEND_PAD})`);
    const g = svg.append('g').attr('transform', `translate(${MARGIN.left},${top + lh})`);
    drawSubPlot(g, plot, { x, iw, ih, sx, first: k === 0, last: k === plots.length - 1 });
    top += lh + ih;
  });
}

/** The plot's title, then a swatch drawn like each series and its label, wrapped to `maxW`; placed by the caller. */
function drawPlotLegend(svg: Svg, plot: SubPlot, maxW: number): { legend: G; height: number } {
  const items: LegendItem[] = [
    { parts: [{ text: plot.title, bold: true }], color: MUTED },
    ...plot.series
      .filter((s) => !s.noLegend)
      .map((s) => ({
        parts: [s.label],
        swatch: { color: s.color, opacity: s.opacity, line: { width: Math.max(2, s.width), dash: s.dash } },
      })),
  ];
  const { pos, lines, height } = layoutLegend(items, maxW);
  const legend = svg.append('g').attr('font-size', 13);
  renderLegend(legend, items, pos, lines, () => {});
  return { legend, height: height + LEGEND_PAD };
}

function drawSubPlot(g: G, plot: SubPlot, f: Frame): void {
  if (f.sx !== null) drawStage2Band(g, f.sx, f.iw, f.ih);
  const { y, ticks } = valueScale(plot, f.ih);
  drawGridLines(g, ticks, y, f.iw, colors.grid);
  const yAxis = d3
    .axisLeft(y)
    .tickValues(ticks)
    .tickFormat((d) => plot.format(+d));
  styleAxis(g.append('g').call(yAxis));
  // One set of step labels, under the lowest plot.
  drawStepAxis(g, f.x, f.iw, f.ih, { captionY: 30, labelled: f.last });
  if (f.sx !== null) {
    drawSwitchRule(g, f.sx, 0, f.ih);
    if (f.first) drawSwitchLabel(g, f.sx, f.iw, { text: 'stage 2', y: 13, gap: 4, room: 60 });
  }
  drawSeries(g, plot.series, f.x, y);
}

/** Linear from 0 (or the plot's fixed domain), or symlog for counts that span decades. */
function valueScale(plot: SubPlot, ih: number): { y: d3.ScaleContinuousNumeric<number, number>; ticks: number[] } {
  let maxV = 0;
  for (const s of plot.series) for (const [, v] of s.points) if (Number.isFinite(v) && v > maxV) maxV = v;
  if (maxV <= 0) maxV = 1;
  if (plot.scale === 'symlog') {
    const y = d3
      .scaleSymlog()
      .constant(1)
      .domain([0, maxV * 1.1])
      .range([ih, 0]);
    return { y, ticks: symlogTicks(maxV * 1.1) };
  }
  const y = d3
    .scaleLinear()
    .domain(plot.domain ?? [0, maxV * 1.08])
    .range([ih, 0])
    .nice();
  return { y, ticks: y.ticks(Math.max(2, Math.floor(ih / 30))) };
}

function drawSeries(g: G, series: Series[], x: d3.ScaleLinear<number, number>, y: (v: number) => number): void {
  const line = d3
    .line<Pt>()
    .defined((p) => Number.isFinite(p[1]))
    .x((p) => x(p[0]))
    .y((p) => y(Math.max(p[1], 0)));
  for (const s of series) {
    g.append('path')
      .attr('d', line(s.points))
      .attr('fill', 'none')
      .attr('stroke', s.color)
      .attr('stroke-width', s.width)
      .attr('stroke-opacity', s.opacity ?? 1)
      .attr('stroke-linejoin', 'round')
      .attr('stroke-dasharray', s.dash ?? null);
  }
}
