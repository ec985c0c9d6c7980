import { create } from 'zustand';
import type { BackendName } from '../../engine/protocol';
import type { SweepProgress } from '../../experiments/runSweep';
import type { RunResult, SweepConfig } from '../../experiments/types';

export type SweepStatus = 'idle' | 'starting' | 'running' | 'done' | 'cancelled' | 'interrupted' | 'error';

export interface ExperimentState {
  status: SweepStatus;
  /** The sweep the results belong to (not necessarily what the form shows now). */
  config: SweepConfig | null;
  runs: RunResult[];
  progress: SweepProgress | null;
  backend: BackendName | null;
  /** When this stretch of training started and how many steps were done then: the ETA's rate. */
  since: { time: number; done: number } | null;
  /** Seconds left at the rate since `since`; null until there is a rate. */
  etaSeconds: number | null;
  message: string | null;
}

/** The sweep's results and progress; the worker bridge (experimentRunner.ts) writes it, the section reads it. */
export const useExperiments = create<ExperimentState>(() => ({
  status: 'idle',
  config: null,
  runs: [],
  progress: null,
  backend: null,
  since: null,
  etaSeconds: null,
  message: null,
}));
