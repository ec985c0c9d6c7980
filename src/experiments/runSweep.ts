import type { BackendName } from '../engine/protocol';
import { runQueue } from './queue';
import { runOne } from './runOne';
import { summarise } from './summary';
import type { RunResult, SweepConfig, SweepResults } from './types';

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
  /** Runs already finished (a resumed sweep): training starts after them. */
  done?: readonly RunResult[];
  onProgress?: (p: SweepProgress) => void;
  onRun?: (r: RunResult, index: number) => void;
}

/** Trains every queued run one after another (the same order in Node and in the worker). */
export async function runSweep(
  config: SweepConfig,
  backend: BackendName,
  hooks: SweepHooks = {},
): Promise<SweepResults> {
  const queue = runQueue(config);
  const runs: RunResult[] = [...(hooks.done ?? [])];
  const total = queue.length * config.steps;
  for (let i = runs.length; i < queue.length; i++) {
    const before = i * config.steps;
    const result = await runOne(config, queue[i], backend, (step) =>
      hooks.onProgress?.({ run: i, runs: queue.length, step, done: before + step, total }),
    );
    runs.push(result);
    hooks.onRun?.(result, i);
  }
  return { config, runs, summary: summarise(runs) };
}
