/**
 * FP/FN main and bias terms (Eq. 3–4) over the run, recomputed for the current t from each logged
 * step's validation histogram, plus the ε-weighted FP bias of Eq. 12 as a dashed line.
 */
import { useEffect, useMemo, useState } from 'react';
import { historyRow } from '../state/historyMath';
import { colors, MUTED, PANEL_FONT } from './kit/theme';
import { useChart, useLatest } from './kit/useChart';
import { applyHighlight, drawHistory } from './mainBiasHistory/draw';
import { Panel } from './Panel';
import type { HistoryProps } from './types';

export function MainBiasHistory({ history, t, switchedAt, highlight, onHover, sync }: HistoryProps) {
  const [logY, setLogY] = useState(true);
  const { boxRef, svgRef, size } = useChart();
  const onHoverRef = useLatest(onHover);

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
  }, [svgRef, onHoverRef, rows, size, minH, logY, switchedAt, showW, sync]);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    applyHighlight(svg, highlight);
  }, [svgRef, highlight, rows, size, logY, switchedAt, showW]);

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
          <HistoryNote t={t} showW={showW} />
        </>
      )}
    </Panel>
  );
}

/** How the curves are computed, and what the dashed ε-weighted one is when it is drawn. */
function HistoryNote({ t, showW }: { t: number; showW: boolean }) {
  return (
    <p style={{ margin: '4px 4px 0', fontSize: 12, lineHeight: 1.4, color: MUTED }}>
      Recomputed at t = {t.toFixed(3)} from each logged step’s validation histogram (exact at bin edges).
      {showW ? (
        <>
          {' '}
          <span style={{ color: '#9c3d74', fontWeight: 600, textDecoration: `underline dashed ${colors.weighted}` }}>
            Dashed
          </span>
          : FP bias with easy background (outside the top-f) weighted by ε, Eq. 12 — from the histogram, so the one bin
          holding the f-th largest background p is split by count.
        </>
      ) : null}
    </p>
  );
}

export function toggleStyle(on: boolean): React.CSSProperties {
  return {
    font: `600 12px ${PANEL_FONT}`,
    padding: '3px 10px',
    borderRadius: 4,
    border: `1.5px solid ${on ? '#333' : '#999'}`,
    background: on ? '#333' : '#fff',
    color: on ? '#fff' : '#333',
    cursor: 'pointer',
  };
}
