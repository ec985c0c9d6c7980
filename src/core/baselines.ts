import * as tf from '@tensorflow/tfjs';
import { assertSameShape, clampedRows, classMasks, meanWeights, pixelCE, rows, rowSum, weightedLoss } from './tensorOps';

/** Baselines the paper compares against (DESIGN §1.3), per image then the batch mean. */

export function bce(p: tf.Tensor4D, y: tf.Tensor4D): tf.Scalar {
  assertSameShape(p, y);
  return tf.tidy(() => {
    const { fg, bg } = classMasks(y);
    return tf.mean(pixelCE(clampedRows(p), fg, bg)) as tf.Scalar;
  });
}

/**
 * Weighted CE with inverse class frequency: w_c = N / (2·|c|), so Σ w ℓ / N is the average of
 * the foreground and background mean CE (an absent class contributes 0).
 */
export function wce(p: tf.Tensor4D, y: tf.Tensor4D): tf.Scalar {
  assertSameShape(p, y);
  return tf.tidy(() => {
    const { fg, bg } = classMasks(y);
    const weights = tf.mul(tf.add(meanWeights(fg), meanWeights(bg)), 0.5) as tf.Tensor2D;
    return weightedLoss(weights, pixelCE(clampedRows(p), fg, bg));
  });
}

export interface SoftOverlapOptions {
  smooth?: number;
}

/** Soft Dice loss 1 − (2·Σpy + s) / (Σp + Σy + s), smooth s = 1. */
export function dice(p: tf.Tensor4D, y: tf.Tensor4D, opts: SoftOverlapOptions = {}): tf.Scalar {
  assertSameShape(p, y);
  const smooth = opts.smooth ?? 1;
  return tf.tidy(() => {
    const pr = rows(p);
    const { fg } = classMasks(y);
    const overlap = rowSum(tf.mul(pr, fg));
    const score = tf.div(tf.add(tf.mul(overlap, 2), smooth), tf.add(tf.add(rowSum(pr), rowSum(fg)), smooth));
    return tf.mean(tf.sub(1, score)) as tf.Scalar;
  });
}

export interface TverskyOptions extends SoftOverlapOptions {
  /** Weight of soft FP. */
  alpha?: number;
  /** Weight of soft FN. */
  beta?: number;
}

/** Tversky loss 1 − (TP + s)/(TP + α·FP + β·FN + s), α = 0.3, β = 0.7, s = 1 (the authors' run). */
export function tversky(p: tf.Tensor4D, y: tf.Tensor4D, opts: TverskyOptions = {}): tf.Scalar {
  assertSameShape(p, y);
  const alpha = opts.alpha ?? 0.3;
  const beta = opts.beta ?? 0.7;
  const smooth = opts.smooth ?? 1;
  return tf.tidy(() => {
    const pr = rows(p);
    const { fg, bg } = classMasks(y);
    const tp = rowSum(tf.mul(pr, fg));
    const fp = rowSum(tf.mul(pr, bg));
    const fn = rowSum(tf.mul(tf.sub(1, pr), fg));
    const den = tf.add(tf.add(tp, tf.mul(fp, alpha)), tf.add(tf.mul(fn, beta), smooth));
    return tf.mean(tf.sub(1, tf.div(tf.add(tp, smooth), den))) as tf.Scalar;
  });
}

export interface FocalOptions {
  gamma?: number;
  /** Weight of the foreground class; the background gets 1 − α. */
  alpha?: number;
}

/** Focal loss −α(1 − p̃)^γ log p̃ on FG, −(1 − α) p̃^γ log(1 − p̃) on BG; γ = 2, α = 0.25. */
export function focal(p: tf.Tensor4D, y: tf.Tensor4D, opts: FocalOptions = {}): tf.Scalar {
  assertSameShape(p, y);
  const gamma = opts.gamma ?? 2;
  const alpha = opts.alpha ?? 0.25;
  return tf.tidy(() => {
    const { fg, bg } = classMasks(y);
    const pc = clampedRows(p);
    const trueClassProb = tf.add(bg, tf.mul(pc, tf.sub(fg, bg)));
    const classWeight = tf.add(tf.mul(fg, alpha), tf.mul(bg, 1 - alpha));
    const modulator = tf.pow(tf.sub(1, trueClassProb), gamma);
    return tf.mean(tf.mul(tf.mul(classWeight, modulator), pixelCE(pc, fg, bg))) as tf.Scalar;
  });
}
