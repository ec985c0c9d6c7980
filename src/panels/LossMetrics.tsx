/**
 * The training loss per step with its Intra-/Inter-CBL parts, validation Dice and IoU, and the
 * hard FP/FN counts at the worker's t, on one shared step axis with the stage-2 switch marked.
 */
import * as d3 from 'd3';
import { useEffect, useMemo, memo } from 'react';
import { colors, INK, MUTED, PANEL_FONT } from './kit/theme';
import { useChart } from './kit/useChart';
import { drawPlots, MIN_HEIGHT } from './lossMetrics/draw';
import { C, lossPlots } from './lossMetrics/plots';
import { Panel } from './Panel';
import type { LossPanelProps } from './types';
import { atThreshold } from '../state/historyMath';

const f3 = d3.format('.3f');
const f4 = d3.format('.4~f');

function LossMetricsPanel({ history: logged, steps, switchedAt, t, stepDomain = null }: LossPanelProps) {
  // Hard counts depend on t: re-derive them (exactly, t being a bin edge) so that this panel
  // agrees with the others at the current threshold rather than at the one of each log time.
  const history = useMemo(() => logged.map((e) => atThreshold(e, t)), [logged, t]);
  const { boxRef, svgRef, size } = useChart();
  const plots = useMemo(() => lossPlots(history, steps), [history, steps]);

  useEffect(() => {
    if (svgRef.current) drawPlots(svgRef.current, plots, size, switchedAt, stepDomain);
  }, [svgRef, plots, size, switchedAt, stepDomain]);

  const empty = steps.length === 0 && history.length === 0;
  return (
    <Panel title="Loss and metrics" testId="panel-loss" className="panel-fill">
      <Readouts history={history} steps={steps} />
      {empty ? (
        <p style={{ margin: '24px 8px', color: MUTED, fontSize: 14, fontFamily: PANEL_FONT }}>Press play to train…</p>
      ) : (
        <div ref={boxRef} style={{ position: 'relative', width: '100%', flex: '1 1 auto', minHeight: MIN_HEIGHT }}>
          <svg
            ref={svgRef}
            width={size.width}
            height={Math.max(size.height, MIN_HEIGHT)}
            style={{ position: 'absolute', inset: 0, display: 'block' }}
            role="img"
            aria-label="Loss, Dice, IoU and hard FP/FN counts against training step"
          />
        </div>
      )}
    </Panel>
  );
}

/** The latest loss, Dice, IoU and hard counts above the plots. */
function Readouts({ history, steps }: Pick<LossPanelProps, 'history' | 'steps'>) {
  const lastStep = steps.length > 0 ? steps[steps.length - 1] : null;
  const last = history.length > 0 ? history[history.length - 1] : null;
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 10px', fontFamily: PANEL_FONT, marginBottom: 4 }}>
      <Readout id="readout-loss" label="loss" value={lastStep ? f4(lastStep.loss) : '—'} color={C.lossSmooth} />
      <Readout id="metric-dice" label="Dice (p > 0.5)" value={last ? f3(last.dice) : '—'} color={C.dice} />
      <Readout id="readout-iou" label="IoU" value={last ? f3(last.iou) : '—'} color={C.iou} />
      <Readout id="readout-fp" label="FP at t" value={last ? d3.format(',')(last.fpHard) : '—'} color={colors.fpMain} />
      <Readout id="readout-fn" label="FN at t" value={last ? d3.format(',')(last.fnHard) : '—'} color={colors.fnMain} />
    </div>
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

/**
 * Memoised: t is a prop (the hard counts, Dice and IoU are re-derived at it), but a move of ε or of
 * any other slider leaves these props untouched, so the panel does not re-render.
 */
export const LossMetrics = memo(LossMetricsPanel);
