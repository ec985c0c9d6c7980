/**
 * A logged run as the lab's panels see a run: parameters, data, curves and a snapshot, all built
 * on the main thread from the file (no worker, no weights). The snapshot's numbers come from the
 * same src/core functions the worker uses, applied to the exact logged predictions.
 */
import { decompose } from '../core/decompose';
import { histogram } from '../core/histogram';
import { metrics } from '../core/metrics';
import { displayEps } from '../engine/displayEps';
import type { DatasetInfo, Snapshot } from '../engine/protocol';
import type { StageState } from '../engine/stage';
import type { Params } from '../params/schema';
import type { RestoredRun, ViewedRun } from '../state/store';
import type { LoggedRun } from './logFile';

/** Viewed runs take this id: the worker's runs count up from 1, so none of its messages match. */
export const VIEWED_RUN_ID = -1;

function paramsOf(log: LoggedRun, current: Params): Params {
  const { loss, t, tHard, a, eps } = log.settings;
  return {
    ...current,
    loss,
    t,
    tHard,
    a,
    epsMode: eps === 'reference' ? 'reference' : 'value',
    eps: eps === 'reference' ? current.eps : eps,
  };
}

/**
 * The stage of the last logged step. The switch lies between the last stage-1 point and the first
 * stage-2 point; switchedAt ("the step after which stage 2 began") takes the former, null when the
 * log starts in stage 2 (docs/python-logger.md).
 */
function stageOf(log: LoggedRun): StageState {
  const last = log.history[log.history.length - 1];
  if (!log.stagesLogged) return { stage: 1, switchedAt: null, reason: 'No stage was logged for this run.' };
  const records = log.steps.length > 0 ? log.steps : log.history;
  const first2 = records.findIndex((s) => s.stage === 2);
  return {
    stage: last.stage,
    switchedAt: last.stage === 2 && first2 > 0 ? records[first2 - 1].step : null,
    reason: `Stage ${last.stage} as the training script logged it at step ${log.step}.`,
  };
}

function datasetOf(log: LoggedRun): DatasetInfo {
  const { n, width, masks, images } = log.last;
  let f = 0;
  for (let i = 0; i < masks.length; i++) if (masks[i] > 0.5) f++;
  return {
    runId: VIEWED_RUN_ID,
    // The panels' square side; a viewed run's true height and width are in ViewedRun.
    size: width,
    nVal: n,
    valImages: images ?? new Float32Array(masks.length),
    valMasks: masks,
    trainFgFraction: f / masks.length,
    source: `logged run “${log.name}”`,
    paramCount: 0,
    batchSize: n,
  };
}

function snapshotOf(log: LoggedRun, params: Params): Snapshot {
  const { p, masks: y, n } = log.last;
  const eps = displayEps(params, y);
  const d = decompose(p, y, { t: params.t, eps });
  return {
    runId: VIEWED_RUN_ID,
    step: log.step,
    stage: stageOf(log),
    backend: 'cpu',
    stepsPerSecond: 0,
    steps: [],
    loss: log.history[log.history.length - 1].loss,
    components: null,
    valP: p,
    // The Fig. 2 panels show "all items" where a live run shows its training batch.
    batchP: p,
    batchY: y,
    batchN: n,
    t: params.t,
    valMetrics: metrics(p, y, 0.5),
    valDecomposition: d,
    batchDecomposition: d,
    valHistogram: histogram(p, y),
    // The logged traces are in the history (log.history); nothing reads a snapshot's own.
    grad: null,
    tensors: 0,
  };
}

/** Everything the store needs to show a logged run (view only). */
export function loggedRunView(
  log: LoggedRun,
  current: Params,
  fileName: string,
): { run: RestoredRun; viewed: ViewedRun } {
  const params = paramsOf(log, current);
  return {
    run: {
      params,
      dataset: datasetOf(log),
      history: log.history,
      steps: log.steps,
      snapshot: snapshotOf(log, params),
      liveStep: log.step,
      selectedImage: 0,
    },
    viewed: {
      name: log.name,
      fileName,
      writer: log.writer,
      height: log.last.height,
      width: log.last.width,
      hasImages: log.last.images !== null,
      stagesLogged: log.stagesLogged,
    },
  };
}
