/**
 * Compare mode's overlay: the history panels with runs A and B on the same axes (A solid, B
 * dashed), so the step where their curves part can be seen on one chart. Each chart exports as
 * SVG and PNG like every panel, and as CSV with both runs' rows.
 */
import { useCallback, useDeferredValue, useMemo } from 'react';
import { useStore } from 'zustand';
import { overlayCsv } from '../export/overlayCsv';
import { CompareOverlayChart } from '../panels/CompareOverlayChart';
import { OVERLAY_CHARTS } from '../panels/overlay/charts';
import type { OverlayRun } from '../panels/overlay/draw';
import { PanelActionsContext } from '../panels/Panel';
import { overlayRows, overlaySteps } from '../state/overlayQuantities';
import { useLab, type LabStore } from '../state/store';
import { ExportButtons } from './ExportButtons';
import './compareOverlay.css';

export function CompareOverlay({ storeB, labels }: { storeB: LabStore; labels: { a: string; b: string } }) {
  // Deferred like the training panels: a t drag paints the slider first (docs/architecture.md).
  const t = useDeferredValue(useLab((s) => s.params.t));
  const historyA = useLab((s) => s.history);
  const historyB = useStore(storeB, (s) => s.history);
  const switchedA = useLab((s) => s.snapshot?.stage.switchedAt ?? null);
  const switchedB = useStore(storeB, (s) => s.snapshot?.stage.switchedAt ?? null);
  const highlight = useLab((s) => s.highlight);
  const setHighlight = useLab((s) => s.setHighlight);
  const rowsA = useMemo(() => overlayRows(historyA, t), [historyA, t]);
  const rowsB = useMemo(() => overlayRows(historyB, t), [historyB, t]);
  const runs = useMemo<OverlayRun[]>(
    () => [
      { tag: 'A', label: labels.a, rows: rowsA, switchedAt: switchedA },
      { tag: 'B', label: labels.b, rows: rowsB, switchedAt: switchedB },
    ],
    [labels.a, labels.b, rowsA, rowsB, switchedA, switchedB],
  );
  const steps = useMemo(() => overlaySteps([rowsA, rowsB]), [rowsA, rowsB]);
  const actions = useCallback(
    (testId: string) => {
      const spec = OVERLAY_CHARTS.find((c) => c.testId === testId);
      const csv = spec
        ? () =>
            overlayCsv(
              runs.map((r) => ({ tag: r.tag, settings: r.label, rows: r.rows })),
              spec.quantities.map((q) => q.key),
              t,
            )
        : undefined;
      return <ExportButtons testId={testId} csv={csv} />;
    },
    [runs, t],
  );
  return (
    <PanelActionsContext.Provider value={actions}>
      <div className="grid compare-overlay" data-testid="compare-overlay">
        {OVERLAY_CHARTS.map((spec) => (
          <CompareOverlayChart
            key={spec.id}
            spec={spec}
            runs={runs}
            steps={steps}
            t={t}
            highlight={highlight}
            onHover={setHighlight}
          />
        ))}
      </div>
    </PanelActionsContext.Provider>
  );
}
