import type * as tf from '@tensorflow/tfjs';
import { bce, dice, focal, tversky, wce } from './baselines';
import { balanceLoss, interCBL, intraCBL, type CblOptions } from './cbl';

/** Every loss shares one call shape; options a loss does not use are ignored. */
export type LossOptions = CblOptions;
export type LossFn = (p: tf.Tensor4D, y: tf.Tensor4D, opts?: LossOptions) => tf.Scalar;

/** Names of the tunable options, so the UI shows only the sliders a loss listens to. */
export type LossParam = keyof LossOptions;

export interface LossEntry {
  label: string;
  fn: LossFn;
  params: readonly LossParam[];
}

export const losses = {
  balance: { label: 'Balance loss', fn: balanceLoss, params: ['tHard', 'eps', 'a'] },
  intra: { label: 'Intra-CBL', fn: intraCBL, params: ['tHard'] },
  inter: { label: 'Inter-CBL', fn: interCBL, params: ['eps'] },
  bce: { label: 'BCE', fn: (p, y) => bce(p, y), params: [] },
  wce: { label: 'WCE (inverse frequency)', fn: (p, y) => wce(p, y), params: [] },
  dice: { label: 'Dice', fn: (p, y) => dice(p, y), params: [] },
  tversky: { label: 'Tversky (α 0.3, β 0.7)', fn: (p, y) => tversky(p, y), params: [] },
  focal: { label: 'Focal (γ 2, α 0.25)', fn: (p, y) => focal(p, y), params: [] },
} as const satisfies Record<string, LossEntry>;

export type LossId = keyof typeof losses;
export const lossIds = Object.keys(losses) as LossId[];
