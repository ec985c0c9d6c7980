import { memo, useDeferredValue, useMemo, useState } from 'react';
import type { DatasetInfo } from '../engine/protocol';
import { trainedLossNow } from './useGradientShares';
import { thresholdIndex } from '../core/thresholdIndex';
import { StartsOffScreen, useHeldSelection, useOnScreen, WhileOnScreen } from '../panels/kit/onScreen';
import { Images } from '../panels/Images';
import { StagePanel } from '../panels/StagePanel';
import { useRun } from '../state/runContext';
import { useLab } from '../state/store';
import { StageOverrides } from './StageOverrides';
import { ViewedRunTitle } from './ViewedRunTitle';
import {
  HistoryPanels,
  SortedPair,
  TrainingGradient,
  ViewedRunAt,
  type Fig2Subject,
  type TrainingSliders,
} from './TrainingFigures';
import type { HistorySync } from '../panels/types';

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

/** Memoised: a slider input that re-renders the section leaves the title alone. */
const TrainingTitle = memo(function TrainingTitle({ dataset }: { dataset: DatasetInfo | null }) {
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
});

/**
 * Algorithm 1's stage, its manual overrides, and a warning when the batch is too small to switch
 * reliably. The store is read here and the column drawn inside WhileOnScreen, so off screen a
 * snapshot does not redraw it.
 */
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
  const lowBatch = !viewed && loss === 'balance' && switchMode === 'auto' && batchSize < 16;
  return (
    <WhileOnScreen values={[] as const}>
      {() => (
        <div className="stack">
          <StagePanel
            steps={steps}
            stage={snapshot.stage}
            rule={switchRule}
            n={batchSize}
            lastCheck={steps.length ? steps[steps.length - 1].check : null}
          />
          {viewed ? null : <StageOverrides />}
          {lowBatch ? (
            <p className="hint" data-testid="batch-notice">
              The authors recommend batch 16–24 for a stable switch; this run uses batch {batchSize}, so{' '}
              {Math.ceil(batchSize / 2)} images decide it. A larger batch costs proportionally more per step (see “Batch
              size”).
            </p>
          ) : null}
        </div>
      )}
    </WhileOnScreen>
  );
}

/** `value` while `live` or until it is first set; then, while not live, the value when last live. */
function useHeldOnceSet<V>(value: V | null, live: boolean): V | null {
  const [held, setHeld] = useState(value);
  const pass = live || held === null;
  if (pass && !Object.is(held, value)) setHeld(value);
  return pass ? value : held;
}

/** The slider values the training panels follow, deferred and held while the section is off screen. */
function useTrainingSliders(live: boolean): TrainingSliders {
  // t and t_h are deferred (React's useDeferredValue): while a slider moves, the slider and the
  // concept explorer above paint first and these panels follow in the next, interruptible render,
  // so a drag never waits for every training panel (docs/architecture.md, data flow step 6).
  // Off screen the section keeps the values it last drew, and its selectors select a constant,
  // so an input does not re-render it at all (issue 19, useHeldSelection).
  return {
    t: useDeferredValue(useHeldSelection(useLab, (s) => s.params.t, live)),
    tHard: useDeferredValue(useHeldSelection(useRun, (s) => s.params.tHard, live)),
    epsValue: useHeldSelection(useRun, (s) => s.params.eps, live),
    a: useHeldSelection(useRun, (s) => s.params.a, live),
  };
}

/**
 * Live panels of the run in the worker; t and ε re-render them from the cached predictions.
 * `compact` is compare mode's one-column variant; `sync` shares the history axes between runs.
 */
export function TrainingSection({ compact = false, sync = null }: { compact?: boolean; sync?: HistorySync | null }) {
  const [sectionRef, live] = useOnScreen<HTMLElement>();
  const dataset = useRun((s) => s.dataset);
  const viewed = useRun((s) => s.viewed);
  const sliders = useTrainingSliders(live);
  return (
    <section className={`section ${compact ? 'compact' : ''}`} data-testid="training-section" ref={sectionRef}>
      {viewed ? <ViewedRunTitle viewed={viewed} /> : <TrainingTitle dataset={dataset} />}
      {/* Panels that mount while the section is off screen (with the first snapshot) wait for it. */}
      <StartsOffScreen.Provider value={!live}>
        <TrainingPanels {...sliders} sync={sync} live={live} />
      </StartsOffScreen.Provider>
    </section>
  );
}

/**
 * The grid of training panels; each one off screen keeps its slider values until it scrolls back.
 * Memoised: while the section is off screen its held values do not change, so an input skips it.
 */
const TrainingPanels = memo(function TrainingPanels({
  t,
  tHard,
  epsValue,
  a,
  sync,
  live,
}: TrainingSliders & { sync: HistorySync | null; live: boolean }) {
  const snapshot = useRun((s) => s.snapshot);
  const dataset = useRun((s) => s.dataset);
  const selected = useLab((s) => s.selectedImage);
  const selectImage = useLab((s) => s.selectImage);
  const epsMode = useRun((s) => s.params.epsMode);
  const loss = useRun((s) => s.params.loss);
  // Off screen the section keeps its subject, so a snapshot sorts nothing for panels nobody sees;
  // the first one passes, so the panels mount (as empty boxes until they come near).
  const subject = useHeldOnceSet(useFig2Subject(), live);
  const dims = useImageDims();
  const viewed = useRun((s) => s.viewed);
  const interActive = loss === 'inter' || (loss === 'balance' && snapshot?.stage.stage === 2);
  // One sort per snapshot; then each t costs two binary searches (src/core/thresholdIndex.ts).
  const index = useMemo(() => (subject ? thresholdIndex(subject.p, subject.y) : null), [subject]);
  const trained = trainedLossNow(loss, snapshot?.stage.stage ?? null);
  const switchedAt = snapshot?.stage.switchedAt ?? null;
  const sliders = { t, tHard, epsValue, a };

  return (
    <div className="grid training-grid">
      {dataset && dims ? (
        <WhileOnScreen values={[t] as const}>
          {([t]) => (
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
          )}
        </WhileOnScreen>
      ) : null}
      {subject && index ? (
        <SortedPair
          subject={subject}
          index={index}
          interActive={interActive}
          t={t}
          epsValue={epsValue}
          epsMode={epsMode}
        />
      ) : null}
      {subject ? <TrainingGradient subject={subject} trained={trained} epsMode={epsMode} {...sliders} /> : null}
      <HistoryPanels t={t} sync={sync} switchedAt={switchedAt} />
      <StageColumn />
      {viewed && subject && index ? (
        <ViewedRunAt subject={subject} index={index} epsMode={epsMode} t={t} epsValue={epsValue} />
      ) : null}
    </div>
  );
});
