/**
 * When to send the next snapshot: at most SNAPSHOT_HZ per second, and never so often that
 * snapshots take more than `share` of the wall time. On a fast GPU the rate cap binds; on a slow
 * backend (CPU, SwiftShader) where one snapshot costs as much as a step, the budget does, and
 * training keeps ≥ 90% of its speed.
 *
 * Slow machines get two more rules so the view stays live: the interval is capped at
 * MAX_INTERVAL_MS (a snapshot at least every 5 s of wall time, checked after each step), unless
 * that would make snapshots more than `maxShare` (25%) of the wall time. With 8 s steps and 1 s
 * snapshots the 8% rule alone allowed one snapshot every 12 s; now there is one after every
 * step. The first snapshot of a run comes right after step 1 (runner.ts).
 */
export const SNAPSHOT_HZ = 10;
export const MAX_INTERVAL_MS = 5000;

export class SnapshotBudget {
  private nextAt = -Infinity;

  constructor(
    private readonly share = 0.08,
    private readonly minIntervalMs = 1000 / SNAPSHOT_HZ,
    private readonly maxIntervalMs = MAX_INTERVAL_MS,
    private readonly maxShare = 0.25,
  ) {}

  due(now: number): boolean {
    return now >= this.nextAt;
  }

  /** Records a snapshot that took from `start` to `end` (ms). */
  record(start: number, end: number): void {
    const cost = end - start;
    const relaxed = Math.min(cost / this.share - cost, this.maxIntervalMs);
    const floor = cost / this.maxShare - cost;
    this.nextAt = end + Math.max(this.minIntervalMs, relaxed, floor);
  }

  /** The wall time until the next snapshot may be taken after one that cost `cost` ms. */
  intervalAfter(cost: number): number {
    this.record(0, cost);
    const interval = this.nextAt - cost;
    this.reset();
    return interval;
  }

  reset(): void {
    this.nextAt = -Infinity;
  }
}
