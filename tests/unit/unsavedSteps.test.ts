/**
 * What "Reload to update" asks about (src/ui/UpdatePrompt.tsx): the steps of the shown run that no
 * run file holds. A save or an opened file covers its run up to its step; a new run (reset, a
 * restarting parameter) starts uncovered.
 */
import { describe, expect, it } from 'vitest';
import type { DatasetInfo } from '../../src/engine/protocol';
import { createLabStore, unsavedSteps } from '../../src/state/store';

const dataset = (runId: number): DatasetInfo => ({
  runId,
  size: 32,
  nVal: 1,
  valImages: new Float32Array(32 * 32),
  valMasks: new Float32Array(32 * 32),
  trainFgFraction: 0.02,
  source: 'synthetic',
  paramCount: 10,
  batchSize: 2,
});

describe('unsavedSteps', () => {
  it('counts every step of a run never saved, none right after a save, and the steps since', () => {
    const store = createLabStore();
    expect(unsavedSteps(store.getState())).toBe(0);
    store.getState().receiveDataset(dataset(1));
    store.getState().setLiveStep(7);
    expect(unsavedSteps(store.getState())).toBe(7);
    store.getState().markSaved(1, 7);
    expect(unsavedSteps(store.getState())).toBe(0);
    store.getState().setLiveStep(10);
    expect(unsavedSteps(store.getState())).toBe(3);
  });

  it('a save of another run covers nothing of this one', () => {
    const store = createLabStore();
    store.getState().receiveDataset(dataset(1));
    store.getState().setLiveStep(5);
    store.getState().markSaved(1, 5);
    store.getState().receiveDataset(dataset(2));
    store.getState().setLiveStep(4);
    expect(unsavedSteps(store.getState())).toBe(4);
  });

  it('a run opened from a file is saved up to its step', () => {
    const store = createLabStore();
    store.getState().restoreRun({
      params: store.getState().params,
      dataset: dataset(3),
      history: [],
      steps: [],
      snapshot: null,
      liveStep: 40,
    });
    expect(unsavedSteps(store.getState())).toBe(0);
    store.getState().setLiveStep(42);
    expect(unsavedSteps(store.getState())).toBe(2);
  });
});
