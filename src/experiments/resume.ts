/**
 * What a sweep does with the results already at its `--out`: resume a sweep of the same
 * configuration (keep its finished runs, train the rest), or refuse anything else unless forced.
 */
import { sweepArgNames, sweepArgsOf } from './config';
import { runQueue } from './queue';
import { runKey, type RunResult, type SweepConfig, type SweepResults } from './types';

/** The arguments in which two configurations differ, as `--name a → b`; empty when they are the same sweep. */
export function configDifferences(before: SweepConfig, now: SweepConfig): string[] {
  const a = sweepArgsOf(before);
  const b = sweepArgsOf(now);
  return sweepArgNames.filter((k) => a[k] !== b[k]).map((k) => `--${k} ${a[k]} → ${b[k]}`);
}

export type ResumeDecision =
  { kind: 'fresh' } | { kind: 'resume'; kept: RunResult[]; seconds: number } | { kind: 'refuse'; why: string };

/**
 * `existing` is what the output holds (null: nothing; an Error: a file that is not a results
 * file). Only runs of this configuration's queue are kept; they were trained from their own seeds,
 * so keeping them gives the numbers an unbroken sweep would have.
 */
export function decideResume(
  existing: SweepResults | Error | null,
  config: SweepConfig,
  force: boolean,
): ResumeDecision {
  if (existing === null || force) return { kind: 'fresh' };
  if (existing instanceof Error)
    return {
      kind: 'refuse',
      why: `it holds something that is not a sweep's results (${existing.message}); add --force to overwrite it`,
    };
  const diff = configDifferences(existing.config, config);
  if (diff.length > 0)
    return {
      kind: 'refuse',
      why: `it holds a different sweep (${diff.join(', ')}); give another --out, or add --force to overwrite it`,
    };
  const wanted = new Set(runQueue(config).map(runKey));
  const kept = existing.runs.filter((r) => wanted.has(runKey(r)));
  return { kind: 'resume', kept, seconds: existing.meta?.seconds ?? 0 };
}
