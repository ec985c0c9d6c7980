/**
 * Over training: the share of Σ|∂L/∂z| on background-bias pixels (p ≤ t) for the loss the run
 * trained with at each logged step, and for BCE on the same validation predictions (the
 * counterfactual), re-read at the current t from per-step gradient histograms.
 */
import * as d3 from 'd3';
import { memo, useEffect, useMemo } from 'react';
import { bgBiasShareAt } from '../core/gradientHistogram';
import { lossInfo, type LossId } from '../core/lossInfo';
import { colors, MUTED, PANEL_FONT } from './kit/theme';
import { Panel } from './Panel';
import type { HistoryEntry } from './types';
import { clearChart, switchX } from './kit/stepAxis';
import { useChart } from './kit/useChart';

const HEIGHT = 190;
const M = { top: 10, right: 14, bottom: 28, left: 44 };
const BCE_COLOR = MUTED;

export interface GradShareHistoryProps {
  history: readonly HistoryEntry[];
  t: number;
  switchedAt: number | null;
}

interface Point {
  step: number;
  trained: number;
  bce: number;
  trainedId: LossId;
}

function points(history: readonly HistoryEntry[], t: number): Point[] {
  const out: Point[] = [];
  for (const e of history) {
    if (!e.grad) continue;
    out.push({
      step: e.step,
      trained: bgBiasShareAt(e.grad.trainedHist, t),
      bce: bgBiasShareAt(e.grad.bceHist, t),
      trainedId: e.grad.trained,
    });
  }
  return out;
}

function draw(svg: SVGSVGElement, width: number, pts: Point[], switchedAt: number | null): void {
  const root = clearChart(svg);
  if (width <= 0 || pts.length === 0) return;
  const w = width - M.left - M.right;
  const h = HEIGHT - M.top - M.bottom;
  const steps = d3.extent(pts, (p) => p.step) as [number, number];
  const x = d3
    .scaleLinear()
    .domain(steps[0] === steps[1] ? [steps[0], steps[0] + 1] : steps)
    .range([0, w]);
  const y = d3.scaleLinear().domain([0, 1]).range([h, 0]);
  const g = root.append('g').attr('transform', `translate(${M.left},${M.top})`);
  g.append('g')
    .attr('transform', `translate(0,${h})`)
    .call(
      d3
        .axisBottom(x)
        .ticks(Math.max(2, Math.floor(w / 80)))
        .tickFormat(d3.format('~d')),
    )
    .attr('font-family', PANEL_FONT);
  g.append('g')
    .call(d3.axisLeft(y).ticks(5).tickFormat(d3.format('.0%')))
    .attr('font-family', PANEL_FONT);
  g.selectAll('.tick text').attr('font-size', 11);
  const sx = switchX(x, switchedAt);
  if (sx !== null) {
    g.append('line')
      .attr('x1', sx)
      .attr('x2', sx)
      .attr('y1', 0)
      .attr('y2', h)
      .attr('stroke', colors.threshold)
      .attr('stroke-dasharray', '4 3');
    g.append('text')
      .attr('x', sx + 4)
      .attr('y', 10)
      .attr('font-size', 11)
      .attr('fill', MUTED)
      .text('stage 2');
  }
  const line = (key: 'trained' | 'bce') =>
    d3
      .line<Point>()
      .x((p) => x(p.step))
      .y((p) => y(p[key]));
  g.append('path')
    .attr('d', line('bce')(pts))
    .attr('fill', 'none')
    .attr('stroke', BCE_COLOR)
    .attr('stroke-width', 2)
    .attr('stroke-dasharray', '6 3');
  g.append('path')
    .attr('d', line('trained')(pts))
    .attr('fill', 'none')
    .attr('stroke', colors.fpBias)
    .attr('stroke-width', 2.5);
  if (pts.length === 1) {
    g.append('circle').attr('cx', x(pts[0].step)).attr('cy', y(pts[0].bce)).attr('r', 3).attr('fill', BCE_COLOR);
    g.append('circle')
      .attr('cx', x(pts[0].step))
      .attr('cy', y(pts[0].trained))
      .attr('r', 3)
      .attr('fill', colors.fpBias);
  }
  g.append('text')
    .attr('x', w / 2)
    .attr('y', h + 26)
    .attr('text-anchor', 'middle')
    .attr('font-size', 11)
    .attr('fill', MUTED)
    .text('step');
}

function GradShareHistoryPanel({ history, t, switchedAt }: GradShareHistoryProps) {
  const { boxRef, svgRef, size } = useChart();
  const pts = useMemo(() => points(history, t), [history, t]);
  useEffect(() => {
    if (svgRef.current) draw(svgRef.current, size.width, pts, switchedAt);
  }, [svgRef, pts, size.width, switchedAt]);
  const last = pts.length > 0 ? pts[pts.length - 1] : null;
  const trainedLabel = last ? lossInfo[last.trainedId].label : 'trained loss';
  const summary = last
    ? `At step ${last.step}, t = ${t.toFixed(3)}: ${trainedLabel} puts ${(100 * last.trained).toFixed(1)}% of its push on background-bias pixels; BCE on the same predictions would put ${(100 * last.bce).toFixed(1)}% there.`
    : 'Press play: every logged step records where the trained loss and BCE push.';
  return (
    <Panel title="Where the loss pushed, over training" testId="panel-grad-history">
      <div style={{ display: 'flex', gap: 14, fontSize: 12.5, fontFamily: PANEL_FONT, marginBottom: 2 }}>
        <span>
          <span style={{ color: colors.fpBias, fontWeight: 700 }}>━</span> trained loss, BG-bias share
        </span>
        <span>
          <span style={{ color: BCE_COLOR, fontWeight: 700 }}>╍</span> BCE on the same predictions
        </span>
      </div>
      <div ref={boxRef} style={{ width: '100%' }}>
        <svg
          ref={svgRef}
          width={size.width}
          height={HEIGHT}
          fontFamily={PANEL_FONT}
          role="img"
          aria-label={summary}
          style={{ display: 'block' }}
        />
      </div>
      <p className="hint" data-testid="grad-history-summary" style={{ margin: '4px 0 0' }}>
        {summary}
      </p>
    </Panel>
  );
}

export const GradShareHistory = memo(GradShareHistoryPanel);
