import { useMemo, useState } from 'react';
import type { Decomposition, LossId } from '../core';
import type { SegmentationMetrics } from '../core/metrics';
import type { AnalysisItem } from '../data/import';
import { effectiveEps } from '../params/schema';
import { useGradientShares } from './useGradientShares';
import { GradientWithMap } from './GradientWithMap';
import { decompose } from '../core/decompose';
import { metrics } from '../core/metrics';
import { displayEps } from '../engine/displayEps';
import { AnalysisMaps } from '../panels/AnalysisMaps';
import { Equations } from '../panels/Equations';
import { MainBiasBars } from '../panels/MainBiasBars';
import { SortedPredictions } from '../panels/SortedPredictions';
import { useLab } from '../state/store';
import { clearAnalysis, useUserData } from '../state/userData';

/** The selected item and what is computed from it: decomposition at t, test metrics, gradients. */
function useAnalysedItem() {
  const items = useUserData((s) => s.analysis);
  const selected = useUserData((s) => s.selectedAnalysis);
  const t = useLab((s) => s.params.t);
  const eps = useLab((s) => s.params.eps);
  const epsMode = useLab((s) => s.params.epsMode);
  const item = items[Math.min(selected, items.length - 1)];
  const shownEps = useMemo(() => (item ? displayEps({ eps, epsMode }, item.y) : 0), [item, eps, epsMode]);
  const d = useMemo(() => (item ? decompose(item.p, item.y, { t, eps: shownEps }) : null), [item, t, shownEps]);
  // Test metrics binarise at p > 0.5 whatever t is (docs/design.md §1.4b).
  const m = useMemo(() => (item ? metrics(item.p, item.y, 0.5) : null), [item]);
  const tHard = useLab((s) => s.params.tHard);
  const a = useLab((s) => s.params.a);
  const gradInput = useMemo(() => (item ? { p: item.p, y: item.y, n: 1 } : null), [item]);
  const epsSetting = effectiveEps({ eps, epsMode });
  const grad = useGradientShares(gradInput, t, { tHard, eps: epsSetting, a });
  return { items, selected, item, t, shownEps, epsSetting, tHard, a, d, m, grad };
}

/** The section title with the item picker and the close button. */
function AnalysisTitle({ d, items, selected }: { d: Decomposition; items: AnalysisItem[]; selected: number }) {
  return (
    <h1 className="section-title">
      Your predictions{' '}
      <small>
        analyse only, no training · f = {d.f} foreground, b = {d.b} background pixels
      </small>
      <span className="analysis-tools">
        <label>
          Item{' '}
          <select
            data-testid="analysis-item"
            value={Math.min(selected, items.length - 1)}
            onChange={(e) => useUserData.setState({ selectedAnalysis: Number(e.target.value) })}
          >
            {items.map((it, i) => (
              <option key={`${it.source}-${i}`} value={i}>
                {it.name}
              </option>
            ))}
          </select>
        </label>
        <button onClick={clearAnalysis} data-testid="analysis-clear">
          Close
        </button>
      </span>
    </h1>
  );
}

function AnalysisMetrics({
  item,
  m,
  d,
  t,
}: {
  item: AnalysisItem;
  m: SegmentationMetrics;
  d: Decomposition;
  t: number;
}) {
  return (
    <p className="hint" data-testid="analysis-metrics">
      {item.source} · test metrics at p &gt; 0.5 (whatever t is): Dice{' '}
      <span data-testid="metric-dice">{m.dice.toFixed(4)}</span>, IoU {m.iou.toFixed(4)}, precision{' '}
      {m.precision.toFixed(4)}, recall {m.recall.toFixed(4)} · at t = {t.toFixed(3)}: FP<sub>hard</sub> {d.fpHard}, FN
      <sub>hard</sub> {d.fnHard}
      {d.f === 0 ? ' · this mask has no foreground (f = 0): the FN terms are 0 and there is no top-f background' : ''}
      {d.b === 0 ? ' · this mask is all foreground (b = 0): the FP terms are 0' : ''}
    </p>
  );
}

/**
 * Analyse-only mode: predictions from the user's own model (any framework) with their masks. The
 * decomposition is computed here on the main thread with src/core; no training, no GPU.
 */
export function AnalysisSection() {
  const { items, selected, item, t, shownEps, epsSetting, tHard, a, d, m, grad } = useAnalysedItem();
  const highlight = useLab((s) => s.highlight);
  const setHighlight = useLab((s) => s.setHighlight);
  const loss = useLab((s) => s.params.loss);
  const switchRule = useLab((s) => s.params.switchRule);
  const [mapLoss, setMapLoss] = useState<LossId | null>(null);
  if (!item || !d || !m) return null;
  const sorted = {
    p: item.p,
    y: item.y,
    t,
    decomposition: d,
    xScale: 'linear',
    highlight,
    onHover: setHighlight,
  } as const;
  return (
    <section className="section" data-testid="analysis-section">
      <AnalysisTitle d={d} items={items} selected={selected} />
      <AnalysisMetrics item={item} m={m} d={d} t={t} />
      <div className="grid analysis-grid">
        <SortedPredictions
          {...sorted}
          eps={shownEps}
          side="fp"
          title="Fig. 2 · your background predictions, sorted"
          testId="analysis-sorted-fp"
        />
        <MainBiasBars d={d} highlight={highlight} onHover={setHighlight} />
        <SortedPredictions
          {...sorted}
          eps={null}
          side="fn"
          title="Your foreground errors 1 − p, sorted"
          testId="analysis-sorted-fn"
        />
        {grad ? (
          <div style={{ gridColumn: '1 / -1' }}>
            <GradientWithMap
              grad={grad}
              trained={loss}
              chosen={mapLoss ?? loss}
              onChoose={setMapLoss}
              t={t}
              subject={`${item.name} (n = 1)`}
              map={item}
              testId="analysis-gradient"
            />
          </div>
        ) : null}
        <AnalysisMaps width={item.width} height={item.height} p={item.p} y={item.y} />
        <div style={{ gridColumn: '1 / -1' }}>
          <Equations
            d={d}
            t={t}
            eps={shownEps}
            highlight={highlight}
            onHover={setHighlight}
            p={item.p}
            y={item.y}
            tHard={tHard}
            a={a}
            epsSetting={epsSetting}
            switchRule={switchRule}
            lossSubject={item.name}
          />
        </div>
      </div>
    </section>
  );
}
