/**
 * The training loss per step with its Intra-/Inter-CBL parts, validation Dice and IoU, and the
 * hard FP/FN counts at the worker's t, on one shared step axis with the stage-2 switch marked.
 */
import * as d3 from 'd3';
import { useEffect, useMemo, useRef, memo } from 'react';
import { colors, INK, MUTED, PANEL_FONT, STAGE2_BAND } from './kit/theme';
import { drawGridLines, stepTicks, styleAxis } from './kit/axes';
import { Panel } from './Panel';
import type { LossPanelProps } from './types';
import { atThreshold } from '../state/historyMath';
import { useSize } from './kit/useSize';
import { textWidth } from './kit/text';

const FONT = PANEL_FONT;
const C = {
  loss: MUTED,
  lossSmooth: INK,
  intra: '#009E73',
  inter: colors.weighted,
  dice: INK,
  iou: '#8a8f98',
  stage2: STAGE2_BAND,
};

type Pt = [number, number];

interface Series {
  label: string;
  color: string;
  width: number;
  dash?: string;
  opacity?: number;
  points: Pt[];
  /** Left out of the legend (e.g. the raw loss under its smoothed line). */
  noLegend?: boolean;
}

interface SubPlot {
  title: string;
  series: Series[];
  scale: 'linear' | 'symlog';
  domain?: [number, number];
  format: (v: number) => string;
  weight: number;
}

/** Exponential moving average; the weight adapts so a short run is not over-smoothed. */
function smooth(points: Pt[]): Pt[] {
  if (points.length < 8) return [];
  const alpha = Math.min(0.3, Math.max(0.02, 20 / points.length));
  let m = points[0][1];
  return points.map(([s, v]) => {
    m = Number.isFinite(v) ? m + alpha * (v - m) : m;
    return [s, m];
  });
}

const f3 = d3.format('.3f');
const f4 = d3.format('.4~f');

function LossMetricsPanel({ history: logged, steps, switchedAt, t, stepDomain = null }: LossPanelProps) {
  // Hard counts depend on t: re-derive them (exactly, t being a bin edge) so that this panel
  // agrees with the others at the current threshold rather than at the one of each log time.
  const history = useMemo(() => logged.map((e) => atThreshold(e, t)), [logged, t]);
  const [boxRef, size] = useSize<HTMLDivElement>();
  const svgRef = useRef<SVGSVGElement | null>(null);

  const plots = useMemo<SubPlot[]>(() => {
    const raw: Pt[] = steps.map((s) => [s.step, s.loss]);
    const intra: Pt[] = [];
    const inter: Pt[] = [];
    for (const e of history) {
      if (e.intra !== null) intra.push([e.step, e.intra]);
      if (e.inter !== null) inter.push([e.step, e.inter]);
    }
    const lossSeries: Series[] = [
      { label: 'per step', color: C.loss, width: 1.5, opacity: 0.55, points: raw },
      { label: 'smoothed', color: C.lossSmooth, width: 2.25, points: smooth(raw) },
      { label: 'Intra-CBL', color: C.intra, width: 2, points: intra },
      { label: 'Inter-CBL', color: C.inter, width: 2, dash: '6 3', points: inter },
    ].filter((s) => s.points.length > 0);
    return [
      { title: 'loss', series: lossSeries, scale: 'linear', format: d3.format('.2~f'), weight: 0.44 },
      {
        title: 'validation',
        series: [
          { label: 'Dice (p > 0.5)', color: C.dice, width: 2, points: history.map((e) => [e.step, e.dice]) },
          { label: 'IoU', color: C.iou, width: 2, dash: '5 3', points: history.map((e) => [e.step, e.iou]) },
        ],
        scale: 'linear',
        domain: [0, 1],
        format: d3.format('.1f'),
        weight: 0.28,
      },
      {
        title: 'hard counts',
        series: [
          { label: 'FP (hard)', color: colors.fpMain, width: 2, points: history.map((e) => [e.step, e.fpHard]) },
          { label: 'FN (hard)', color: colors.fnMain, width: 2, points: history.map((e) => [e.step, e.fnHard]) },
        ],
        scale: 'symlog',
        format: d3.format('~s'),
        weight: 0.28,
      },
    ];
  }, [history, steps]);

  useEffect(() => {
    if (svgRef.current) drawPlots(svgRef.current, plots, size, switchedAt, stepDomain);
  }, [plots, size, switchedAt, stepDomain]);

  const lastStep = steps.length > 0 ? steps[steps.length - 1] : null;
  const last = history.length > 0 ? history[history.length - 1] : null;
  const empty = steps.length === 0 && history.length === 0;

  return (
    <Panel title="Loss and metrics" testId="panel-loss" className="panel-fill">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 10px', fontFamily: FONT, marginBottom: 4 }}>
        <Readout id="readout-loss" label="loss" value={lastStep ? f4(lastStep.loss) : '—'} color={C.lossSmooth} />
        <Readout id="metric-dice" label="Dice (p > 0.5)" value={last ? f3(last.dice) : '—'} color={C.dice} />
        <Readout id="readout-iou" label="IoU" value={last ? f3(last.iou) : '—'} color={C.iou} />
        <Readout
          id="readout-fp"
          label="FP at t"
          value={last ? d3.format(',')(last.fpHard) : '—'}
          color={colors.fpMain}
        />
        <Readout
          id="readout-fn"
          label="FN at t"
          value={last ? d3.format(',')(last.fnHard) : '—'}
          color={colors.fnMain}
        />
      </div>
      {empty ? (
        <p style={{ margin: '24px 8px', color: MUTED, fontSize: 14, fontFamily: FONT }}>Press play to train…</p>
      ) : (
        <div ref={boxRef} style={{ position: 'relative', width: '100%', flex: '1 1 auto', minHeight: 340 }}>
          <svg
            ref={svgRef}
            width={size.width}
            height={Math.max(size.height, 340)}
            style={{ position: 'absolute', inset: 0, display: 'block' }}
            role="img"
            aria-label="Loss, Dice, IoU and hard FP/FN counts against training step"
          />
        </div>
      )}
    </Panel>
  );
}

function Readout({ id, label, value, color }: { id: string; label: string; value: string; color: string }) {
  return (
    <div
      style={{
        display: 'inline-flex',
        alignItems: 'baseline',
        gap: 6,
        padding: '2px 8px',
        borderLeft: `3px solid ${color}`,
        background: '#f6f7f9',
        borderRadius: 3,
      }}
    >
      <span style={{ fontSize: 12, color: MUTED }}>{label}</span>
      <span data-testid={id} style={{ fontSize: 16, fontWeight: 700, color: INK, fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </span>
    </div>
  );
}

/** 0, 1, 10, 100, … up to the domain's top: readable ticks for a symlog axis of counts. */
function symlogTicks(max: number): number[] {
  const out = [0];
  for (let v = max > 200 ? 10 : 1; v <= max * 1.001; v *= 10) out.push(v);
  return out;
}

function drawPlots(
  svgEl: SVGSVGElement,
  plots: SubPlot[],
  size: { width: number; height: number },
  switchedAt: number | null,
  stepDomain: [number, number] | null,
): void {
  const svg = d3.select(svgEl);
  svg.selectAll('*').remove();
  const width = size.width;
  const height = Math.max(size.height, 340);
  if (width < 80) return;
  svg.attr('font-family', FONT).attr('font-size', 12).attr('fill', INK);

  const margin = { top: 8, right: 14, bottom: 34, left: 56 };
  const iw = width - margin.left - margin.right;
  if (iw < 40) return;

  const allSteps: number[] = [];
  for (const p of plots) for (const s of p.series) for (const [st] of s.points) allSteps.push(st);
  if (allSteps.length === 0) return;
  // Compare mode passes both runs' step range, so the two columns share the x axis.
  const [s0, s1] = stepDomain ?? (d3.extent(allSteps) as [number, number]);
  const x = d3
    .scaleLinear()
    .domain(s0 === s1 ? [s0 - 1, s1 + 1] : [s0, s1])
    .range([0, iw]);
  const sx = switchedAt !== null && switchedAt >= x.domain()[0] && switchedAt <= x.domain()[1] ? x(switchedAt) : null;

  // Legends first (they wrap on narrow panels), so their heights are known before the layout.
  const ROW = 18;
  const legends = plots.map((plot) => {
    const legend = svg.append('g');
    const items: { g: d3.Selection<SVGGElement, unknown, null, undefined>; w: number }[] = [];
    const title = legend.append('g');
    title.append('text').attr('y', 4).attr('font-weight', 700).attr('fill', MUTED).text(plot.title);
    items.push({ g: title, w: textWidth(plot.title, 12, 700) + 14 });
    for (const s of plot.series) {
      if (s.noLegend) continue;
      const item = legend.append('g');
      item
        .append('line')
        .attr('x1', 0)
        .attr('x2', 18)
        .attr('stroke', s.color)
        .attr('stroke-width', Math.max(2, s.width))
        .attr('stroke-opacity', s.opacity ?? 1)
        .attr('stroke-dasharray', s.dash ?? null);
      item.append('text').attr('x', 23).attr('y', 4).text(s.label);
      items.push({ g: item, w: 23 + textWidth(s.label, 12) + 14 });
    }
    let lx = 0;
    let row = 0;
    const maxW = width - 8;
    for (const it of items) {
      if (lx > 0 && lx + it.w > maxW) {
        lx = 0;
        row++;
      }
      it.g.attr('transform', `translate(${lx},${row * ROW})`);
      lx += it.w;
    }
    return { legend, height: (row + 1) * ROW + 10 };
  });
  const avail = height - margin.top - margin.bottom - d3.sum(legends, (l) => l.height) - 10 * (plots.length - 1);
  if (avail < 60) return;

  let top = margin.top;
  plots.forEach((plot, k) => {
    const ih = Math.floor(avail * plot.weight);
    const lh = legends[k].height + (k === 0 ? 0 : 10);
    legends[k].legend.attr('transform', `translate(4,${top + (k === 0 ? 6 : 16)})`);
    const g = svg.append('g').attr('transform', `translate(${margin.left},${top + lh})`);

    // Stage-2 region shading and rule.
    if (sx !== null) {
      g.append('rect')
        .attr('x', sx)
        .attr('width', iw - sx)
        .attr('height', ih)
        .attr('fill', C.stage2);
    }

    let maxV = 0;
    for (const s of plot.series) for (const [, v] of s.points) if (Number.isFinite(v) && v > maxV) maxV = v;
    if (maxV <= 0) maxV = 1;
    const y =
      plot.scale === 'symlog'
        ? d3
            .scaleSymlog()
            .constant(1)
            .domain([0, maxV * 1.1])
            .range([ih, 0])
        : d3
            .scaleLinear()
            .domain(plot.domain ?? [0, maxV * 1.08])
            .range([ih, 0])
            .nice();
    const ticks =
      plot.scale === 'symlog'
        ? symlogTicks(maxV * 1.1)
        : (y as d3.ScaleLinear<number, number>).ticks(Math.max(2, Math.floor(ih / 30)));

    drawGridLines(g, ticks, y, iw, colors.grid);
    const gy = g.append('g').call(
      d3
        .axisLeft(y)
        .tickValues(ticks)
        .tickFormat((d) => plot.format(+d)),
    );
    const last = k === plots.length - 1;
    const gx = g
      .append('g')
      .attr('transform', `translate(0,${ih})`)
      .call(
        d3
          .axisBottom(x)
          .tickValues(stepTicks(x, iw))
          .tickFormat(last ? d3.format('~d') : () => ''),
      );
    for (const a of [gx, gy]) styleAxis(a);
    if (last) {
      g.append('text')
        .attr('x', iw)
        .attr('y', ih + 30)
        .attr('text-anchor', 'end')
        .attr('fill', MUTED)
        .text('step');
    }

    if (sx !== null) {
      g.append('line')
        .attr('x1', sx)
        .attr('x2', sx)
        .attr('y1', 0)
        .attr('y2', ih)
        .attr('stroke', colors.threshold)
        .attr('stroke-width', 1.5)
        .attr('stroke-dasharray', '4 3');
      if (k === 0) {
        const right = sx > iw - 60;
        g.append('text')
          .attr('x', right ? sx - 4 : sx + 4)
          .attr('y', 13)
          .attr('text-anchor', right ? 'end' : 'start')
          .attr('font-weight', 600)
          .text('stage 2');
      }
    }

    const line = d3
      .line<Pt>()
      .defined((p) => Number.isFinite(p[1]))
      .x((p) => x(p[0]))
      .y((p) => y(Math.max(p[1], 0)));
    for (const s of plot.series) {
      g.append('path')
        .attr('d', line(s.points))
        .attr('fill', 'none')
        .attr('stroke', s.color)
        .attr('stroke-width', s.width)
        .attr('stroke-opacity', s.opacity ?? 1)
        .attr('stroke-linejoin', 'round')
        .attr('stroke-dasharray', s.dash ?? null);
    }

    top += lh + ih;
  });
}

/** Memoised: an ε (or any non-t) change leaves this panel's props untouched, so it does not re-render. */
export const LossMetrics = memo(LossMetricsPanel);
