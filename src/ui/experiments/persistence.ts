import { checkSweepConfig } from '../../experiments/config';
import { runQueue } from '../../experiments/queue';
import { runKey, type RunResult, type SweepConfig } from '../../experiments/types';

/** localStorage key of the current sweep: its configuration and the runs finished so far. */
export const EXPERIMENT_STORAGE_KEY = 'balance-lab.experiment.v1';

export interface SavedSweep {
  config: SweepConfig;
  /** Finished runs in queue order: their count is the queue position to resume at. */
  runs: RunResult[];
}

export function saveSweep(saved: SavedSweep): void {
  try {
    globalThis.localStorage?.setItem(EXPERIMENT_STORAGE_KEY, JSON.stringify(saved));
  } catch {
    // Storage full or disabled: the sweep still runs, it just cannot resume after a reload.
  }
}

/** The saved sweep, or null when there is none or it no longer fits the lab (then it is dropped). */
export function loadSweep(): SavedSweep | null {
  try {
    const raw = globalThis.localStorage?.getItem(EXPERIMENT_STORAGE_KEY);
    if (!raw) return null;
    const saved = JSON.parse(raw) as SavedSweep;
    const config = checkSweepConfig(saved.config);
    const queue = runQueue(config);
    const fits =
      Array.isArray(saved.runs) &&
      saved.runs.length <= queue.length &&
      saved.runs.every((r, i) => runKey({ ...r, switch: r.switch ?? null }) === runKey(queue[i]));
    return fits ? { config, runs: saved.runs } : null;
  } catch {
    return null;
  }
}
