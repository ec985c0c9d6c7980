/**
 * The two-stage schedule of Algorithm 1: which stage runs and why, the per-step counts numF and
 * numB of the switch test against n/2, and the convergence rule in use.
 */
import * as d3 from 'd3';
import { useEffect, useMemo, useRef, memo } from 'react';
import { colors, INK, MUTED, PANEL_FONT, STAGE2_BAND } from './kit/theme';
import { drawGridLines, stepTicks, styleAxis } from './kit/axes';
import { Panel } from './Panel';
import type { StageProps } from './types';
import { useSize } from './kit/useSize';
import { textWidth } from './kit/text';

const FONT = PANEL_FONT;
const NUM_F = colors.fnMain;
const NUM_B = colors.fpMain;

const STAGE_STYLE = {
  1: { bg: '#e3f4ee', border: '#009E73', text: '#064d37', label: 'Stage 1 · Intra-CBL' },
  2: { bg: '#f7e8f1', border: colors.weighted, text: '#5b1f45', label: 'Stage 2 · Balance loss' },
} as const;

interface CheckPt {
  step: number;
  numF: number;
  numB: number;
  n: number;
  converged: boolean;
}

function StagePanelPanel({ steps, stage, rule, n, lastCheck }: StageProps) {
  const [boxRef, size] = useSize<HTMLDivElement>();
  const svgRef = useRef<SVGSVGElement | null>(null);
  const checks = useMemo<CheckPt[]>(
    () =>
      steps.flatMap((s) =>
        s.check
          ? [{ step: s.step, numF: s.check.numF, numB: s.check.numB, n: s.check.n, converged: s.check.converged }]
          : [],
      ),
    [steps],
  );
  const batchN = lastCheck?.n ?? (checks.length > 0 ? checks[checks.length - 1].n : n);
  const stepRange = useMemo<[number, number] | null>(() => {
    if (steps.length === 0) return null;
    return [steps[0].step, steps[steps.length - 1].step];
  }, [steps]);

  useEffect(() => {
    if (svgRef.current) drawChecks(svgRef.current, checks, stepRange, batchN, stage.switchedAt, size);
  }, [checks, stepRange, batchN, stage.switchedAt, size]);

  const st = STAGE_STYLE[stage.stage];
  const half = batchN / 2;

  return (
    <Panel title="Two-stage schedule (Algorithm 1)" testId="panel-stage">
      <div style={{ fontFamily: FONT, color: INK, fontSize: 13, lineHeight: 1.45 }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
          <div
            data-testid="stage-indicator"
            aria-live="polite"
            style={{
              fontSize: 20,
              fontWeight: 700,
              padding: '6px 14px',
              borderRadius: 8,
              background: st.bg,
              color: st.text,
              border: `2px solid ${st.border}`,
              whiteSpace: 'nowrap',
            }}
          >
            {st.label}
          </div>
          <div style={{ flex: '1 1 200px', minWidth: 0 }}>{stage.reason}</div>
        </div>

        <div
          style={{ margin: '8px 0 2px', display: 'flex', flexWrap: 'wrap', gap: '2px 16px', alignItems: 'baseline' }}
        >
          {lastCheck ? (
            <>
              <span>
                Last check on the batch:{' '}
                <Count label="numF" value={lastCheck.numF} ok={lastCheck.numF >= lastCheck.n / 2} color={NUM_F} />{' '}
                <Count label="numB" value={lastCheck.numB} ok={lastCheck.numB >= lastCheck.n / 2} color={NUM_B} />
              </span>
              <span style={{ color: MUTED }}>switch when both ≥ n/2 = {d3.format('~g')(lastCheck.n / 2)}</span>
            </>
          ) : (
            <span style={{ color: MUTED }}>
              {stage.stage === 2 ? 'The switch test no longer runs in stage 2.' : 'No switch test has run yet.'}
            </span>
          )}
        </div>

        <div ref={boxRef} style={{ position: 'relative', width: '100%', height: 170 }}>
          <svg
            ref={svgRef}
            width={size.width}
            height={170}
            style={{ position: 'absolute', inset: 0, display: 'block' }}
            role="img"
            aria-label={`numF and numB per step against n/2 = ${half}`}
          />
        </div>

        <div style={{ display: 'grid', gap: 6, marginTop: 6 }}>
          <RuleText
            active={rule === 'code'}
            title="Authors’ code"
            body={
              <>
                fgOK ⇔ the f-th largest of <M>y·(1−p̃)</M> is ≤ <M>1 − t_h</M>: the best-predicted foreground pixel has{' '}
                <M>p̃ ≥ t_h</M>. bgOK ⇔ the f-th largest of <M>(1−y)·p̃</M> is ≤ <M>1 − t_h</M>: fewer than f background
                pixels exceed <M>1 − t_h</M>, so Eq. 11 holds with margin.
              </>
            }
          />
          <RuleText
            active={rule === 'algorithm1'}
            title="Algorithm 1 as printed"
            body={
              <>
                fgOK ⇔ the f-th largest of <M>y·p̃</M> is ≥ <M>t_h</M>: every foreground pixel has <M>p̃ ≥ t_h</M>, a far
                stricter test. bgOK ⇔ the f-th largest of <M>(1−y)(1−p̃)</M> is ≥ <M>t_h</M>: at least f background
                pixels have <M>p̃ ≤ 1 − t_h</M>, which nearly always holds when b ≫ f.
              </>
            }
          />
          <div style={{ color: MUTED, fontSize: 12 }}>
            Per image, f is its foreground pixel count; an image without foreground passes both tests. The switch is for
            good, at the first step where numF ≥ n/2 and numB ≥ n/2.
          </div>
        </div>
      </div>
    </Panel>
  );
}

function M({ children }: { children: React.ReactNode }) {
  return (
    <span
      style={{
        fontFamily: '"STIX Two Math", "Cambria Math", "Times New Roman", serif',
        fontStyle: 'italic',
        whiteSpace: 'nowrap',
      }}
    >
      {children}
    </span>
  );
}

function Count({ label, value, ok, color }: { label: string; value: number; ok: boolean; color: string }) {
  return (
    <span style={{ whiteSpace: 'nowrap', marginRight: 6 }}>
      {/* Ink text with the series colour as an underline: the colours alone are too light for 13 px text. */}
      <span style={{ fontWeight: 700, boxShadow: `inset 0 -3px 0 ${color}` }}>{label}</span> = <b>{value}</b>{' '}
      <span aria-label={ok ? 'enough' : 'not enough'} style={{ color: ok ? '#00704c' : '#b3261e', fontWeight: 700 }}>
        {ok ? '✓' : '✗'}
      </span>
    </span>
  );
}

function RuleText({ active, title, body }: { active: boolean; title: string; body: React.ReactNode }) {
  return (
    <div
      data-active={active}
      style={{
        padding: '4px 10px',
        borderLeft: `4px solid ${active ? '#333' : '#ccc'}`,
        background: active ? '#f4f5f7' : 'transparent',
        color: active ? INK : '#6b6f76',
      }}
    >
      <div style={{ fontWeight: 700, marginBottom: 1 }}>
        {title}
        {active ? (
          <span
            style={{
              marginLeft: 8,
              fontSize: 12,
              fontWeight: 600,
              padding: '0 6px',
              borderRadius: 3,
              background: '#333',
              color: '#fff',
            }}
          >
            in use
          </span>
        ) : null}
      </div>
      <div>{body}</div>
    </div>
  );
}

function drawChecks(
  svgEl: SVGSVGElement,
  checks: CheckPt[],
  stepRange: [number, number] | null,
  n: number,
  switchedAt: number | null,
  size: { width: number; height: number },
): void {
  const svg = d3.select(svgEl);
  svg.selectAll('*').remove();
  const width = size.width;
  const height = 170;
  if (width < 80) return;
  svg.attr('font-family', FONT).attr('font-size', 12).attr('fill', INK);
  const margin = { top: 26, right: 14, bottom: 32, left: 40 };
  const iw = width - margin.left - margin.right;
  const ih = height - margin.top - margin.bottom;
  const g = svg.append('g').attr('transform', `translate(${margin.left},${margin.top})`);

  // Legend.
  const legend = svg.append('g').attr('transform', `translate(${margin.left},10)`);
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

  const lo = stepRange?.[0] ?? checks[0]?.step ?? 0;
  const hi = stepRange?.[1] ?? checks[checks.length - 1]?.step ?? 1;
  const x = d3
    .scaleLinear()
    .domain(lo === hi ? [lo - 1, hi + 1] : [lo, hi])
    .range([0, iw]);
  const top = Math.max(1, n);
  const y = d3.scaleLinear().domain([0, top]).range([ih, 0]);
  const yTicks = top <= 8 ? d3.range(0, top + 1) : y.ticks(5).filter(Number.isInteger);

  const sx = switchedAt !== null && switchedAt >= x.domain()[0] && switchedAt <= x.domain()[1] ? x(switchedAt) : null;
  if (sx !== null)
    g.append('rect')
      .attr('x', sx)
      .attr('width', iw - sx)
      .attr('height', ih)
      .attr('fill', STAGE2_BAND);

  drawGridLines(g, yTicks, y, iw, colors.grid);
  const gy = g.append('g').call(d3.axisLeft(y).tickValues(yTicks).tickFormat(d3.format('d')));
  const gx = g
    .append('g')
    .attr('transform', `translate(0,${ih})`)
    .call(d3.axisBottom(x).tickValues(stepTicks(x, iw)).tickFormat(d3.format('~d')));
  for (const a of [gx, gy]) styleAxis(a);
  g.append('text')
    .attr('x', iw)
    .attr('y', ih + 29)
    .attr('text-anchor', 'end')
    .attr('fill', MUTED)
    .text('step');

  // The bar to clear: n/2.
  g.append('line')
    .attr('x1', 0)
    .attr('x2', iw)
    .attr('y1', y(n / 2))
    .attr('y2', y(n / 2))
    .attr('stroke', colors.threshold)
    .attr('stroke-width', 1.5)
    .attr('stroke-dasharray', '2 3');

  if (checks.length === 0) {
    g.append('text')
      .attr('x', iw / 2)
      .attr('y', ih / 2 - 6)
      .attr('text-anchor', 'middle')
      .attr('fill', MUTED)
      .attr('font-size', 13)
      .text('No switch checks yet');
  } else {
    // numF and numB often coincide: a 1.5 px offset keeps both steps visible.
    const line = (key: 'numF' | 'numB', dy: number) =>
      d3
        .line<CheckPt>()
        .curve(d3.curveStepAfter)
        .x((d) => x(d.step))
        .y((d) => y(d[key]) + dy)(checks);
    g.append('path')
      .attr('d', line('numF', -1.5))
      .attr('fill', 'none')
      .attr('stroke', NUM_F)
      .attr('stroke-width', 2)
      .attr('stroke-linejoin', 'round');
    g.append('path')
      .attr('d', line('numB', 1.5))
      .attr('fill', 'none')
      .attr('stroke', NUM_B)
      .attr('stroke-width', 2)
      .attr('stroke-linejoin', 'round');
  }

  if (sx !== null) {
    g.append('line')
      .attr('x1', sx)
      .attr('x2', sx)
      .attr('y1', -4)
      .attr('y2', ih)
      .attr('stroke', colors.threshold)
      .attr('stroke-width', 1.5)
      .attr('stroke-dasharray', '4 3');
    const right = sx > iw - 110;
    g.append('text')
      .attr('x', right ? sx - 5 : sx + 5)
      .attr('y', 10)
      .attr('text-anchor', right ? 'end' : 'start')
      .attr('font-weight', 600)
      .text(`switch at step ${switchedAt}`);
  }
}

/** Memoised: a t or ε change leaves this panel's props untouched, so it does not re-render. */
export const StagePanel = memo(StagePanelPanel);
