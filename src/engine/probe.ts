/**
 * "Pick the fastest, not the first": before the first run the worker times a few training steps
 * of the run's own U-Net on every backend that starts here and trains on the fastest. A GPU that
 * is emulated in software (SwiftShader, llvmpipe) or merely weak loses to WASM this way, which a
 * fixed order cannot know. The whole probe is bounded by PROBE_BUDGET_MS; the main thread caches
 * its verdict per browser, so the cost is paid once.
 */
import * as tf from '@tensorflow/tfjs';
import { buildUNet, trainableVariables } from '../model';
import type { Params } from '../params/schema';
import { softwareGpu, TRAINING_BACKENDS, trySetBackend } from './backend';
import { unetConfigOf } from './config';
import type { BackendName, ProbeReport, ProbeResult } from './protocol';

export const PROBE_BUDGET_MS = 3000;
/** Timed steps per backend after the warm-up step (which compiles shaders and packs weights). */
const TIMED_STEPS = 3;
const PROBE_BATCH = 2;

/** One probe workload on the active backend: its step resolves once the step's loss is on the host. */
export interface ProbeWorkload {
  step(): Promise<void>;
  dispose(): void;
}

/** A few training steps of the run's U-Net (at batch 2) with a cross-entropy loss and Adam. */
export function unetWorkload(params: Params): ProbeWorkload {
  const config = unetConfigOf(params);
  const model = buildUNet(config, 'probe');
  const vars = trainableVariables(model);
  const optimizer = tf.train.adam(1e-3);
  const shape: [number, number, number, number] = [PROBE_BATCH, config.size, config.size, 1];
  const x = tf.randomUniform(shape, 0, 1, 'float32', 11);
  const y = tf.tidy(() => tf.cast(tf.greater(tf.randomUniform(shape, 0, 1, 'float32', 12), 0.95), 'float32'));
  return {
    async step() {
      const cost = optimizer.minimize(() => tf.losses.sigmoidCrossEntropy(y, model.apply(x) as tf.Tensor), true, vars);
      // data(), never dataSync: WebGPU must not block (and a read is what ends a real step too).
      await cost?.data();
      cost?.dispose();
    },
    dispose() {
      optimizer.dispose();
      model.dispose();
      tf.dispose([x, y]);
    },
  };
}

export interface ProbeOptions {
  budgetMs?: number;
  /** Sets a backend and says why it cannot be used (default: backend.ts's trySetBackend). */
  start?: (name: BackendName) => Promise<string | null>;
  /** The workload to time on the active backend (default: the run's U-Net). */
  workload: () => ProbeWorkload;
  now?: () => number;
  /** Time CPU even when WASM runs (tests and benchmarks; the app skips it, see probeOrder). */
  cpuWithWasm?: boolean;
  /** Names the software emulation a GPU backend would run on, if any (default: backend.ts's softwareGpu). */
  emulated?: (name: BackendName) => Promise<string | null>;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Resolves with the promise's value, or with 'timeout' after `ms` (the work itself goes on). */
function within<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), Math.max(0, ms));
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The probe order: WASM first, because it starts in milliseconds and sets the bar every other
 * candidate must beat within the budget; then the GPUs; CPU only when WASM cannot run, since
 * tfjs's CPU kernels are plain JavaScript versions of what WASM runs natively (3.6 s against
 * 0.14 s per default step here) and a CPU step cannot be interrupted once started.
 */
export function probeOrder(candidates: readonly BackendName[], cpuWithWasm = false): BackendName[] {
  const order = (['wasm', 'webgpu', 'webgl', 'cpu'] as const).filter((b) => candidates.includes(b));
  return candidates.includes('wasm') && !cpuWithWasm ? order.filter((b) => b !== 'cpu') : order;
}

/** The clock and budget shared by every backend of one probe, and the fastest step so far. */
interface ProbeClock {
  budget: number;
  now: () => number;
  /** Milliseconds of the budget still left. */
  left: () => number;
  best: number;
}

/** Disposes `work` once its step settles: a step cut off by the deadline is still running. */
function disposeWhenSettled(step: Promise<void>, work: ProbeWorkload): void {
  void step.then(
    () => work.dispose(),
    () => work.dispose(),
  );
}

/** One step's milliseconds, or null when the budget ran out first (the workload is then disposed later). */
async function timedStep(work: ProbeWorkload, clock: ProbeClock): Promise<number | null> {
  const start = clock.now();
  const step = work.step();
  if ((await within(step, clock.left())) === 'timeout') {
    disposeWhenSettled(step, work);
    return null;
  }
  return clock.now() - start;
}

/** Up to TIMED_STEPS steps after the warm-up; `cutOff` says the last one ran past the budget. */
async function timedSteps(work: ProbeWorkload, clock: ProbeClock): Promise<{ times: number[]; cutOff: boolean }> {
  const times: number[] = [];
  while (times.length < TIMED_STEPS && clock.left() > 0) {
    const ms = await timedStep(work, clock);
    if (ms === null) return { times, cutOff: true };
    times.push(ms);
    // Two steps slower than the best so far cannot win: stop early and save the budget.
    if (times.length >= 2 && median(times) > 2 * clock.best) break;
  }
  return { times, cutOff: false };
}

/** Times the workload on the active backend: a warm-up step, then the timed steps. */
async function timeWorkload(backend: BackendName, opts: ProbeOptions, clock: ProbeClock): Promise<ProbeResult> {
  let work: ProbeWorkload | null = null;
  try {
    work = opts.workload();
    const warmMs = await timedStep(work, clock);
    if (warmMs === null) {
      work = null;
      return {
        backend,
        msPerStep: null,
        note: `its first step took over ${Math.round(clock.budget)} ms (shader compilation and all)`,
      };
    }
    const { times, cutOff } = await timedSteps(work, clock);
    if (cutOff) work = null;
    if (times.length === 0) {
      // On a busy machine the budget can end after the warm-up step; its time (which includes
      // one-off setup) is an upper bound, better than no figure.
      return { backend, msPerStep: warmMs, note: 'first step only (an upper bound: the budget ended)' };
    }
    return {
      backend,
      msPerStep: median(times),
      note: `${times.length} timed step${times.length > 1 ? 's' : ''}, median`,
    };
  } catch (err) {
    return {
      backend,
      msPerStep: null,
      note: `probe failed: ${err instanceof Error ? err.message : String(err)}`,
    };
  } finally {
    work?.dispose();
  }
}

/** One backend's result: skipped (budget used up, software-emulated, does not start) or timed. */
async function probeBackend(backend: BackendName, opts: ProbeOptions, clock: ProbeClock): Promise<ProbeResult> {
  if (clock.left() <= 0) {
    return { backend, msPerStep: null, note: `not probed: the ${clock.budget} ms probe budget was used up` };
  }
  const emulation = await (opts.emulated ?? softwareGpu)(backend);
  if (emulation !== null) {
    return {
      backend,
      msPerStep: null,
      note: `not timed: emulated in software (${emulation}), slower than WASM on the same cores`,
    };
  }
  const reason = await (opts.start ?? trySetBackend)(backend);
  if (reason !== null) return { backend, msPerStep: null, note: reason };
  return timeWorkload(backend, opts, clock);
}

/**
 * Times `workload` on each candidate that starts and returns the results, fastest first
 * (backends that failed or were stopped after them, with the reason). Every backend's steps are
 * awaited with a deadline: one that has not finished its warm-up step when the budget runs out
 * is recorded as too slow, and its in-flight work is disposed once it completes.
 */
export async function probeBackends(candidates: readonly BackendName[], opts: ProbeOptions): Promise<ProbeReport> {
  const budget = opts.budgetMs ?? PROBE_BUDGET_MS;
  const now = opts.now ?? (() => performance.now());
  const t0 = now();
  const clock: ProbeClock = { budget, now, left: () => budget - (now() - t0), best: Infinity };
  const results: ProbeResult[] = [];
  const order = probeOrder(candidates, opts.cpuWithWasm);
  if (candidates.includes('cpu') && !order.includes('cpu')) {
    results.push({
      backend: 'cpu',
      msPerStep: null,
      note: 'not probed: WASM runs the same kernels natively, many times faster',
    });
  }
  for (const backend of order) {
    const result = await probeBackend(backend, opts, clock);
    if (result.msPerStep !== null) clock.best = Math.min(clock.best, result.msPerStep);
    results.push(result);
  }
  const timed = results
    .filter((r) => r.msPerStep !== null)
    .sort((a, b) => (a.msPerStep as number) - (b.msPerStep as number));
  return { results: [...timed, ...results.filter((r) => r.msPerStep === null)], totalMs: now() - t0, cached: false };
}

/**
 * The order to try backends in after a probe: timed ones fastest first, then the rest of
 * `allowed` in the default order (those that failed or were not probed stay as fallbacks).
 */
export function orderFromProbe(report: ProbeReport, allowed: readonly BackendName[]): BackendName[] {
  const timed = report.results.filter((r) => r.msPerStep !== null && allowed.includes(r.backend)).map((r) => r.backend);
  const rest = TRAINING_BACKENDS.filter((b) => allowed.includes(b) && !timed.includes(b));
  return [...timed, ...rest];
}

/**
 * Explicit choice: that backend first (when the page allows it), the others in the default
 * order as fallbacks.
 */
export function orderFromChoice(choice: BackendName, allowed: readonly BackendName[]): BackendName[] {
  return [
    ...(allowed.includes(choice) ? [choice] : []),
    ...TRAINING_BACKENDS.filter((b) => b !== choice && allowed.includes(b)),
  ];
}
