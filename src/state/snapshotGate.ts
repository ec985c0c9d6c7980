/**
 * Keeps the page responsive while training.
 *
 * - Slider drags stay at frame rate: a snapshot redraws every panel, and one that lands between a
 *   slider input and its paint delays that paint. Snapshots arriving within QUIET_MS of a slider
 *   input are held and applied together, in order, once the input pauses, and at least every
 *   MAX_HOLD_MS so the training view never looks frozen.
 * - Snapshots take at most about half of the main thread: after applying some (the store update
 *   and React's render of it), the gate holds the next ones for as long as that took, up to
 *   MAX_BUDGET_WAIT_MS. Held ones are applied together, which React renders once. Without this,
 *   compare mode with both runs on WASM sent more snapshots than the page could draw, and the
 *   page stopped answering input for tens of seconds (issue 18, restless user).
 *
 * Other messages flush first, so the order of what the worker said is kept.
 */
export const QUIET_MS = 150;
export const MAX_HOLD_MS = 1000;
export const MAX_BUDGET_WAIT_MS = 4000;

let lastSliderInput = Number.NEGATIVE_INFINITY;

/** Called by every slider on input. */
export function noteSliderInput(now: number = performance.now()): void {
  lastSliderInput = now;
}

export interface SnapshotGate {
  /** Runs `apply` now, or holds it while a slider is moving or the last apply's cost is not yet paid back. */
  offer(apply: () => void, now?: number): void;
  /** Applies everything held, in arrival order. */
  flush(): void;
  readonly held: number;
}

export function createSnapshotGate(clock: () => number = () => performance.now()): SnapshotGate {
  let queue: (() => void)[] = [];
  let since = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** No apply before this time; +∞ while the cost of the last one is being measured. */
  let budgetUntil = Number.NEGATIVE_INFINITY;
  let measuring = 0;

  const sliderReady = (now: number) => now - lastSliderInput >= QUIET_MS || now - since >= MAX_HOLD_MS;
  const due = (now: number) => sliderReady(now) && now >= budgetUntil;

  /** Applies a batch; React renders it in a microtask, so a timer fires once both are done. */
  const applyMeasured = (batch: (() => void)[]) => {
    const start = clock();
    for (const apply of batch) apply();
    const token = ++measuring;
    budgetUntil = Number.POSITIVE_INFINITY;
    setTimeout(() => {
      if (token !== measuring) return;
      const end = clock();
      budgetUntil = end + Math.min(end - start, MAX_BUDGET_WAIT_MS);
      if (queue.length > 0) schedule();
    }, 0);
  };
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const batch = queue;
    queue = [];
    if (batch.length > 0) applyMeasured(batch);
  };
  function schedule(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    // While the last apply is measured, its timer schedules the next look.
    if (budgetUntil === Number.POSITIVE_INFINITY) return;
    const sliderAt = Math.min(lastSliderInput + QUIET_MS, since + MAX_HOLD_MS);
    const wait = Math.max(sliderAt, budgetUntil) - clock();
    timer = setTimeout(
      () => {
        timer = null;
        if (due(clock())) flush();
        else schedule();
      },
      Math.max(0, wait),
    );
  }

  return {
    offer(apply, now = clock()) {
      if (queue.length === 0 && now - lastSliderInput >= QUIET_MS && now >= budgetUntil) {
        applyMeasured([apply]);
        return;
      }
      if (queue.length === 0) since = now;
      queue.push(apply);
      if (due(now)) flush();
      else schedule();
    },
    flush,
    get held() {
      return queue.length;
    },
  };
}
