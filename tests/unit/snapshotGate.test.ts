/** The snapshot gate: snapshots wait while a slider moves, in order, never longer than MAX_HOLD_MS. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createSnapshotGate,
  MAX_BUDGET_WAIT_MS,
  MAX_HOLD_MS,
  noteSliderInput,
  QUIET_MS,
} from '../../src/state/snapshotGate';

let now = 0;
const clock = () => now;
/** Moves the fake clock and the fake timers together. */
const advance = (ms: number) => {
  now += ms;
  vi.advanceTimersByTime(ms);
};

beforeEach(() => {
  vi.useFakeTimers();
  now = 10_000;
  noteSliderInput(-1e9);
});
afterEach(() => vi.useRealTimers());

describe('snapshot gate', () => {
  it('applies at once when no slider has moved lately', () => {
    const gate = createSnapshotGate(clock);
    const seen: number[] = [];
    gate.offer(() => seen.push(1));
    expect(seen).toEqual([1]);
    expect(gate.held).toBe(0);
  });

  it('holds snapshots during a drag and applies them in order once input pauses', () => {
    const gate = createSnapshotGate(clock);
    const seen: number[] = [];
    noteSliderInput(now);
    gate.offer(() => seen.push(1));
    advance(50);
    gate.offer(() => seen.push(2));
    expect(seen).toEqual([]);
    expect(gate.held).toBe(2);
    advance(QUIET_MS - 51);
    expect(seen).toEqual([]);
    advance(2);
    expect(seen).toEqual([1, 2]);
    // Once flushed and quiet, the next one goes straight through.
    gate.offer(() => seen.push(3));
    expect(seen).toEqual([1, 2, 3]);
  });

  it('a drag that never pauses still sees training at least every MAX_HOLD_MS', () => {
    const gate = createSnapshotGate(clock);
    const applied: number[] = [];
    for (let t = 0; t <= 3 * MAX_HOLD_MS; t += 20) {
      noteSliderInput(now);
      if (t % 100 === 0) gate.offer(() => applied.push(now));
      advance(20);
    }
    // Flushes happen, and no snapshot waits more than MAX_HOLD_MS plus one input interval.
    expect(applied.length).toBeGreaterThan(20);
    const flushTimes = [...new Set(applied)];
    expect(flushTimes.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < flushTimes.length; i++)
      expect(flushTimes[i] - flushTimes[i - 1]).toBeLessThanOrEqual(MAX_HOLD_MS + 20);
  });

  it('flush applies everything held, in arrival order', () => {
    const gate = createSnapshotGate(clock);
    const seen: string[] = [];
    noteSliderInput(now);
    for (const id of ['a', 'b', 'c']) gate.offer(() => seen.push(id));
    gate.flush();
    expect(seen).toEqual(['a', 'b', 'c']);
    advance(MAX_HOLD_MS);
    expect(seen).toEqual(['a', 'b', 'c']);
  });

  it('after an apply that took C ms the next waits C ms, then everything held comes together, in order', () => {
    const gate = createSnapshotGate(clock);
    const seen: number[] = [];
    // The store update and React's render of it take 300 ms of main thread.
    gate.offer(() => {
      seen.push(1);
      now += 300;
    });
    advance(0);
    for (const id of [2, 3, 4]) {
      gate.offer(() => seen.push(id));
      advance(90);
    }
    expect(seen).toEqual([1]);
    expect(gate.held).toBe(3);
    advance(300 - 3 * 90);
    expect(seen).toEqual([1, 2, 3, 4]);
    // A cheap apply holds the next one only as long as it took (here a fake-timer tick or two).
    advance(2);
    gate.offer(() => seen.push(5));
    advance(5);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });

  it('a very slow render holds the next snapshot at most MAX_BUDGET_WAIT_MS', () => {
    const gate = createSnapshotGate(clock);
    const seen: number[] = [];
    gate.offer(() => {
      seen.push(1);
      now += 10 * MAX_BUDGET_WAIT_MS;
    });
    advance(0);
    gate.offer(() => seen.push(2));
    advance(MAX_BUDGET_WAIT_MS - 1);
    expect(seen).toEqual([1]);
    advance(1);
    expect(seen).toEqual([1, 2]);
  });

  it('another message flushes held snapshots at once, whatever the budget', () => {
    const gate = createSnapshotGate(clock);
    const seen: number[] = [];
    gate.offer(() => {
      seen.push(1);
      now += 500;
    });
    advance(0);
    gate.offer(() => seen.push(2));
    expect(seen).toEqual([1]);
    gate.flush();
    expect(seen).toEqual([1, 2]);
  });
});
