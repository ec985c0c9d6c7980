import type { RunSpec, SweepConfig } from './types';

/**
 * Every run of a sweep in the order it is trained; a saved position into this list resumes a sweep.
 * The Balance loss runs once per switch mode; the other losses have no stages and run once.
 */
export function runQueue(config: SweepConfig): RunSpec[] {
  const out: RunSpec[] = [];
  for (const loss of config.losses)
    for (const sw of loss === 'balance' ? config.switches : [null])
      for (const ratio of config.ratios) for (const seed of config.seeds) out.push({ loss, switch: sw, ratio, seed });
  return out;
}
