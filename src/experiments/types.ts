import type { LossId } from '../core/lossInfo';
import type { SwitchMode } from '../params/schema';

/** The stage-switch overrides a sweep can compare ('now' needs a hand on the switch, so it is not one). */
export type SweepSwitch = Extract<SwitchMode, 'auto' | 'never' | 'fromStart'>;
export const SWEEP_SWITCHES = ['auto', 'never', 'fromStart'] as const satisfies readonly SweepSwitch[];

/** What a sweep trains: every loss × ratio × seed, each for `steps` steps on the same model size. */
export interface SweepConfig {
  losses: LossId[];
  /**
   * The Balance loss's stage schedule, one set of runs per mode (docs/design.md §1.4). Only the
   * Balance loss has stages: every other loss runs once, whatever this lists.
   */
  switches: SweepSwitch[];
  /** Background pixels per foreground pixel (the schema's `imbalance`). */
  ratios: number[];
  seeds: number[];
  steps: number;
  size: '32' | '64' | '128';
  levels: number;
  width: number;
  batchSize: number;
  lr: number;
  /** Threshold of the main/bias split and the gradient groups; the metrics always use p > 0.5. */
  t: number;
  trainSize: number;
  valSize: number;
}

/** The numbers of one finished run, all on the validation set. */
export interface FinalNumbers {
  dice: number;
  iou: number;
  precision: number;
  recall: number;
  fpHard: number;
  fnHard: number;
  fpMain: number;
  fpBias: number;
  fnMain: number;
  fnBias: number;
  /** Share of Σ|∂L/∂z| of the loss trained at the end on background pixels with p ≤ t. */
  bgBiasShare: number;
}

export const FINAL_KEYS = [
  'dice',
  'iou',
  'precision',
  'recall',
  'fpHard',
  'fnHard',
  'fpMain',
  'fpBias',
  'fnMain',
  'fnBias',
  'bgBiasShare',
] as const satisfies readonly (keyof FinalNumbers)[];

/** The validation set every CURVE_EVERY steps (and after the last step) during a run. */
export interface CurvePoint {
  /** Steps done when it was measured (0 = the initial weights). */
  step: number;
  /** The stage the next step trains in (1 for losses without stages). */
  stage: 1 | 2;
  /** At p > 0.5, like the final numbers. */
  dice: number;
  /** The main/bias split at t. */
  fpMain: number;
  fpBias: number;
  fnMain: number;
  fnBias: number;
}

export const CURVE_EVERY = 50;

export interface RunResult {
  loss: LossId;
  /** The Balance loss's schedule override; null for every other loss (it has no stages). */
  switch: SweepSwitch | null;
  ratio: number;
  seed: number;
  /** Steps actually trained (fewer than asked only when the run diverged). */
  steps: number;
  /** Step after which the Balance loss switched to stage 2; null when it never did or for other losses. */
  switchStep: number | null;
  /** Step whose update turned the weights or loss non-finite; the run stopped at the last checkpoint. */
  divergedAt: number | null;
  /** The loss whose gradient `bgBiasShare` measures (Intra-CBL for a Balance run still in stage 1). */
  trainedAtEnd: LossId;
  final: FinalNumbers;
  /** Validation numbers over training; empty in results written before the curves existed. */
  curve: CurvePoint[];
}

export interface Stat {
  mean: number;
  sd: number;
}

export type SummaryRow = {
  loss: LossId;
  switch: SweepSwitch | null;
  ratio: number;
  n: number;
  switched: number;
  switchStep: Stat | null;
  diverged: number;
} & Record<keyof FinalNumbers, Stat>;

export interface SweepResults {
  config: SweepConfig;
  runs: RunResult[];
  summary: SummaryRow[];
  /** Where and how long it ran; not part of what a seed reproduces. */
  meta?: {
    backend: string;
    /** Training time summed over every process that added runs (a resumed sweep adds its own). */
    seconds: number;
    finishedAt: string;
  };
}

/** One queued run: the order is loss, switch, ratio, seed, so results fill in a row at a time. */
export interface RunSpec {
  loss: LossId;
  switch: SweepSwitch | null;
  ratio: number;
  seed: number;
}

/** A run's identity in a sweep, for resuming and merging. */
export const runKey = (r: RunSpec): string => `${r.loss}|${r.switch ?? '-'}|${r.ratio}|${r.seed}`;
