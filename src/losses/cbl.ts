import * as tf from '@tensorflow/tfjs';
import { composedCblWeights, type CblMix } from './cblWeights';
import { FUSED_CBL_BACKENDS, fusedCblWeights } from './cblWeightsCpu';
import { asConstant, assertSameShape, clampedRows, classMasks, rowSum, trueClassProbability } from './tensorOps';
import type { EpsSetting } from '../core/types';

/**
 * Every CBL loss is a cross-entropy with per-pixel weights that are constants of the current
 * prediction (group means, top-f membership). Computing the weights once, without gradient, and
 * then one weighted CE keeps the backward pass as cheap as BCE's.
 */
export interface CblOptions {
  /** Hard-sample threshold t_h of Intra-CBL (the paper's Eq. 13 t). */
  tHard?: number;
  /** Inter-CBL weight of easy background: a number in [0, 1] or the authors' 'reference'. */
  eps?: EpsSetting;
  /** Balance loss mix: a·Intra + (1 − a)·Inter. */
  a?: number;
}

export const CBL_DEFAULTS = { tHard: 0.9, eps: 'reference' as EpsSetting, a: 0.5 };

export function validateEps(eps: EpsSetting): void {
  if (eps !== 'reference' && !(eps >= 0 && eps <= 1))
    throw new RangeError(`eps must be in [0, 1] or 'reference', got ${eps}`);
}

/** Which weight implementation runs: the fused kernel on CPU and WASM, composed ops elsewhere. */
export type WeightPath = 'auto' | 'composed';
let weightPath: WeightPath = 'auto';
/** Tests force 'composed' on CPU to check that both paths agree. */
export function setWeightPath(path: WeightPath): void {
  weightPath = path;
}

/** Weights from clamped rows and class masks, as constants for autodiff. */
function weightsOf(pc: tf.Tensor2D, fg: tf.Tensor2D, bg: tf.Tensor2D, mix: CblMix): tf.Tensor2D {
  return asConstant((x) => {
    const clamped = x as tf.Tensor2D;
    if (weightPath === 'auto' && FUSED_CBL_BACKENDS.includes(tf.getBackend())) return fusedCblWeights(clamped, fg, mix);
    return composedCblWeights(trueClassProbability(clamped, fg, bg), clamped, fg, bg, mix);
  })(pc) as tf.Tensor2D;
}

/** CBL per-pixel weights W (loss = Σ W ℓ per image), [n, H·W]; for views and tests. */
export function cblWeights(p: tf.Tensor4D, y: tf.Tensor4D, mix: CblMix): tf.Tensor2D {
  assertSameShape(p, y);
  validateEps(mix.eps);
  return tf.tidy(() => {
    const { fg, bg } = classMasks(y);
    return weightsOf(clampedRows(p), fg, bg, mix);
  });
}

/** Σ_i W_i ℓ_i per image, then the batch mean. */
function cblLoss(p: tf.Tensor4D, y: tf.Tensor4D, mix: CblMix): tf.Scalar {
  assertSameShape(p, y);
  validateEps(mix.eps);
  return tf.tidy(() => {
    const { fg, bg } = classMasks(y);
    const pc = clampedRows(p);
    const weights = weightsOf(pc, fg, bg, mix);
    // ℓ = −log q; the sign is applied once to the scalar instead of to every pixel.
    return tf.neg(tf.mean(rowSum(tf.mul(weights, tf.log(trueClassProbability(pc, fg, bg)))))) as tf.Scalar;
  });
}

export function intraCBL(p: tf.Tensor4D, y: tf.Tensor4D, opts: Pick<CblOptions, 'tHard'> = {}): tf.Scalar {
  return cblLoss(p, y, { intra: 1, inter: 0, tHard: opts.tHard ?? CBL_DEFAULTS.tHard, eps: CBL_DEFAULTS.eps });
}

export function interCBL(p: tf.Tensor4D, y: tf.Tensor4D, opts: Pick<CblOptions, 'eps'> = {}): tf.Scalar {
  return cblLoss(p, y, { intra: 0, inter: 1, tHard: CBL_DEFAULTS.tHard, eps: opts.eps ?? CBL_DEFAULTS.eps });
}

/** Balance loss = a·Intra-CBL + (1 − a)·Inter-CBL, as one weighted CE. */
export function balanceLoss(p: tf.Tensor4D, y: tf.Tensor4D, opts: CblOptions = {}): tf.Scalar {
  const a = opts.a ?? CBL_DEFAULTS.a;
  return cblLoss(p, y, {
    intra: a,
    inter: 1 - a,
    tHard: opts.tHard ?? CBL_DEFAULTS.tHard,
    eps: opts.eps ?? CBL_DEFAULTS.eps,
  });
}
