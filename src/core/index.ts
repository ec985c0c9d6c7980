/**
 * Public entry of the math library: pure float64 functions on plain arrays, no DOM, no React and
 * no TensorFlow.js (docs/design.md §1), so the page can import it without loading tfjs. The
 * tensor losses the workers train with are `src/losses` (docs/architecture.md).
 */
export { decompose } from './decompose';
export { histogram, decomposeFromHistogram, emptyHistogram, binEdge } from './histogram';
export type { PredictionHistogram, HistogramDecomposition } from './histogram';
export { metrics, scoresFromCounts } from './metrics';
export type { SegmentationMetrics } from './metrics';
export { countStageFlags } from './stageRule';
export type { StageCheckOptions, StageCheckResult, SwitchRule } from './stageRule';
export { lossIds } from './lossInfo';
export type { LossId, LossParam } from './lossInfo';
export type { Decomposition, DecomposeOptions, EpsSetting, WeightedFp } from './types';
export { pixelGradients, gradGroupOf, gradientShares, allGradientShares, gradGroups } from './gradients';
export type { GradGroup, GradientOptions, GradientShares } from './gradients';
