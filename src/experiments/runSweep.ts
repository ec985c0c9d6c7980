import type { BackendName } from '../engine/protocol';
import { runQueue } from './queue';
import { runOne } from './runOne';
import { summarise } from './summary';
import { runKey, type RunResult, type SweepConfig, type SweepResults } from './types';

export interface SweepProgress {
  /** Index into runQueue(config) of the run in training. */
  run: number;
  runs: number;
  step: number;
  /** Steps done over the whole sweep, and how many there are in all. */
  done: number;
  total: number;
}

export interface SweepHooks {
  /** Runs already finished (a resumed sweep): they are kept and only the others are trained. */
  done?: readonly RunResult[];
  onProgress?: (p: SweepProgress) => void;
  /** After each trained run, with every finished run so far in queue order (kept ones included). */
  onRun?: (r: RunResult, index: number, finished: readonly RunResult[]) => void;
}

/**
 * Trains every queued run one after another (the same order in Node and in the worker). Each run
 * starts from its own seed, so a run trained after a resume is the run an unbroken sweep trains.
 */
export async function runSweep(
  config: SweepConfig,
  backend: BackendName,
  hooks: SweepHooks = {},
): Promise<SweepResults> {
  const queue = runQueue(config);
  const kept = new Map((hooks.done ?? []).map((r) => [runKey(r), r]));
  const total = queue.length * config.steps;
  const results: (RunResult | undefined)[] = queue.map((spec) => kept.get(runKey(spec)));
  const finished = (): RunResult[] => results.filter((r): r is RunResult => r !== undefined);
  for (let i = 0; i < queue.length; i++) {
    if (results[i]) continue;
    const before = i * config.steps;
    const result = await runOne(config, queue[i], backend, (step) =>
      hooks.onProgress?.({ run: i, runs: queue.length, step, done: before + step, total }),
    );
    results[i] = result;
    hooks.onRun?.(result, i, finished());
  }
  const runs = finished();
  return { config, runs, summary: summarise(runs) };
}
