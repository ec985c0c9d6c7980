/** Draws numF and numB per switch check against the bar n/2, on the run's step axis. */
import * as d3 from 'd3';
import { drawGridLines, styleAxis } from '../kit/axes';
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
import { textWidth } from '../kit/text';
import { colors, MUTED } from '../kit/theme';

type Svg = d3.Selection<SVGSVGElement, unknown, null, undefined>;
type G = d3.Selection<SVGGElement, unknown, null, undefined>;

export const NUM_F = colors.fnMain;
export const NUM_B = colors.fpMain;
export const CHART_HEIGHT = 170;
const MARGIN = { top: 26, right: 14, bottom: 32, left: 40 };

export interface CheckPt {
  step: number;
  numF: number;
  numB: number;
  n: number;
  converged: boolean;
}

export function drawChecks(
  svgEl: SVGSVGElement,
  checks: CheckPt[],
  stepRange: [number, number] | null,
  n: number,
  switchedAt: number | null,
  size: { width: number; height: number },
): void {
  const svg = clearChart(svgEl);
  const width = size.width;
  if (width < 80) return;
  setChartText(svg);
  const iw = width - MARGIN.left - MARGIN.right;
  const ih = CHART_HEIGHT - MARGIN.top - MARGIN.bottom;
  const g = svg.append('g').attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);
  drawChecksLegend(svg);

  const lo = stepRange?.[0] ?? checks[0]?.step ?? 0;
  const hi = stepRange?.[1] ?? checks[checks.length - 1]?.step ?? 1;
  const x = stepScale([lo, hi], iw);
  const top = Math.max(1, n);
  const y = d3.scaleLinear().domain([0, top]).range([ih, 0]);
  const sx = switchX(x, switchedAt);
  if (sx !== null) drawStage2Band(g, sx, iw, ih);

  drawCountAxis(g, y, top, iw);
  drawStepAxis(g, x, iw, ih, { captionY: 29 });
  drawHalfLine(g, y(n / 2), iw);
  if (checks.length === 0) drawNoChecks(g, iw, ih);
  else drawCheckLines(g, checks, x, y);
  if (sx !== null) {
    drawSwitchRule(g, sx, -4, ih);
    drawSwitchLabel(g, sx, iw, { text: `switch at step ${switchedAt}`, y: 10, gap: 5, room: 110 });
  }
}

/** One row, above the plot: the two counts and the n/2 bar. */
function drawChecksLegend(svg: Svg): void {
  const legend = svg.append('g').attr('transform', `translate(${MARGIN.left},10)`);
  let lx = 0;
  for (const [label, color, dash] of [
    ['numF (foreground OK)', NUM_F, null],
    ['numB (background OK)', NUM_B, null],
    ['n/2', colors.threshold, '2 3'],
  ] as const) {
    legend
      .append('line')
      .attr('x1', lx)
      .attr('x2', lx + 18)
      .attr('stroke', color)
      .attr('stroke-width', 2.5)
      .attr('stroke-dasharray', dash);
    legend
      .append('text')
      .attr('x', lx + 23)
      .attr('y', 4)
      .text(label);
    lx += 23 + textWidth(label, 12) + 16;
  }
}

/** Grid and left axis of image counts 0…n, every count when n is small. */
function drawCountAxis(g: G, y: d3.ScaleLinear<number, number>, top: number, iw: number): void {
  const yTicks = top <= 8 ? d3.range(0, top + 1) : y.ticks(5).filter(Number.isInteger);
  drawGridLines(g, yTicks, y, iw, colors.grid);
  styleAxis(g.append('g').call(d3.axisLeft(y).tickValues(yTicks).tickFormat(d3.format('d'))));
}

/** The bar to clear: n/2. */
function drawHalfLine(g: G, y: number, iw: number): void {
  g.append('line')
    .attr('x1', 0)
    .attr('x2', iw)
    .attr('y1', y)
    .attr('y2', y)
    .attr('stroke', colors.threshold)
    .attr('stroke-width', 1.5)
    .attr('stroke-dasharray', '2 3');
}

function drawNoChecks(g: G, iw: number, ih: number): void {
  g.append('text')
    .attr('x', iw / 2)
    .attr('y', ih / 2 - 6)
    .attr('text-anchor', 'middle')
    .attr('fill', MUTED)
    .attr('font-size', 13)
    .text('No switch checks yet');
}

function drawCheckLines(
  g: G,
  checks: CheckPt[],
  x: d3.ScaleLinear<number, number>,
  y: d3.ScaleLinear<number, number>,
): void {
  // numF and numB often coincide: a 1.5 px offset keeps both steps visible.
  const line = (key: 'numF' | 'numB', dy: number) =>
    d3
      .line<CheckPt>()
      .curve(d3.curveStepAfter)
      .x((d) => x(d.step))
      .y((d) => y(d[key]) + dy)(checks);
  for (const [key, dy, color] of [
    ['numF', -1.5, NUM_F],
    ['numB', 1.5, NUM_B],
  ] as const) {
    g.append('path')
      .attr('d', line(key, dy))
      .attr('fill', 'none')
      .attr('stroke', color)
      .attr('stroke-width', 2)
      .attr('stroke-linejoin', 'round');
  }
}
