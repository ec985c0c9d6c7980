/**
 * The history's hover: a crosshair at the nearest logged step with a dot on each curve and a box
 * of their values, and wide invisible strokes over the curves that name a term to the other panels.
 */
import * as d3 from 'd3';
import type { HistoryRow } from '../../state/historyMath';
import { INK, RULE } from '../kit/theme';
import type { TermId } from '../types';
import { fmtCount, type Curve, type CurveId } from './curves';

type G = d3.Selection<SVGGElement, unknown, null, undefined>;

export interface HoverFrame {
  rows: readonly HistoryRow[];
  curves: readonly Curve[];
  /** One path string per curve, the same as the visible line's. */
  paths: Map<CurveId, string>;
  x: d3.ScaleLinear<number, number>;
  y: (v: number) => number;
  /** The log axis's lowest value; 0 on a linear axis. */
  floor: number;
  logY: boolean;
  iw: number;
  ih: number;
  onHover: (term: TermId | null) => void;
}

const BOX_W = 214;
const BOX_ROW = 17;

export function drawHover(plot: G, f: HoverFrame): void {
  const crosshair = drawCrosshair(plot, f.curves, f.ih);
  const hitArea = drawHitArea(plot, f);
  const bisect = d3.bisector<HistoryRow, number>((r) => r.step).center;
  hitArea
    .on('pointermove', (event: PointerEvent) => {
      const [mx] = d3.pointer(event, plot.node());
      const i = bisect(f.rows, f.x.invert(mx));
      crosshair.show(f.rows[Math.max(0, Math.min(f.rows.length - 1, i))], f);
    })
    .on('pointerleave', () => crosshair.hide());
}

/** The hidden crosshair group; `show` moves it to a row, `hide` hides it. */
function drawCrosshair(plot: G, curves: readonly Curve[], ih: number) {
  const hover = plot.append('g').attr('pointer-events', 'none').style('display', 'none');
  hover.append('line').attr('y1', 0).attr('y2', ih).attr('stroke', RULE).attr('stroke-width', 1);
  const dots = hover
    .selectAll('circle')
    .data(curves)
    .join('circle')
    .attr('r', 4)
    .attr('fill', (c) => c.color)
    .attr('stroke', '#fff')
    .attr('stroke-width', 1.5);
  const box = drawValueBox(hover, curves);
  const show = (r: HistoryRow, f: HoverFrame) => {
    const px = f.x(r.step);
    hover.style('display', null);
    hover.select('line').attr('x1', px).attr('x2', px);
    dots
      .attr('cx', px)
      .attr('cy', (c) => f.y(Math.max(r[c.id], f.logY ? f.floor : 0)))
      .style('display', (c) => (f.logY && r[c.id] < f.floor ? 'none' : null));
    box.title.text(`step ${r.step}`);
    box.values.text((c) => `${c.label}: ${fmtCount(r[c.id])}`);
    const bx = px + 12 + BOX_W > f.iw ? px - 12 - BOX_W : px + 12;
    box.g.attr('transform', `translate(${bx},${Math.min(8, f.ih - box.height)})`);
  };
  return { show, hide: () => hover.style('display', 'none') };
}

/** The box of values: the step as its title, then one swatch and value per curve. */
function drawValueBox(hover: G, curves: readonly Curve[]) {
  const g = hover.append('g');
  const bg = g.append('rect').attr('rx', 4).attr('fill', 'rgba(255,255,255,0.94)').attr('stroke', '#999');
  const title = g.append('text').attr('x', 8).attr('y', 17).attr('font-weight', 600);
  const rows = g
    .selectAll('g.v')
    .data(curves)
    .join('g')
    .attr('class', 'v')
    .attr('transform', (_, i) => `translate(8,${30 + i * BOX_ROW})`);
  rows
    .append('line')
    .attr('x1', 0)
    .attr('x2', 14)
    .attr('stroke', (c) => c.color)
    .attr('stroke-width', 3)
    .attr('stroke-dasharray', (c) => (c.dashed ? '4 2' : null));
  const values = rows.append('text').attr('x', 20).attr('y', 4.5).attr('fill', INK);
  const height = 26 + curves.length * BOX_ROW;
  bg.attr('width', BOX_W).attr('height', height);
  return { g, title, values, height };
}

/** The plot-wide target of the crosshair, with a wide stroke over each curve for equation hover. */
function drawHitArea(plot: G, f: HoverFrame): G {
  const hitArea = plot.append('g');
  hitArea.append('rect').attr('width', f.iw).attr('height', f.ih).attr('fill', 'transparent');
  for (const c of f.curves) {
    hitArea
      .append('path')
      .attr('d', f.paths.get(c.id) ?? '')
      .attr('fill', 'none')
      .attr('stroke', 'transparent')
      .attr('stroke-width', 12)
      .attr('pointer-events', 'stroke')
      .on('pointerenter', () => f.onHover(c.id))
      .on('pointerleave', () => f.onHover(null));
  }
  return hitArea;
}
