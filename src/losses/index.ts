/**
 * Public entry of the TensorFlow.js losses (docs/design.md §1.3–1.5): the tensors the workers
 * train with. Only the workers' side (engine, experiments, model) may import it; the page uses
 * the float64 math of `src/core` and never loads tfjs (docs/architecture.md, "Import layering").
 */
export { intraCBL, interCBL, balanceLoss, cblWeights, setWeightPath, CBL_DEFAULTS } from './cbl';
export type { CblMix } from './cblWeights';
export type { CblOptions, WeightPath } from './cbl';
export { bce, wce, dice, tversky, focal } from './baselines';
export { stageCheck, stageFlags } from './stageCheck';
export { losses, lossIds } from './registry';
export type { LossEntry, LossFn, LossId, LossOptions, LossParam } from './registry';
