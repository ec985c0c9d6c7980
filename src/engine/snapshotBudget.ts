/**
 * When to send the next snapshot: at most SNAPSHOT_HZ per second, and never so often that
 * snapshots take more than `share` of the wall time. On a fast GPU the rate cap binds; on a slow
 * backend (CPU, SwiftShader) where one snapshot costs as much as a step, the budget does, and
 * training keeps ≥ 90% of its speed.
 */
export const SNAPSHOT_HZ = 10;

export class SnapshotBudget {
  private nextAt = -Infinity;

  constructor(
    private readonly share = 0.08,
    private readonly minIntervalMs = 1000 / SNAPSHOT_HZ,
  ) {}

  due(now: number): boolean {
    return now >= this.nextAt;
  }

  /** Records a snapshot that took from `start` to `end` (ms). */
  record(start: number, end: number): void {
    const cost = end - start;
    this.nextAt = end + Math.max(this.minIntervalMs, cost / this.share - cost);
  }

  reset(): void {
    this.nextAt = -Infinity;
  }
}
