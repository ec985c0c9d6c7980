/**
 * FP/FN main and bias terms (Eq. 3–4) over the run, recomputed for the current t from each logged
 * step's validation histogram, plus the ε-weighted FP bias of Eq. 12 as a dashed line.
 */
import * as d3 from 'd3';
import { useEffect, useMemo, useRef, useState } from 'react';
import { historyRow, type HistoryRow } from '../state/historyMath';
import { colors, INK, MUTED, PANEL_FONT, RULE } from './kit/theme';
import { drawGridLines, stepTicks, styleAxis } from './kit/axes';
import { Panel } from './Panel';
import type { HistoryProps, HistorySync, TermId } from './types';
import { useSize } from './kit/useSize';
import { textWidth } from './kit/text';

type CurveId = 'fpMain' | 'fpBias' | 'fnMain' | 'fnBias' | 'fpBiasW';

const CURVES: readonly { id: CurveId; label: string; color: string; dashed: boolean }[] = [
  { id: 'fpMain', label: 'FP main', color: colors.fpMain, dashed: false },
  { id: 'fpBias', label: 'FP bias', color: colors.fpBias, dashed: false },
  { id: 'fnMain', label: 'FN main', color: colors.fnMain, dashed: false },
  { id: 'fnBias', label: 'FN bias', color: colors.fnBias, dashed: false },
  { id: 'fpBiasW', label: 'FP bias, ε-weighted', color: colors.weighted, dashed: true },
];

const FONT = PANEL_FONT;
const fmt = (v: number): string => (v === 0 ? '0' : Math.abs(v) >= 100 ? d3.format(',.0f')(v) : d3.format('.3~g')(v));

export function MainBiasHistory({ history, t, switchedAt, highlight, onHover, sync }: HistoryProps) {
  const [logY, setLogY] = useState(true);
  const [boxRef, size] = useSize<HTMLDivElement>();
  const svgRef = useRef<SVGSVGElement | null>(null);
  const onHoverRef = useRef(onHover);
  useEffect(() => {
    onHoverRef.current = onHover;
  });

  // O(1) per entry per t (suffix sums are cached per histogram), so a t change is cheap.
  const rows = useMemo(() => history.map((e) => historyRow(e, t)), [history, t]);
  // Tall enough for both decades of the log axis; grows with the panel if the layout lets it.
  const minH = Math.round(Math.min(420, Math.max(260, size.width * 0.6)));
  const showW = useMemo(() => rows.some((r) => Math.abs(r.fpBiasW - r.fpBias) > 1e-9 * Math.max(1, r.fpBias)), [rows]);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    drawHistory(
      svg,
      rows,
      { width: size.width, height: Math.max(size.height, minH) },
      { logY, switchedAt, showW, sync: sync ?? null, onHover: (term) => onHoverRef.current?.(term) },
    );
  }, [rows, size, minH, logY, switchedAt, showW, sync]);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    applyHighlight(svg, highlight);
  }, [highlight, rows, size, logY, switchedAt, showW]);

  const tools = (
    <button
      type="button"
      className="panel-toggle"
      aria-pressed={logY}
      onClick={() => setLogY((v) => !v)}
      title="Bias can be 100× the main term: a log axis shows both."
      style={toggleStyle(logY)}
    >
      log y
    </button>
  );

  return (
    <Panel
      title="Main vs bias over training"
      testId="panel-history"
      tools={history.length > 0 ? tools : undefined}
      className="panel-fill"
    >
      {history.length === 0 ? (
        <p style={{ margin: '24px 8px', color: MUTED, fontSize: 14 }}>Press play to train…</p>
      ) : (
        <>
          <div ref={boxRef} style={{ position: 'relative', width: '100%', flex: '1 1 auto', minHeight: minH }}>
            <svg
              ref={svgRef}
              width={size.width}
              height={Math.max(size.height, minH)}
              style={{ position: 'absolute', inset: 0, display: 'block' }}
              role="img"
              aria-label={`FP and FN main and bias terms over ${rows.length} logged steps at t = ${t}`}
            />
          </div>
          <p style={{ margin: '4px 4px 0', fontSize: 12, lineHeight: 1.4, color: MUTED }}>
            Recomputed at t = {t.toFixed(3)} from each logged step’s validation histogram (exact at bin edges).
            {showW ? (
              <>
                {' '}
                <span
                  style={{ color: '#9c3d74', fontWeight: 600, textDecoration: `underline dashed ${colors.weighted}` }}
                >
                  Dashed
                </span>
                : FP bias with easy background (outside the top-f) weighted by ε, Eq. 12 — from the histogram, so the
                one bin holding the f-th largest background p is split by count.
              </>
            ) : null}
          </p>
        </>
      )}
    </Panel>
  );
}

export function toggleStyle(on: boolean): React.CSSProperties {
  return {
    font: `600 12px ${FONT}`,
    padding: '3px 10px',
    borderRadius: 4,
    border: `1.5px solid ${on ? '#333' : '#999'}`,
    background: on ? '#333' : '#fff',
    color: on ? '#fff' : '#333',
    cursor: 'pointer',
  };
}

interface DrawOptions {
  logY: boolean;
  switchedAt: number | null;
  showW: boolean;
  sync: HistorySync | null;
  onHover: (term: TermId | null) => void;
}

function drawHistory(
  svgEl: SVGSVGElement,
  rows: readonly HistoryRow[],
  size: { width: number; height: number },
  o: DrawOptions,
): void {
  const svg = d3.select(svgEl);
  svg.selectAll('*').remove();
  const width = size.width;
  const height = size.height;
  if (width < 50 || rows.length === 0) return;
  svg.attr('font-family', FONT).attr('font-size', 12).attr('fill', INK);

  const curves = CURVES.filter((c) => c.id !== 'fpBiasW' || o.showW);

  // Legend first: its height (one or two rows) sets the top margin.
  const legend = svg.append('g').attr('transform', 'translate(8,4)');
  let lx = 0;
  let ly = 0;
  const legendWidth = width - 16;
  for (const c of curves) {
    const item = legend.append('g').attr('data-legend', c.id).style('cursor', 'default');
    item.append('rect').attr('x', -4).attr('y', -2).attr('height', 22).attr('fill', 'transparent');
    item
      .append('line')
      .attr('x1', 0)
      .attr('x2', 22)
      .attr('y1', 10)
      .attr('y2', 10)
      .attr('stroke', c.color)
      .attr('stroke-width', 3)
      .attr('stroke-dasharray', c.dashed ? '6 4' : null);
    item.append('text').attr('x', 28).attr('y', 14.5).attr('font-size', 13).text(c.label);
    const w = 28 + textWidth(c.label, 13) + 18;
    item.select('rect').attr('width', w - 10);
    if (lx > 0 && lx + w > legendWidth) {
      lx = 0;
      ly += 22;
    }
    item.attr('transform', `translate(${lx},${ly})`);
    lx += w;
    item.on('pointerenter', () => o.onHover(c.id)).on('pointerleave', () => o.onHover(null));
  }

  const margin = { top: ly + 42, right: 16, bottom: 36, left: 62 };
  const iw = width - margin.left - margin.right;
  const ih = height - margin.top - margin.bottom;
  if (iw < 20 || ih < 20) return;

  const steps = rows.map((r) => r.step);
  const [s0, s1] = o.sync ? o.sync.steps : (d3.extent(steps) as [number, number]);
  const x = d3
    .scaleLinear()
    .domain(s0 === s1 ? [s0 - 1, s1 + 1] : [s0, s1])
    .range([0, iw]);
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
  // On the log axis values far below the largest are clipped, so a curve that goes to 0 drops
  // out of sight instead of stretching the axis over twenty decades.
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

  const plot = svg.append('g').attr('transform', `translate(${margin.left},${margin.top})`);

  // Grid and axes.
  const yTicks = o.logY
    ? logTicks(y.domain() as [number, number])
    : (y as d3.ScaleLinear<number, number>).ticks(Math.max(3, Math.floor(ih / 45)));
  drawGridLines(plot, yTicks, y, iw, colors.grid);
  const yAxis = d3
    .axisLeft(y)
    .tickValues(yTicks)
    .tickFormat((d) => fmt(+d));
  const gy = plot.append('g').call(yAxis);
  const gx = plot
    .append('g')
    .attr('transform', `translate(0,${ih})`)
    .call(d3.axisBottom(x).tickValues(stepTicks(x, iw)).tickFormat(d3.format('~d')));
  for (const g of [gx, gy]) styleAxis(g);
  plot
    .append('text')
    .attr('x', iw)
    .attr('y', ih + 31)
    .attr('text-anchor', 'end')
    .attr('fill', MUTED)
    .text('step');
  plot
    .append('text')
    .attr('transform', `translate(${-50},${ih / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .attr('fill', MUTED)
    .text(o.logY ? 'soft pixel count (log)' : 'soft pixel count');

  // Stage-2 rule.
  if (o.switchedAt !== null && o.switchedAt >= x.domain()[0] && o.switchedAt <= x.domain()[1]) {
    const sx = x(o.switchedAt);
    plot
      .append('line')
      .attr('x1', sx)
      .attr('x2', sx)
      .attr('y1', -6)
      .attr('y2', ih)
      .attr('stroke', colors.threshold)
      .attr('stroke-width', 1.5)
      .attr('stroke-dasharray', '4 3');
    plot
      .append('text')
      .attr('x', sx + 4)
      .attr('y', -8)
      .attr('font-weight', 600)
      .attr('text-anchor', sx > iw - 60 ? 'end' : 'start')
      .attr('dx', sx > iw - 60 ? -8 : 0)
      .text('stage 2');
  }

  // One path string per curve, shared by the visible line and its hover target.
  const paths = new Map<CurveId, string>();
  for (const c of curves) {
    const line = d3
      .line<HistoryRow>()
      .defined((r) => Number.isFinite(r[c.id]) && (!o.logY || r[c.id] >= floor * 0.999))
      .x((r) => x(r.step))
      .y((r) => y(r[c.id]));
    paths.set(c.id, line(rows as HistoryRow[]) ?? '');
  }

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

  // Hover crosshair with the values of the nearest logged step.
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
  const box = hover.append('g');
  const boxBg = box.append('rect').attr('rx', 4).attr('fill', 'rgba(255,255,255,0.94)').attr('stroke', '#999');
  const boxTitle = box.append('text').attr('x', 8).attr('y', 17).attr('font-weight', 600);
  const boxRows = box
    .selectAll('g.v')
    .data(curves)
    .join('g')
    .attr('class', 'v')
    .attr('transform', (_, i) => `translate(8,${30 + i * 17})`);
  boxRows
    .append('line')
    .attr('x1', 0)
    .attr('x2', 14)
    .attr('stroke', (c) => c.color)
    .attr('stroke-width', 3)
    .attr('stroke-dasharray', (c) => (c.dashed ? '4 2' : null));
  const boxLines = boxRows.append('text').attr('x', 20).attr('y', 4.5).attr('fill', INK);
  const boxW = 214;
  const boxH = 26 + curves.length * 17;
  boxBg.attr('width', boxW).attr('height', boxH);

  const bisect = d3.bisector<HistoryRow, number>((r) => r.step).center;
  const hitArea = plot.append('g');
  hitArea.append('rect').attr('width', iw).attr('height', ih).attr('fill', 'transparent');
  // Wide invisible strokes: hovering a curve highlights its term everywhere (equation hover).
  for (const c of curves) {
    hitArea
      .append('path')
      .attr('d', paths.get(c.id) ?? '')
      .attr('fill', 'none')
      .attr('stroke', 'transparent')
      .attr('stroke-width', 12)
      .attr('pointer-events', 'stroke')
      .on('pointerenter', () => o.onHover(c.id))
      .on('pointerleave', () => o.onHover(null));
  }
  hitArea
    .on('pointermove', (event: PointerEvent) => {
      const [mx] = d3.pointer(event, plot.node());
      const i = bisect(rows, x.invert(mx));
      const r = rows[Math.max(0, Math.min(rows.length - 1, i))];
      const px = x(r.step);
      hover.style('display', null);
      hover.select('line').attr('x1', px).attr('x2', px);
      dots
        .attr('cx', px)
        .attr('cy', (c) => y(Math.max(r[c.id], o.logY ? floor : 0)))
        .style('display', (c) => (o.logY && r[c.id] < floor ? 'none' : null));
      boxTitle.text(`step ${r.step}`);
      boxLines.text((c) => `${c.label}: ${fmt(r[c.id])}`);
      const bx = px + 12 + boxW > iw ? px - 12 - boxW : px + 12;
      box.attr('transform', `translate(${bx},${Math.min(8, ih - boxH)})`);
    })
    .on('pointerleave', () => hover.style('display', 'none'));
}

/** Decade ticks (1, 10, 100, …) of a log axis, with 2 and 5 added when there are few decades. */
function logTicks([lo, hi]: [number, number]): number[] {
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

function applyHighlight(svgEl: SVGSVGElement, highlight: TermId | null): void {
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
  svg.selectAll<SVGGElement, unknown>('g[data-legend]').attr('opacity', function () {
    return !active || this.dataset.legend === highlight ? 1 : 0.45;
  });
  if (active) svg.select(`path[data-term="${highlight}"]`).raise();
}
