/**
 * The overlay's hover: a rule at the pointer's step, a dot on every curve at each run's nearest
 * logged step, and a box that reads both runs' values side by side, so where they part can be read.
 */
import * as d3 from 'd3';
import type { OverlayRow } from '../../state/overlayQuantities';
import { INK, MUTED, RULE } from '../kit/theme';
import type { OverlayChartSpec, OverlayRun } from './charts';

type G = d3.Selection<SVGGElement, unknown, null, undefined>;

export interface OverlayHoverFrame {
  spec: OverlayChartSpec;
  runs: readonly OverlayRun[];
  x: d3.ScaleLinear<number, number>;
  y: (v: number) => number;
  /** The log axis's lowest value (points below it are not drawn); null otherwise. */
  floor: number | null;
  iw: number;
  ih: number;
}

const BOX_W = 236;
const ROW = 17;
const bisect = d3.bisector<OverlayRow, number>((r) => r.step).center;

/** Each run's logged row nearest to `step` (undefined for a run with none). */
const nearest = (runs: readonly OverlayRun[], step: number) =>
  runs.map((run) => (run.rows.length ? run.rows[bisect(run.rows as OverlayRow[], step)] : undefined));

export function drawOverlayHover(plot: G, f: OverlayHoverFrame): void {
  const hover = plot.append('g').attr('pointer-events', 'none').style('display', 'none');
  const rule = hover.append('line').attr('y1', 0).attr('y2', f.ih).attr('stroke', RULE);
  const dots = f.runs.flatMap((run) =>
    f.spec.quantities.map((q) => ({
      run,
      q,
      el: hover
        .append('circle')
        .attr('r', 4)
        .attr('fill', run.tag === 'A' ? q.color : '#fff')
        .attr('stroke', q.color)
        .attr('stroke-width', 2),
    })),
  );
  const box = hover.append('g');
  const height = 24 + f.spec.quantities.length * ROW;
  box
    .append('rect')
    .attr('width', BOX_W)
    .attr('height', height)
    .attr('rx', 4)
    .attr('fill', 'rgba(255,255,255,0.95)')
    .attr('stroke', '#999');
  const title = box.append('text').attr('x', 8).attr('y', 16).attr('font-weight', 600);
  const lines = f.spec.quantities.map((q, i) => {
    const g = box.append('g').attr('transform', `translate(8,${32 + i * ROW})`);
    g.append('rect').attr('y', -9).attr('width', 10).attr('height', 10).attr('rx', 2).attr('fill', q.color);
    return g.append('text').attr('x', 16).attr('fill', INK);
  });
  const show = (step: number): void => {
    const rows = nearest(f.runs, step);
    const px = f.x(step);
    hover.style('display', null);
    rule.attr('x1', px).attr('x2', px);
    for (const d of dots) {
      const r = rows[f.runs.indexOf(d.run)];
      const v = r ? r[d.q.key] : NaN;
      const shown = Number.isFinite(v) && (f.floor === null || v >= f.floor);
      if (shown) d.el.style('display', null);
      else d.el.style('display', 'none');
      if (r && shown) d.el.attr('cx', f.x(r.step)).attr('cy', f.y(Math.max(v, 0)));
    }
    // Dots: A filled, B hollow. A run's value is at its logged step nearest the pointer (@ when not this one).
    title
      .text(`step ${step}`)
      .append('tspan')
      .attr('fill', MUTED)
      .attr('font-weight', 400)
      .text('   A solid · B dashed');
    f.spec.quantities.forEach((q, i) => {
      const parts = f.runs.map((run, k) => {
        const r = rows[k];
        if (!r || !Number.isFinite(r[q.key])) return `${run.tag} —`;
        return `${run.tag} ${f.spec.readout(r[q.key])}${r.step === step ? '' : ` @${r.step}`}`;
      });
      lines[i].text(`${q.label}: ${parts.join(' · ')}`);
    });
    const bx = px + 12 + BOX_W > f.iw ? px - 12 - BOX_W : px + 12;
    box.attr('transform', `translate(${bx},${Math.max(0, Math.min(8, f.ih - height))})`);
  };
  plot
    .append('rect')
    .attr('width', f.iw)
    .attr('height', f.ih)
    .attr('fill', 'transparent')
    .on('pointermove', (event: PointerEvent) => {
      const [mx] = d3.pointer(event, plot.node());
      const [lo, hi] = f.x.domain();
      show(Math.round(Math.min(hi, Math.max(lo, f.x.invert(mx)))));
    })
    .on('pointerleave', () => hover.style('display', 'none'));
}
