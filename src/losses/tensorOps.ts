import * as tf from '@tensorflow/tfjs';
import { CLAMP } from '../core/lossInfo';

/** Predictions are clamped to [CLAMP, 1 − CLAMP] before any log (docs/design.md §1.3). */
export { CLAMP };

/** A batch of maps [n, H, W, 1] seen as rows [n, H·W]. */
export function rows(x: tf.Tensor): tf.Tensor2D {
  const n = x.shape[0] ?? 1;
  return tf.reshape(x, [n, x.size / n]);
}

/**
 * Wraps a computation so that its result counts as a constant for autodiff. Masks built with
 * comparison ops or topk have no gradient in tfjs; ops inside customGrad's forward are not taped,
 * and the zero gradient makes the masks true constants (docs/design.md §1.5).
 */
export function asConstant<T extends tf.Tensor>(compute: (x: tf.Tensor) => T): (x: tf.Tensor) => T {
  const wrapped = tf.customGrad((...inputs: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const x = inputs[0] as tf.Tensor;
    return { value: compute(x), gradFunc: () => tf.zerosLike(x) };
  });
  return (x: tf.Tensor) => wrapped(x) as T;
}

/** Per-row foreground mask (1 where y > 0.5) and background mask, float32 [n, N]. */
export function classMasks(y: tf.Tensor): { fg: tf.Tensor2D; bg: tf.Tensor2D } {
  const fg = tf.cast(tf.greater(rows(y), 0.5), 'float32') as tf.Tensor2D;
  return { fg, bg: tf.sub(1, fg) as tf.Tensor2D };
}

/** p̃ = clamp(p, 1e−7, 1 − 1e−7), as rows. */
export function clampedRows(p: tf.Tensor): tf.Tensor2D {
  return tf.clipByValue(rows(p), CLAMP, 1 - CLAMP) as tf.Tensor2D;
}

/** Probability given to the true class, q = p̃ on FG and 1 − p̃ on BG (as bg + p̃·(fg − bg)). */
export function trueClassProbability(pc: tf.Tensor2D, fg: tf.Tensor2D, bg: tf.Tensor2D): tf.Tensor2D {
  return tf.add(bg, tf.mul(pc, tf.sub(fg, bg))) as tf.Tensor2D;
}

/** Per-pixel cross-entropy ℓ = −log q: −log p̃ on foreground, −log(1 − p̃) on background. */
export function pixelCE(pc: tf.Tensor2D, fg: tf.Tensor2D, bg: tf.Tensor2D): tf.Tensor2D {
  return tf.neg(tf.log(trueClassProbability(pc, fg, bg))) as tf.Tensor2D;
}

/** Σ over each row, keeping a [n, 1] column for broadcasting. */
export const rowSum = (x: tf.Tensor): tf.Tensor2D => tf.sum(x, 1, true) as tf.Tensor2D;

/** mask / count per row, with an empty row (count 0) giving zeros: the weights of a mean. */
export function meanWeights(mask: tf.Tensor2D): tf.Tensor2D {
  return tf.div(mask, tf.maximum(rowSum(mask), 1)) as tf.Tensor2D;
}

/** Batch loss from per-pixel weights: Σ_i W_i ℓ_i per image, then the mean over the batch. */
export function weightedLoss(weights: tf.Tensor2D, ce: tf.Tensor2D): tf.Scalar {
  return tf.mean(tf.sum(tf.mul(weights, ce), 1)) as tf.Scalar;
}

export function assertSameShape(p: tf.Tensor, y: tf.Tensor): void {
  if (p.rank !== 4 || p.shape[3] !== 1) throw new RangeError(`p must be [n, H, W, 1], got [${p.shape}]`);
  if (p.shape.join() !== y.shape.join()) throw new RangeError(`p [${p.shape}] and y [${y.shape}] differ`);
}
