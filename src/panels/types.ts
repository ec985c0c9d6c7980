/** Data contracts of the panels: each panel is fed these and never reaches into another's DOM. */
import type { StageCheckResult } from '../core';
import type { DecompositionW, StepRecord } from '../engine/protocol';
import type { StageState } from '../engine/stage';
import type { HistoryEntry, HistorySync, TermId } from '../state/historyTypes';
import type { RankAxisMode } from '../params/schema';

export type { HistoryEntry, HistorySync, TermId };

export interface TermHover {
  highlight: TermId | null;
  onHover?: (term: TermId | null) => void;
}

/** Fig. 2 for one side: background p (FP) or foreground 1 − p (FN), sorted descending. */
export interface SortedPredictionsProps extends TermHover {
  p: ArrayLike<number>;
  y: ArrayLike<number>;
  t: number;
  /** ε of Inter-CBL when it is active (easy background drawn scaled by ε); null otherwise. */
  eps: number | null;
  decomposition: DecompositionW;
  side: 'fp' | 'fn';
  /** The rank axis (docs/design.md §1.1a): 'head' is two linear segments, ranks 1–2f widened. */
  xScale: RankAxisMode;
  /** Given, the rank-axis switch calls it and the panel follows xScale; absent, the switch is the panel's own. */
  onXScaleChange?: (mode: RankAxisMode) => void;
  title: string;
  testId: string;
  /** A sentence under the chart, e.g. what pooling a batch means for the Eq. 11/12 case. */
  note?: string;
}

export interface EquationProps extends TermHover {
  d: DecompositionW;
  t: number;
  eps: number | null;
}

export interface MainBiasBarsProps extends TermHover {
  d: DecompositionW;
}

export interface HistoryProps extends TermHover {
  history: readonly HistoryEntry[];
  t: number;
  switchedAt: number | null;
  sync?: HistorySync | null;
}

export interface LossPanelProps {
  history: readonly HistoryEntry[];
  /** Hard FP/FN, Dice and IoU are re-derived at this t from each entry's histogram. */
  t: number;
  steps: readonly StepRecord[];
  switchedAt: number | null;
  /** Shared step axis of compare mode; null = this run's own extent. */
  stepDomain?: [number, number] | null;
}

export interface ImagesProps {
  /** Columns of each image; also its rows unless `height` says otherwise (logged runs). */
  size: number;
  height?: number;
  n: number;
  images: Float32Array;
  masks: Float32Array;
  p: Float32Array | null;
  t: number;
  selected: number | null;
  onSelect: (index: number | null) => void;
}

export interface StageProps {
  steps: readonly StepRecord[];
  stage: StageState;
  rule: 'code' | 'algorithm1';
  n: number;
  lastCheck: StageCheckResult | null;
}
