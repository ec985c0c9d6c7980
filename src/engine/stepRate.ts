/**
 * Steps per second as the snapshots report it: the rate over the last window of more than a
 * second, or over the current window while the first one is still open.
 */
export class StepRate {
  private steps = 0;
  private since = performance.now();
  private value = 0;

  /** A new run starts counting afresh. */
  reset(): void {
    this.steps = 0;
    this.since = performance.now();
    this.value = 0;
  }

  count(): void {
    this.steps++;
  }

  /** The rate at `now` (performance.now()); closes the window when it is over a second long. */
  read(now: number): number {
    const elapsed = (now - this.since) / 1000;
    if (elapsed > 1) {
      this.value = this.steps / elapsed;
      this.steps = 0;
      this.since = now;
    }
    return this.value || this.steps / Math.max(elapsed, 1e-3);
  }
}
