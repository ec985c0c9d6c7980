import type { RunSpec, SweepConfig } from './types';

/** Every run of a sweep in the order it is trained; a saved position into this list resumes a sweep. */
export function runQueue(config: SweepConfig): RunSpec[] {
  const out: RunSpec[] = [];
  for (const loss of config.losses)
    for (const ratio of config.ratios) for (const seed of config.seeds) out.push({ loss, ratio, seed });
  return out;
}
