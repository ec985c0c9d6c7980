import type { BackendName, BackendReport, ProbeReport } from '../engine/protocol';
import type { SweepProgress } from './runSweep';
import type { RunResult, SweepConfig } from './types';

/** Main thread → experiments worker. Cancelling terminates the worker, so there is no stop message. */
export type ToExperimentWorker = {
  type: 'start';
  config: SweepConfig;
  /** Runs finished before (a resumed sweep): the worker trains the ones after them. */
  done: RunResult[];
  /** Restricts the candidate backends (tests); the probe verdict the training worker cached, if any. */
  backends?: BackendName[];
  probeCache?: ProbeReport | null;
};

export type FromExperimentWorker =
  | { type: 'backend'; report: BackendReport }
  | { type: 'progress'; progress: SweepProgress }
  | { type: 'run'; run: RunResult; index: number }
  | { type: 'done' }
  | { type: 'error'; text: string };
