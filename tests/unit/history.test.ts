/**
 * The UI's run history: appending, thinning, and a run that goes back to a checkpoint (NaN
 * recovery, lost GPU device), whose redone steps replace the old ones instead of running backwards.
 */
import { describe, expect, it } from 'vitest';
import { histogram, metrics } from '../../src/core';
import type { Snapshot, StepRecord } from '../../src/engine/protocol';
import { appendHistory, appendSteps, MAX_HISTORY } from '../../src/state/history';

function snapshotAt(step: number): Snapshot {
  const p = new Float32Array([0.1, 0.7, 0.4, 0.9]);
  const y = new Float32Array([0, 1, 0, 1]);
  return {
    step,
    stage: { stage: 1, switchedAt: null, reason: '' },
    loss: 1 / (step + 1),
    components: null,
    valMetrics: metrics(p, y, 0.5),
    valHistogram: histogram(p, y, 10),
  } as unknown as Snapshot;
}
const record = (step: number): StepRecord => ({ step, loss: 1 / step, stage: 1, check: null });
const stepsOf = (xs: { step: number }[]) => xs.map((x) => x.step);

describe('run history', () => {
  it('appends new steps and returns the same array when nothing is new', () => {
    let h = appendHistory([], snapshotAt(0), 0.1);
    h = appendHistory(h, snapshotAt(3), 0.1);
    expect(stepsOf(h)).toEqual([0, 3]);
    expect(appendHistory(h, snapshotAt(3), 0.1)).toBe(h);
    expect(appendHistory(h, snapshotAt(0), 0.1)).toBe(h);
  });

  it('a run rewound to a checkpoint replaces the steps it redoes', () => {
    let h: ReturnType<typeof appendHistory> = [];
    for (const s of [0, 10, 20, 30, 40]) h = appendHistory(h, snapshotAt(s), 0.1);
    h = appendHistory(h, snapshotAt(25), 0.1);
    expect(stepsOf(h)).toEqual([0, 10, 20, 25]);
    h = appendHistory(h, snapshotAt(35), 0.1);
    expect(stepsOf(h)).toEqual([0, 10, 20, 25, 35]);

    let steps: StepRecord[] = [];
    steps = appendSteps(steps, [1, 2, 3, 4, 5, 6].map(record));
    steps = appendSteps(steps, [4, 5].map(record));
    expect(stepsOf(steps)).toEqual([1, 2, 3, 4, 5]);
    const same = appendSteps(steps, []);
    expect(same).toBe(steps);
  });

  it('thins to at most MAX_HISTORY points, keeping the first and last, in order', () => {
    let h: ReturnType<typeof appendHistory> = [];
    for (let s = 0; s <= 3 * MAX_HISTORY; s++) h = appendHistory(h, snapshotAt(s), 0.1);
    expect(h.length).toBeLessThanOrEqual(MAX_HISTORY);
    expect(h[0].step).toBe(0);
    expect(h[h.length - 1].step).toBe(3 * MAX_HISTORY);
    expect(stepsOf(h)).toEqual([...stepsOf(h)].sort((a, b) => a - b));
  });
});
