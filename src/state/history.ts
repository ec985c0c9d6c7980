import type { Snapshot, StepRecord } from '../engine/protocol';
import type { HistoryEntry } from './historyTypes';

/** Bounds on what the UI keeps: thinning keeps the whole run visible at a fixed cost. */
export const MAX_HISTORY = 600;
export const MAX_STEPS = 4000;

/** Halves a series by dropping every other point (the first and last are kept). */
function thin<T>(xs: T[]): T[] {
  return xs.filter((_, i) => i % 2 === 0 || i === xs.length - 1);
}

/**
 * Appends the snapshot's point, with the gradient trace the worker computed for it. When there is
 * nothing new the same array comes back, so that memoised panels keyed on it do not redraw.
 */
export function appendHistory(history: HistoryEntry[], s: Snapshot, eps: number): HistoryEntry[] {
  if (s.step === 0 && history.length > 0) return history;
  const last = history[history.length - 1];
  if (last && last.step === s.step) return history;
  // A run that went back to a checkpoint (NaN recovery, lost GPU device) continues from there:
  // the points it will redo are dropped, so curves never run backwards.
  if (last && s.step < last.step) history = history.filter((e) => e.step < s.step);
  const entry: HistoryEntry = {
    step: s.step,
    stage: s.stage.stage,
    loss: s.loss,
    intra: s.components?.intra ?? null,
    inter: s.components?.inter ?? null,
    dice: s.valMetrics.dice,
    iou: s.valMetrics.iou,
    fpHard: s.valMetrics.fp,
    fnHard: s.valMetrics.fn,
    hist: s.valHistogram,
    eps,
    ...(s.grad ? { grad: s.grad } : {}),
  };
  const next = [...history, entry];
  return next.length > MAX_HISTORY ? thin(next) : next;
}

export function appendSteps(steps: StepRecord[], more: readonly StepRecord[]): StepRecord[] {
  if (more.length === 0) return steps;
  const first = more[0].step;
  const kept = steps.length > 0 && steps[steps.length - 1].step >= first ? steps.filter((r) => r.step < first) : steps;
  const next = [...kept, ...more];
  return next.length > MAX_STEPS ? thin(next) : next;
}
