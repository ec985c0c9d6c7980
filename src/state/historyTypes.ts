/** What the UI keeps of a run's history (built from snapshots in history.ts, drawn by panels). */
import type { PredictionHistogram } from '../core';
import type { GradientTrace } from '../engine/gradientTrace';

/** A term of Eq. 9–12 that can be highlighted across panels (equation hover). */
export type TermId = 'fpMain' | 'fpBias' | 'fnMain' | 'fnBias' | 'fpMainW' | 'fpBiasW';

/** One logged point of the run: the validation histogram lets any t be re-rendered exactly. */
export interface HistoryEntry {
  step: number;
  stage: 1 | 2;
  loss: number;
  intra: number | null;
  inter: number | null;
  dice: number;
  iou: number;
  fpHard: number;
  fnHard: number;
  hist: PredictionHistogram;
  /** ε used for the ε-weighted FP at this point (the pooled f/N under 'reference'). */
  eps: number;
  /** Where the trained loss and BCE pushed on the validation predictions (absent in older run files). */
  grad?: GradientTrace;
}

/** Shared axes for side-by-side runs (compare mode): the union of both runs' extents. */
export interface HistorySync {
  steps: [number, number];
  yMax: number;
  /** Smallest positive value of either run (the log axis floor). */
  yMinPos: number;
}
