/**
 * The two-stage schedule of Algorithm 1: which stage runs and why, the per-step counts numF and
 * numB of the switch test against n/2, and the convergence rule in use.
 */
import * as d3 from 'd3';
import { useEffect, useMemo, memo } from 'react';
import { colors, INK, MUTED, PANEL_FONT } from './kit/theme';
import { useChart } from './kit/useChart';
import { Panel } from './Panel';
import { CHART_HEIGHT, drawChecks, NUM_B, NUM_F, type CheckPt } from './stagePanel/draw';
import type { StageProps } from './types';

const STAGE_STYLE = {
  1: { bg: '#e3f4ee', border: '#009E73', text: '#064d37', label: 'Stage 1 · Intra-CBL' },
  2: { bg: '#f7e8f1', border: colors.weighted, text: '#5b1f45', label: 'Stage 2 · Balance loss' },
} as const;

function StagePanelPanel({ steps, stage, rule, n, lastCheck }: StageProps) {
  const { boxRef, svgRef, size } = useChart();
  const checks = useMemo(() => switchChecks(steps), [steps]);
  const batchN = lastCheck?.n ?? (checks.length > 0 ? checks[checks.length - 1].n : n);
  const stepRange = useMemo<[number, number] | null>(() => {
    if (steps.length === 0) return null;
    return [steps[0].step, steps[steps.length - 1].step];
  }, [steps]);

  useEffect(() => {
    if (svgRef.current) drawChecks(svgRef.current, checks, stepRange, batchN, stage.switchedAt, size);
  }, [svgRef, checks, stepRange, batchN, stage.switchedAt, size]);

  return (
    <Panel title="Two-stage schedule (Algorithm 1)" testId="panel-stage">
      <div style={{ fontFamily: PANEL_FONT, color: INK, fontSize: 13, lineHeight: 1.45 }}>
        <StageIndicator stage={stage} />
        <LastCheck lastCheck={lastCheck} stage={stage} />
        <div ref={boxRef} style={{ position: 'relative', width: '100%', height: CHART_HEIGHT }}>
          <svg
            ref={svgRef}
            width={size.width}
            height={CHART_HEIGHT}
            style={{ position: 'absolute', inset: 0, display: 'block' }}
            role="img"
            aria-label={`numF and numB per step against n/2 = ${batchN / 2}`}
          />
        </div>
        <SwitchRules rule={rule} />
      </div>
    </Panel>
  );
}

/** The steps that ran the switch test, with its counts. */
function switchChecks(steps: StageProps['steps']): CheckPt[] {
  return steps.flatMap((s) =>
    s.check
      ? [{ step: s.step, numF: s.check.numF, numB: s.check.numB, n: s.check.n, converged: s.check.converged }]
      : [],
  );
}

/** The running stage in its colours, with the reason it runs. */
function StageIndicator({ stage }: Pick<StageProps, 'stage'>) {
  const st = STAGE_STYLE[stage.stage];
  return (
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
  );
}

/** The latest switch test's numF and numB against n/2, or why there is none. */
function LastCheck({ lastCheck, stage }: Pick<StageProps, 'lastCheck' | 'stage'>) {
  return (
    <div style={{ margin: '8px 0 2px', display: 'flex', flexWrap: 'wrap', gap: '2px 16px', alignItems: 'baseline' }}>
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
  );
}

/** The two readings of the switch test, the one in use marked. */
function SwitchRules({ rule }: Pick<StageProps, 'rule'>) {
  return (
    <div style={{ display: 'grid', gap: 6, marginTop: 6 }}>
      <RuleText
        active={rule === 'code'}
        title="Authors’ code"
        body={
          <>
            fgOK ⇔ the f-th largest of <M>y·(1−p̃)</M> is ≤ <M>1 − t_h</M>: the best-predicted foreground pixel has{' '}
            <M>p̃ ≥ t_h</M>. bgOK ⇔ the f-th largest of <M>(1−y)·p̃</M> is ≤ <M>1 − t_h</M>: fewer than f background
            pixels exceed <M>1 − t_h</M>. That implies Eq. 11 (the f-th largest background <M>p &lt; t</M>) only when{' '}
            <M>1 − t_h &lt; t</M>, as at the defaults (<M>t_h</M> = 0.9, <M>t</M> = 0.5).
          </>
        }
      />
      <RuleText
        active={rule === 'algorithm1'}
        title="Algorithm 1 as printed"
        body={
          <>
            fgOK ⇔ the f-th largest of <M>y·p̃</M> is ≥ <M>t_h</M>: every foreground pixel has <M>p̃ ≥ t_h</M>, a far
            stricter test. bgOK ⇔ the f-th largest of <M>(1−y)(1−p̃)</M> is ≥ <M>t_h</M>: at least f background pixels
            have <M>p̃ ≤ 1 − t_h</M>, which nearly always holds when b ≫ f.
          </>
        }
      />
      <div style={{ color: MUTED, fontSize: 12 }}>
        Per image, f is its foreground pixel count; an image without foreground passes both tests. The switch is for
        good, at the first step where numF ≥ n/2 and numB ≥ n/2.
      </div>
    </div>
  );
}

function M({ children }: { children: React.ReactNode }) {
  return (
    <span
      style={{
        // KaTeX's italic text face (lining digits, unlike its math italic), shipped with KaTeX like the
        // equations' fonts: the same everywhere; what it lacks comes from the app's own face.
        fontFamily: `KaTeX_Main, ${PANEL_FONT}`,
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

/**
 * Memoised: neither t nor ε is a prop (the switch test reads neither), so moving them re-renders
 * the training section but leaves these props untouched and the panel does not re-render.
 */
export const StagePanel = memo(StagePanelPanel);
