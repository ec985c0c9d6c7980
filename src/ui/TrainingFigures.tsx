/**
 * The training panels that follow the sliders, each holding the slider values it last drew while
 * it is off screen and computing from them what it shows (issue 19, panels/kit/onScreen.tsx): an
 * input redraws only the panels in view, while new data (a snapshot, another image) reaches all.
 */
import { useState } from 'react';
import type { LossId } from '../core';
import type { ThresholdIndex } from '../core/thresholdIndex';
import { GradShareHistory } from '../panels/GradShareHistory';
import { WhileOnScreen } from '../panels/kit/onScreen';
import { LossMetrics } from '../panels/LossMetrics';
import { MainBiasHistory } from '../panels/MainBiasHistory';
import { SortedPredictions } from '../panels/SortedPredictions';
import type { HistorySync } from '../panels/types';
import { effectiveEps, type Params } from '../params/schema';
import { useRun } from '../state/runContext';
import { useLab } from '../state/store';
import { GradientWithMap } from './GradientWithMap';
import { ViewedRunPanels } from './ViewedRunPanels';
import { useDecomposition } from './useDecomposition';
import { useGradientShares } from './useGradientShares';

/** What the Fig. 2 and gradient panels show: one validation image, or the last training batch. */
export interface Fig2Subject {
  p: Float32Array;
  y: Float32Array;
  n: number;
  label: string;
  /** The image's width and height in pixels; null for the batch (no single image to map). */
  image: { width: number; height: number } | null;
  /** What pooling means for Fig. 2 (the batch only). */
  note: string | null;
}

export interface TrainingSliders {
  t: number;
  tHard: number;
  epsValue: number;
  a: number;
}

interface SortedProps {
  subject: Fig2Subject;
  index: ThresholdIndex;
  side: 'fp' | 'fn';
  /** Whether Inter-CBL's ε is in the loss now (the ε curve is drawn only then). */
  interActive: boolean;
  t: number;
  epsValue: number;
  epsMode: Params['epsMode'];
}

function SortedAt({ subject, index, side, interActive, t, epsValue, epsMode }: SortedProps) {
  const highlight = useLab((s) => s.highlight);
  const setHighlight = useLab((s) => s.setHighlight);
  const { d, shownEps } = useDecomposition(index, subject.y, t, { eps: epsValue, epsMode });
  if (!d) return null;
  const fp = side === 'fp';
  return (
    <SortedPredictions
      p={subject.p}
      y={subject.y}
      t={t}
      decomposition={d}
      eps={fp && interActive ? shownEps : null}
      side={side}
      xScale="linear"
      title={fp ? `Fig. 2 · background p, ${subject.label}` : `Foreground errors 1 − p, ${subject.label}`}
      testId={fp ? 'train-sorted-fp' : 'train-sorted-fn'}
      note={fp ? (subject.note ?? undefined) : undefined}
      highlight={highlight}
      onHover={setHighlight}
    />
  );
}

/** Fig. 2's sorted background p (with ε while Inter-CBL trains) and the sorted foreground errors. */
export function SortedPair(props: Omit<SortedProps, 'side' | 't' | 'epsValue'> & { t: number; epsValue: number }) {
  const { t, epsValue } = props;
  return (
    <>
      {(['fp', 'fn'] as const).map((side) => (
        <WhileOnScreen key={side} values={[t, epsValue] as const}>
          {([t, epsValue]) => <SortedAt {...props} side={side} t={t} epsValue={epsValue} />}
        </WhileOnScreen>
      ))}
    </>
  );
}

interface GradientProps {
  subject: Fig2Subject;
  trained: { id: LossId; note?: string };
  epsMode: Params['epsMode'];
}

function GradientAt({ subject, trained, epsMode, t, tHard, epsValue, a }: GradientProps & TrainingSliders) {
  const [mapLoss, setMapLoss] = useState<LossId | null>(null);
  const grad = useGradientShares(subject, t, { tHard, eps: effectiveEps({ eps: epsValue, epsMode }), a });
  if (!grad) return null;
  return (
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
  );
}

/** Where the loss pushes on the subject, with the per-pixel map of the chosen loss. */
export function TrainingGradient({ t, tHard, epsValue, a, ...rest }: GradientProps & TrainingSliders) {
  return (
    <WhileOnScreen values={[t, tHard, epsValue, a] as const}>
      {([t, tHard, epsValue, a]) => <GradientAt {...rest} t={t} tHard={tHard} epsValue={epsValue} a={a} />}
    </WhileOnScreen>
  );
}

/** The run's history at t: main vs bias, the gradient shares and the loss with its metrics. */
export function HistoryPanels({
  t,
  sync,
  switchedAt,
}: {
  t: number;
  sync: HistorySync | null;
  switchedAt: number | null;
}) {
  const history = useRun((s) => s.history);
  const steps = useRun((s) => s.steps);
  const highlight = useLab((s) => s.highlight);
  const setHighlight = useLab((s) => s.setHighlight);
  return (
    <>
      <WhileOnScreen values={[t] as const}>
        {([t]) => (
          <MainBiasHistory
            history={history}
            sync={sync}
            t={t}
            switchedAt={switchedAt}
            highlight={highlight}
            onHover={setHighlight}
          />
        )}
      </WhileOnScreen>
      <WhileOnScreen values={[t] as const}>
        {([t]) => <GradShareHistory history={history} t={t} switchedAt={switchedAt} />}
      </WhileOnScreen>
      <WhileOnScreen values={[t] as const}>
        {([t]) => (
          <LossMetrics history={history} steps={steps} stepDomain={sync?.steps ?? null} switchedAt={switchedAt} t={t} />
        )}
      </WhileOnScreen>
    </>
  );
}

/** A logged run's main/bias bars and equations at the panel's own t and ε (docs/python-logger.md). */
export function ViewedRunAt(props: {
  subject: Fig2Subject;
  index: ThresholdIndex;
  epsMode: Params['epsMode'];
  t: number;
  epsValue: number;
}) {
  return (
    <WhileOnScreen values={[props.t, props.epsValue] as const}>
      {([t, epsValue]) => <ViewedRunDecomposed {...props} t={t} epsValue={epsValue} />}
    </WhileOnScreen>
  );
}

function ViewedRunDecomposed({
  subject,
  index,
  epsMode,
  t,
  epsValue,
}: {
  subject: Fig2Subject;
  index: ThresholdIndex;
  epsMode: Params['epsMode'];
  t: number;
  epsValue: number;
}) {
  const { d, shownEps } = useDecomposition(index, subject.y, t, { eps: epsValue, epsMode });
  if (!d) return null;
  return <ViewedRunPanels d={d} p={subject.p} y={subject.y} eps={shownEps} t={t} subject={subject.label} />;
}
