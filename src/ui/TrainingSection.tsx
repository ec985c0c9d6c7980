import { useDeferredValue, useMemo, useState } from 'react';
import type { LossId } from '../core';
import type { DatasetInfo, DecompositionW } from '../engine/protocol';
import { GradShareHistory } from '../panels/GradShareHistory';
import { effectiveEps } from '../params/schema';
import { trainedLossNow, useGradientShares } from './useGradientShares';
import { GradientWithMap } from './GradientWithMap';
import { decompose } from '../core/decompose';
import { displayEps } from '../engine/displayEps';
import { Images } from '../panels/Images';
import { LossMetrics } from '../panels/LossMetrics';
import { MainBiasHistory } from '../panels/MainBiasHistory';
import { SortedPredictions } from '../panels/SortedPredictions';
import { StagePanel } from '../panels/StagePanel';
import { useRun } from '../state/runContext';
import { useLab } from '../state/store';
import { StageOverrides } from './StageOverrides';
import { ViewedRunTitle } from './ViewedRunTitle';
import { ViewedRunPanels } from './ViewedRunPanels';
import type { HistorySync } from '../panels/types';

/** What the Fig. 2 and gradient panels show: one validation image, or the last training batch. */
interface Fig2Subject {
  p: Float32Array;
  y: Float32Array;
  n: number;
  label: string;
  /** The image's width and height in pixels; null for the batch (no single image to map). */
  image: { width: number; height: number } | null;
  /** What pooling means for Fig. 2 (the batch only). */
  note: string | null;
}

/** Each validation image's columns and rows: square for the engine's runs, as logged for a viewed one. */
function useImageDims(): { width: number; height: number } | null {
  const size = useRun((s) => s.dataset?.size ?? null);
  const viewedWidth = useRun((s) => s.viewed?.width ?? null);
  const viewedHeight = useRun((s) => s.viewed?.height ?? null);
  return useMemo(() => {
    if (viewedWidth !== null && viewedHeight !== null) return { width: viewedWidth, height: viewedHeight };
    return size === null ? null : { width: size, height: size };
  }, [size, viewedWidth, viewedHeight]);
}

/**
 * The decomposition pools the batch into one set (docs/design.md §1.2), while the loss takes each
 * image's own top f_i, so the Eq. 11/12 case of the pool need not be any image's.
 */
const batchNote = (n: number): string =>
  `Pooled over the ${n} images: f, the f-th largest background p, the hard set and ε = f/N are the batch's, ` +
  'while the loss takes the top f_i of each image, so an Eq. 11/12 case named for the pool may hold for no single image. ' +
  'Click a validation image to see one image on its own.';

function useFig2Subject(): Fig2Subject | null {
  const snapshot = useRun((s) => s.snapshot);
  const dataset = useRun((s) => s.dataset);
  const selected = useLab((s) => s.selectedImage);
  const viewed = useRun((s) => s.viewed !== null);
  const dims = useImageDims();
  return useMemo(() => {
    if (!snapshot || !dataset || !dims) return null;
    if (selected === null || selected >= dataset.nVal)
      return {
        p: snapshot.batchP,
        y: snapshot.batchY,
        n: snapshot.batchN,
        // A logged run has no training batch: its "batch" is every item of the last logged step.
        label: viewed
          ? `all ${snapshot.batchN} logged items, pooled`
          : `training batch (${snapshot.batchN} images, pooled)`,
        image: null,
        note: batchNote(snapshot.batchN),
      };
    const px = dims.width * dims.height;
    const span = [selected * px, (selected + 1) * px] as const;
    return {
      p: snapshot.valP.subarray(...span),
      y: dataset.valMasks.subarray(...span),
      n: 1,
      label: `validation image ${selected + 1}`,
      image: dims,
      note: null,
    };
  }, [snapshot, dataset, selected, viewed, dims]);
}

function TrainingTitle({ dataset }: { dataset: DatasetInfo | null }) {
  return (
    <h1 className="section-title">
      Live training{' '}
      <small>
        {dataset
          ? `U-Net, ${dataset.paramCount.toLocaleString()} parameters · ${dataset.source === 'synthetic' ? 'synthetic scans' : dataset.source} · ${dataset.size}×${dataset.size} px · foreground ${(dataset.trainFgFraction * 100).toFixed(2)}% of pixels`
          : 'starting the engine…'}
      </small>
    </h1>
  );
}

/** Fig. 2's sorted background p (with ε while Inter-CBL trains) and the sorted foreground errors. */
function SortedPair({
  subject,
  d,
  eps,
  t,
}: {
  subject: Fig2Subject;
  d: DecompositionW;
  eps: number | null;
  t: number;
}) {
  const highlight = useLab((s) => s.highlight);
  const setHighlight = useLab((s) => s.setHighlight);
  const shared = {
    p: subject.p,
    y: subject.y,
    t,
    decomposition: d,
    xScale: 'linear',
    highlight,
    onHover: setHighlight,
  } as const;
  return (
    <>
      <SortedPredictions
        {...shared}
        eps={eps}
        side="fp"
        title={`Fig. 2 · background p, ${subject.label}`}
        testId="train-sorted-fp"
        note={subject.note ?? undefined}
      />
      <SortedPredictions
        {...shared}
        eps={null}
        side="fn"
        title={`Foreground errors 1 − p, ${subject.label}`}
        testId="train-sorted-fn"
      />
    </>
  );
}

/** Algorithm 1's stage, its manual overrides, and a warning when the batch is too small to switch reliably. */
function StageColumn() {
  const snapshot = useRun((s) => s.snapshot);
  const dataset = useRun((s) => s.dataset);
  const steps = useRun((s) => s.steps);
  const loss = useRun((s) => s.params.loss);
  const switchRule = useRun((s) => s.params.switchRule);
  const switchMode = useRun((s) => s.params.switchMode);
  const paramsBatch = useRun((s) => s.params.batchSize);
  const viewed = useRun((s) => s.viewed);
  // A logged run shows its stages only when the script logged them, and offers no overrides.
  if (!snapshot || (viewed && !viewed.stagesLogged)) return null;
  const batchSize = dataset?.batchSize ?? paramsBatch;
  return (
    <div className="stack">
      <StagePanel
        steps={steps}
        stage={snapshot.stage}
        rule={switchRule}
        n={batchSize}
        lastCheck={steps.length ? steps[steps.length - 1].check : null}
      />
      {viewed ? null : <StageOverrides />}
      {!viewed && loss === 'balance' && switchMode === 'auto' && batchSize < 16 ? (
        <p className="hint" data-testid="batch-notice">
          The authors recommend batch 16–24 for a stable switch; this run uses batch {batchSize}, so{' '}
          {Math.ceil(batchSize / 2)} images decide it. A larger batch costs proportionally more per step (see “Batch
          size”).
        </p>
      ) : null}
    </div>
  );
}

/**
 * Live panels of the run in the worker; t and ε re-render them from the cached predictions.
 * `compact` is compare mode's one-column variant; `sync` shares the history axes between runs.
 */
export function TrainingSection({ compact = false, sync = null }: { compact?: boolean; sync?: HistorySync | null }) {
  const snapshot = useRun((s) => s.snapshot);
  const dataset = useRun((s) => s.dataset);
  const history = useRun((s) => s.history);
  const steps = useRun((s) => s.steps);
  const selected = useLab((s) => s.selectedImage);
  const selectImage = useLab((s) => s.selectImage);
  // Only the fields these panels use, so unrelated slider moves do not re-render them. t and t_h
  // are deferred (React's useDeferredValue): while a slider moves, the slider and the concept
  // explorer above paint first and these panels follow in the next, interruptible render, so a
  // drag never waits for every training panel (docs/architecture.md, data flow step 6).
  const t = useDeferredValue(useLab((s) => s.params.t));
  const epsValue = useRun((s) => s.params.eps);
  const epsMode = useRun((s) => s.params.epsMode);
  const loss = useRun((s) => s.params.loss);
  const tHard = useDeferredValue(useRun((s) => s.params.tHard));
  const a = useRun((s) => s.params.a);
  const [mapLoss, setMapLoss] = useState<LossId | null>(null);
  const highlight = useLab((s) => s.highlight);
  const setHighlight = useLab((s) => s.setHighlight);

  const subject = useFig2Subject();
  const dims = useImageDims();
  const viewed = useRun((s) => s.viewed);
  const interActive = loss === 'inter' || (loss === 'balance' && snapshot?.stage.stage === 2);
  const eps = useMemo(
    () => (subject ? displayEps({ eps: epsValue, epsMode }, subject.y) : 0),
    [subject, epsValue, epsMode],
  );
  const d = useMemo(() => (subject ? decompose(subject.p, subject.y, { t, eps }) : null), [subject, t, eps]);
  const grad = useGradientShares(subject, t, { tHard, eps: effectiveEps({ eps: epsValue, epsMode }), a });
  const trained = trainedLossNow(loss, snapshot?.stage.stage ?? null);
  const switchedAt = snapshot?.stage.switchedAt ?? null;

  return (
    <section className={`section ${compact ? 'compact' : ''}`} data-testid="training-section">
      {viewed ? <ViewedRunTitle viewed={viewed} /> : <TrainingTitle dataset={dataset} />}
      <div className="grid training-grid">
        {dataset && dims ? (
          <Images
            size={dims.width}
            height={dims.height}
            n={dataset.nVal}
            images={dataset.valImages}
            masks={dataset.valMasks}
            p={snapshot?.valP ?? null}
            t={t}
            selected={selected}
            onSelect={selectImage}
          />
        ) : null}
        {subject && d ? <SortedPair subject={subject} d={d} eps={interActive ? eps : null} t={t} /> : null}
        {subject && grad ? (
          <GradientWithMap
            grad={grad}
            trained={trained.id}
            trainedNote={trained.note}
            chosen={mapLoss ?? trained.id}
            onChoose={setMapLoss}
            t={t}
            subject={subject.label}
            map={subject.image ? { ...subject.image, p: subject.p, y: subject.y } : null}
            noMapHint="Select a validation image to see its per-pixel |∂L/∂z| map."
            testId="train-gradient"
          />
        ) : null}
        <MainBiasHistory
          history={history}
          sync={sync}
          t={t}
          switchedAt={switchedAt}
          highlight={highlight}
          onHover={setHighlight}
        />
        <GradShareHistory history={history} t={t} switchedAt={switchedAt} />
        <LossMetrics history={history} steps={steps} stepDomain={sync?.steps ?? null} switchedAt={switchedAt} t={t} />
        <StageColumn />
        {viewed && subject && d ? (
          <ViewedRunPanels d={d} p={subject.p} y={subject.y} eps={eps} t={t} subject={subject.label} />
        ) : null}
      </div>
    </section>
  );
}
