import type { LossId } from '../core/lossInfo';

/** What a sweep trains: every loss × ratio × seed, each for `steps` steps on the same model size. */
export interface SweepConfig {
  losses: LossId[];
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

export interface RunResult {
  loss: LossId;
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
}

export interface Stat {
  mean: number;
  sd: number;
}

export type SummaryRow = {
  loss: LossId;
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
  meta?: { backend: string; seconds: number; finishedAt: string };
}

/** One queued run: the order is loss, then ratio, then seed, so results fill in a row at a time. */
export interface RunSpec {
  loss: LossId;
  ratio: number;
  seed: number;
}
