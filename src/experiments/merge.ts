import { lossIds } from '../core/lossInfo';
import { DEFAULT_SWEEP } from './config';
import { runQueue } from './queue';
import { summarise } from './summary';
import { runKey, SWEEP_SWITCHES, type RunResult, type SweepResults } from './types';

/** Whether a results file holds every run its configuration asks for (an interrupted sweep does not). */
export const isComplete = (r: SweepResults): boolean => {
  const have = new Set(r.runs.map(runKey));
  return runQueue(r.config).every((spec) => have.has(runKey(spec)));
};

/**
 * Joins sweeps that differ only in their losses and switch modes (the same sweep split over
 * processes to use every core): runs in the merged sweep's queue order, summary recomputed.
 * Throws on any other difference, on a run present twice, and on an unfinished part.
 */
export function mergeSweeps(parts: readonly SweepResults[]): SweepResults {
  if (parts.length === 0) throw new Error('nothing to merge');
  const rest = (c: SweepResults['config']): string => JSON.stringify({ ...c, losses: [], switches: [] });
  const key = rest(parts[0].config);
  parts.forEach((p, i) => {
    const other = rest(p.config);
    if (other !== key) throw new Error(`the sweeps differ in more than their losses and switches: ${other} vs ${key}`);
    if (!isComplete(p)) throw new Error(`sweep ${i + 1} is unfinished: rerun its command to train the missing runs`);
  });
  const losses = lossIds.filter((id) => parts.some((p) => p.config.losses.includes(id)));
  // Only the parts that train the Balance loss say which switch modes ran.
  const withBalance = parts.filter((p) => p.config.losses.includes('balance'));
  const switches =
    withBalance.length === 0
      ? DEFAULT_SWEEP.switches
      : SWEEP_SWITCHES.filter((m) => withBalance.some((p) => p.config.switches.includes(m)));
  const config = { ...parts[0].config, losses, switches };
  const byKey = new Map<string, RunResult>();
  for (const r of parts.flatMap((p) => p.runs)) {
    if (byKey.has(runKey(r))) throw new Error(`the run ${runKey(r)} is in more than one sweep`);
    byKey.set(runKey(r), r);
  }
  const queue = runQueue(config);
  if (queue.length !== byKey.size || queue.some((s) => !byKey.has(runKey(s))))
    throw new Error('the runs do not make up one sweep: a Balance switch mode is missing from some part');
  const runs = queue.map((s) => byKey.get(runKey(s)) as RunResult);
  return {
    config,
    runs,
    summary: summarise(runs),
    meta: {
      backend: parts[0].meta?.backend ?? 'unknown',
      // The parts ran side by side: the wall time is the longest, not the sum.
      seconds: Math.max(...parts.map((p) => p.meta?.seconds ?? 0)),
      finishedAt:
        parts
          .map((p) => p.meta?.finishedAt ?? '')
          .sort()
          .pop() ?? '',
    },
  };
}
