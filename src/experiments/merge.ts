import { lossIds } from '../core/lossInfo';
import { summarise } from './summary';
import type { SweepResults } from './types';

/**
 * Joins sweeps that differ only in their losses (the same sweep split over processes to use
 * every core): runs in the registry's loss order, summary recomputed. Throws on any other difference.
 */
export function mergeSweeps(parts: readonly SweepResults[]): SweepResults {
  if (parts.length === 0) throw new Error('nothing to merge');
  const withoutLosses = (c: SweepResults['config']): string => JSON.stringify({ ...c, losses: [] });
  const key = withoutLosses(parts[0].config);
  for (const p of parts) {
    const other = withoutLosses(p.config);
    if (other !== key) throw new Error(`the sweeps differ in more than their losses: ${other} vs ${key}`);
  }
  const losses = lossIds.filter((id) => parts.some((p) => p.config.losses.includes(id)));
  if (losses.length !== parts.reduce((n, p) => n + p.config.losses.length, 0))
    throw new Error('a loss appears in more than one sweep');
  const rank = (id: string): number => losses.indexOf(id as (typeof losses)[number]);
  const runs = parts.flatMap((p) => p.runs).sort((a, b) => rank(a.loss) - rank(b.loss));
  const seconds = Math.max(...parts.map((p) => p.meta?.seconds ?? 0));
  return {
    config: { ...parts[0].config, losses },
    runs,
    summary: summarise(runs),
    meta: {
      backend: parts[0].meta?.backend ?? 'unknown',
      seconds,
      finishedAt:
        parts
          .map((p) => p.meta?.finishedAt ?? '')
          .sort()
          .pop() ?? '',
    },
  };
}
