/** Axes, ticks and grids shared by the chart panels. */
import type * as d3 from 'd3';
import { AXIS, AXIS_FONT_SIZE, MUTED, PANEL_FONT } from './theme';

type GSelection = d3.Selection<SVGGElement, unknown, null, undefined>;

/** Whole-number step ticks, about one per 80 px (a training step is never fractional). */
export function stepTicks(x: d3.ScaleLinear<number, number>, width: number): number[] {
  return x.ticks(Math.max(2, Math.floor(width / 80))).filter(Number.isInteger);
}

/** The chart panels' axis look: muted tick labels at 12 px in the panel font, thin grey strokes. */
export function styleAxis(g: GSelection): void {
  g.attr('font-size', AXIS_FONT_SIZE).attr('font-family', PANEL_FONT);
  g.selectAll('text').attr('fill', MUTED);
  g.selectAll('line,path').attr('stroke', AXIS).attr('stroke-width', 1);
}

/** Horizontal grid lines at the given y ticks across a plot of inner width `width`; returns their group. */
export function drawGridLines(
  g: GSelection,
  ticks: number[],
  y: (v: number) => number,
  width: number,
  color: string,
): GSelection {
  const grid = g.append('g');
  grid
    .selectAll('line')
    .data(ticks)
    .join('line')
    .attr('x1', 0)
    .attr('x2', width)
    .attr('y1', (d) => y(d))
    .attr('y2', (d) => y(d))
    .attr('stroke', color)
    .attr('stroke-width', 1);
  return grid;
}

/** Decade ticks (1, 10, 100, …) of a log axis, with 2 and 5 added when there are few decades. */
export function logTicks([lo, hi]: [number, number]): number[] {
  const out: number[] = [];
  const a = Math.floor(Math.log10(lo));
  const b = Math.ceil(Math.log10(hi));
  const mult = b - a <= 2 ? [1, 2, 5] : [1];
  for (let e = a; e <= b; e++)
    for (const m of mult) {
      const v = m * 10 ** e;
      if (v >= lo * 0.999 && v <= hi * 1.001) out.push(v);
    }
  return out;
}

/** 0, 1, 10, 100, … up to the domain's top: readable ticks for a symlog axis of counts. */
export function symlogTicks(max: number): number[] {
  const out = [0];
  for (let v = max > 200 ? 10 : 1; v <= max * 1.001; v *= 10) out.push(v);
  return out;
}
