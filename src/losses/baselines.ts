import * as tf from '@tensorflow/tfjs';
import { BASELINE_CONSTANTS as K } from '../core/lossInfo';
import { assertSameShape, clampedRows, classMasks, meanWeights, pixelCE, rows, weightedLoss } from './tensorOps';

/**
 * Baselines the paper compares against (docs/design.md §1.3). BCE, WCE and Focal are per image then
 * the batch mean; Dice and Tversky sum over the whole batch, as the authors' code runs them.
 */

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

/**
 * Soft Dice as the authors' `loss.py` runs it (docs/design.md §1.3): 1 − the mean over the two
 * classes of (2·Σ p_c·y_c + s)/(Σ p_c + Σ y_c + s), with p_fg = p, p_bg = 1 − p (unclamped) and
 * s = 1e−5. The sums run over the whole batch, so images are coupled: an image's gradient depends
 * on the others, and a batch mean of per-image Dice would be a different loss.
 */
export function dice(p: tf.Tensor4D, y: tf.Tensor4D, opts: SoftOverlapOptions = {}): tf.Scalar {
  assertSameShape(p, y);
  const smooth = opts.smooth ?? K.diceSmooth;
  return tf.tidy(() => {
    const pr = rows(p);
    const { fg, bg } = classMasks(y);
    const score = (pc: tf.Tensor, yc: tf.Tensor): tf.Tensor =>
      tf.div(tf.add(tf.mul(tf.sum(tf.mul(pc, yc)), 2), smooth), tf.add(tf.add(tf.sum(pc), tf.sum(yc)), smooth));
    return tf.sub(1, tf.mul(tf.add(score(pr, fg), score(tf.sub(1, pr), bg)), 0.5)) as tf.Scalar;
  });
}

export interface TverskyOptions extends SoftOverlapOptions {
  /** Weight of soft FP. */
  alpha?: number;
  /** Weight of soft FN. */
  beta?: number;
}

/**
 * Tversky loss 1 − (TP + s)/(TP + α·FP + β·FN + s), α = 0.3, β = 0.7, s = 1, as the authors run
 * it: soft TP = Σ p·y, FP = Σ p·(1 − y), FN = Σ (1 − p)·y over the whole batch (not per image),
 * on unclamped p.
 */
export function tversky(p: tf.Tensor4D, y: tf.Tensor4D, opts: TverskyOptions = {}): tf.Scalar {
  assertSameShape(p, y);
  const alpha = opts.alpha ?? K.tverskyAlpha;
  const beta = opts.beta ?? K.tverskyBeta;
  const smooth = opts.smooth ?? K.tverskySmooth;
  return tf.tidy(() => {
    const pr = rows(p);
    const { fg, bg } = classMasks(y);
    const tp = tf.sum(tf.mul(pr, fg));
    const fp = tf.sum(tf.mul(pr, bg));
    const fn = tf.sum(tf.mul(tf.sub(1, pr), fg));
    const den = tf.add(tf.add(tp, tf.mul(fp, alpha)), tf.add(tf.mul(fn, beta), smooth));
    return tf.sub(1, tf.div(tf.add(tp, smooth), den)) as tf.Scalar;
  });
}

export interface FocalOptions {
  gamma?: number;
  /** Weight of the foreground class; the background gets 1 − α. */
  alpha?: number;
}

/**
 * Focal loss −α(1 − p̃)^γ log p̃ on FG, −(1 − α) p̃^γ log(1 − p̃) on BG; γ = 2, α = 0.25, the
 * per-pixel mean. This is the textbook form (Lin et al.). The authors' `loss.py` applies
 * BCE-with-logits to softmax outputs, i.e. squashes probabilities a second time, which is a bug;
 * this lab keeps the textbook form on p (docs/design.md §1.3).
 */
export function focal(p: tf.Tensor4D, y: tf.Tensor4D, opts: FocalOptions = {}): tf.Scalar {
  assertSameShape(p, y);
  const gamma = opts.gamma ?? K.focalGamma;
  const alpha = opts.alpha ?? K.focalAlpha;
  return tf.tidy(() => {
    const { fg, bg } = classMasks(y);
    const pc = clampedRows(p);
    const trueClassProb = tf.add(bg, tf.mul(pc, tf.sub(fg, bg)));
    const classWeight = tf.add(tf.mul(fg, alpha), tf.mul(bg, 1 - alpha));
    const modulator = tf.pow(tf.sub(1, trueClassProb), gamma);
    return tf.mean(tf.mul(tf.mul(classWeight, modulator), pixelCE(pc, fg, bg))) as tf.Scalar;
  });
}
