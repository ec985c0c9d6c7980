/** Public entry of the math library: pure functions, no DOM, no React (docs/design.md §1). */
export { decompose } from './decompose';
export { histogram, decomposeFromHistogram, emptyHistogram, binEdge } from './histogram';
export type { PredictionHistogram, HistogramDecomposition } from './histogram';
export { metrics, scoresFromCounts } from './metrics';
export type { SegmentationMetrics } from './metrics';
export { intraCBL, interCBL, balanceLoss, cblWeights, setWeightPath, CBL_DEFAULTS } from './cbl';
export type { CblMix } from './cblWeights';
export type { CblOptions, WeightPath } from './cbl';
export { bce, wce, dice, tversky, focal } from './baselines';
export { stageCheck, stageFlags, countStageFlags } from './stageCheck';
export type { StageCheckOptions, StageCheckResult, SwitchRule } from './stageCheck';
export { losses, lossIds } from './registry';
export type { LossEntry, LossFn, LossId, LossOptions, LossParam } from './registry';
export type { Decomposition, DecomposeOptions, EpsSetting, WeightedFp } from './types';
export { pixelGradients, gradGroupOf, gradientShares, allGradientShares, gradGroups } from './gradients';
export type { GradGroup, GradientOptions, GradientShares } from './gradients';
