/**
 * Keeps slider drags at frame rate while training: a snapshot redraws every panel, and one that
 * lands between a slider input and its paint delays that paint. Snapshots arriving within QUIET_MS
 * of a slider input are held and applied together, in order, once the input pauses, and at least
 * every MAX_HOLD_MS so the training view never looks frozen. Other messages flush first, so the
 * order of what the worker said is kept.
 */
export const QUIET_MS = 150;
export const MAX_HOLD_MS = 1000;

let lastSliderInput = Number.NEGATIVE_INFINITY;

/** Called by every slider on input. */
export function noteSliderInput(now: number = performance.now()): void {
  lastSliderInput = now;
}

export interface SnapshotGate {
  /** Runs `apply` now, or holds it while a slider is moving. */
  offer(apply: () => void, now?: number): void;
  /** Applies everything held, in arrival order. */
  flush(): void;
  readonly held: number;
}

export function createSnapshotGate(clock: () => number = () => performance.now()): SnapshotGate {
  let queue: (() => void)[] = [];
  let since = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const batch = queue;
    queue = [];
    for (const apply of batch) apply();
  };
  const due = (now: number) => now - lastSliderInput >= QUIET_MS || now - since >= MAX_HOLD_MS;
  const schedule = () => {
    if (timer !== null) clearTimeout(timer);
    const wait = Math.min(lastSliderInput + QUIET_MS, since + MAX_HOLD_MS) - clock();
    timer = setTimeout(
      () => {
        timer = null;
        if (due(clock())) flush();
        else schedule();
      },
      Math.max(0, wait),
    );
  };

  return {
    offer(apply, now = clock()) {
      if (queue.length === 0 && now - lastSliderInput >= QUIET_MS) {
        apply();
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
