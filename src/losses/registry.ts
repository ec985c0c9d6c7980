import type * as tf from '@tensorflow/tfjs';
import { bce, dice, focal, tversky, wce } from './baselines';
import { balanceLoss, interCBL, intraCBL, type CblOptions } from './cbl';
import { lossInfo, type LossId, type LossParam } from '../core/lossInfo';

export { lossIds } from '../core/lossInfo';
export type { LossId, LossParam } from '../core/lossInfo';

/** Every loss shares one call shape; options a loss does not use are ignored. */
export type LossOptions = CblOptions;
export type LossFn = (p: tf.Tensor4D, y: tf.Tensor4D, opts?: LossOptions) => tf.Scalar;

export interface LossEntry {
  label: string;
  fn: LossFn;
  /** Names of the options the loss listens to, so the UI shows only those sliders. */
  params: readonly LossParam[];
}

const fns: Record<LossId, LossFn> = {
  balance: balanceLoss,
  intra: intraCBL,
  inter: interCBL,
  bce: (p, y) => bce(p, y),
  wce: (p, y) => wce(p, y),
  dice: (p, y) => dice(p, y),
  tversky: (p, y) => tversky(p, y),
  focal: (p, y) => focal(p, y),
};

function entries(): Record<LossId, LossEntry> {
  const out = {} as Record<LossId, LossEntry>;
  for (const id of Object.keys(lossInfo) as LossId[]) out[id] = { ...lossInfo[id], fn: fns[id] };
  return out;
}

export const losses = entries();
