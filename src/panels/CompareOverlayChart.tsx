/**
 * One chart of compare mode's overlay: runs A (solid) and B (dashed) on the same axes, one colour
 * per quantity (src/panels/overlay/charts.ts says which chart draws what).
 */
import { memo, useEffect, useState } from 'react';
import { MUTED } from './kit/theme';
import { useChart, useLatest } from './kit/useChart';
import { highlightTerms, useTermHighlight } from './kit/highlight';
import { toggleStyle } from './MainBiasHistory';
import type { OverlayChartSpec } from './overlay/charts';
import { drawOverlay, type OverlayRun } from './overlay/draw';
import { Panel } from './Panel';
import type { TermHover } from './types';

export interface CompareOverlayChartProps extends TermHover {
  spec: OverlayChartSpec;
  runs: readonly OverlayRun[];
  /** The union of both runs' logged steps; null before either has logged one. */
  steps: [number, number] | null;
  t: number;
}

const HEIGHT = 320;

function CompareOverlayChartPanel({ spec, runs, steps, t, highlight, onHover }: CompareOverlayChartProps) {
  const [logY, setLogY] = useState(spec.scale === 'log');
  const { boxRef, svgRef, size } = useChart();
  const onHoverRef = useLatest(onHover);
  const scale = spec.scale === 'log' && !logY ? 'linear' : spec.scale;
  const highlightRef = useTermHighlight(svgRef, highlight, 0.2);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg || !steps) return;
    drawOverlay(
      svg,
      spec,
      runs,
      { width: size.width, height: HEIGHT },
      {
        scale,
        steps,
        onHover: (term) => onHoverRef.current?.(term),
      },
    );
    // New elements start undimmed: apply the hovered term again.
    highlightTerms(svg, highlightRef.current, 0.2);
  }, [svgRef, onHoverRef, spec, runs, steps, size.width, scale, highlightRef]);

  const tools =
    spec.scale === 'log' && steps ? (
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
    ) : undefined;

  return (
    <Panel title={spec.title} testId={spec.testId} tools={tools}>
      {steps ? (
        <div ref={boxRef} style={{ width: '100%' }}>
          <svg
            ref={svgRef}
            width={size.width}
            height={HEIGHT}
            style={{ display: 'block' }}
            role="img"
            aria-label={`${spec.title}: run A solid, run B dashed, against training step`}
          />
        </div>
      ) : (
        <p style={{ margin: '24px 8px', color: MUTED, fontSize: 14 }}>Press play to train both runs…</p>
      )}
      <p className="hint" style={{ margin: '4px 4px 0' }}>
        {spec.caption(t)}
      </p>
    </Panel>
  );
}

export const CompareOverlayChart = memo(CompareOverlayChartPanel);
