import * as tf from '@tensorflow/tfjs';
import {
  asConstant,
  assertSameShape,
  clampedRows,
  classMasks,
  meanWeights,
  pixelCE,
  rowSum,
  weightedLoss,
} from './tensorOps';
import type { EpsSetting } from './types';

/**
 * Every CBL loss is a cross-entropy with per-pixel weights that are constants of the current
 * prediction (group means, top-f membership). Computing the weights once, without gradient, and
 * then one weighted CE, keeps the backward pass as cheap as BCE's.
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

/** Intra-CBL weights: four group means (FG hard/easy, BG hard/easy) per image. */
export function intraWeights(pc: tf.Tensor2D, fg: tf.Tensor2D, bg: tf.Tensor2D, tHard: number): tf.Tensor2D {
  const fgHard = tf.mul(fg, tf.cast(tf.lessEqual(pc, tHard), 'float32')) as tf.Tensor2D;
  const bgHard = tf.mul(bg, tf.cast(tf.lessEqual(tf.sub(1, pc), tHard), 'float32')) as tf.Tensor2D;
  const fgEasy = tf.sub(fg, fgHard) as tf.Tensor2D;
  const bgEasy = tf.sub(bg, bgHard) as tf.Tensor2D;
  return tf.addN([meanWeights(fgHard), meanWeights(fgEasy), meanWeights(bgHard), meanWeights(bgEasy)]) as tf.Tensor2D;
}

/**
 * Membership of the hard background H = the top k = min(f, b) background pixels by p̃, as a
 * weight in [0, 1]: 1 above the k-th largest value, a fraction on pixels tied with it so that
 * exactly k pixels' worth are in H, 0 below. Returns the weight and k per row.
 */
export function hardBackground(pc: tf.Tensor2D, fg: tf.Tensor2D, bg: tf.Tensor2D): { h: tf.Tensor2D; k: tf.Tensor2D } {
  const width = pc.shape[1];
  const f = rowSum(fg);
  const b = rowSum(bg);
  const k = tf.minimum(f, b) as tf.Tensor2D;
  // Foreground pixels get −1 so they sort after every background pixel.
  const score = tf.where(tf.cast(bg, 'bool'), pc, tf.fill(pc.shape, -1)) as tf.Tensor2D;
  const sorted = tf.topk(score, width).values;
  const kthIndex = tf.cast(tf.maximum(tf.sub(tf.reshape(k, [-1]), 1), 0), 'int32');
  const kth = tf.reshape(tf.gather(sorted, kthIndex, 1, 1), [-1, 1]);
  const above = tf.mul(bg, tf.cast(tf.greater(score, kth), 'float32'));
  const tied = tf.mul(bg, tf.cast(tf.equal(score, kth), 'float32'));
  const tiedShare = tf.div(tf.sub(k, rowSum(above)), tf.maximum(rowSum(tied), 1));
  const inH = tf.add(above, tf.mul(tied, tiedShare));
  // k = 0 (no foreground): H is empty.
  const h = tf.mul(inH, tf.cast(tf.greater(k, 0), 'float32')) as tf.Tensor2D;
  return { h, k };
}

/** Inter-CBL weights (DESIGN §1.3): FG mean plus the ε-weighted background term. */
export function interWeights(pc: tf.Tensor2D, fg: tf.Tensor2D, bg: tf.Tensor2D, eps: EpsSetting): tf.Tensor2D {
  const { h, k } = hardBackground(pc, fg, bg);
  const easy = tf.sub(bg, h);
  let bgWeights: tf.Tensor;
  if (eps === 'reference') {
    // The authors' code: mean over H plus Σ_E ℓ / N, so an easy pixel weighs f/N of a hard one.
    bgWeights = tf.add(tf.div(h, tf.maximum(k, 1)), tf.div(easy, pc.shape[1]));
  } else {
    const denominator = tf.add(k, tf.mul(eps, tf.sub(rowSum(bg), k)));
    const safe = tf.where(tf.greater(denominator, 0), tf.div(1, tf.maximum(denominator, 1e-30)), tf.zerosLike(denominator));
    bgWeights = tf.mul(tf.add(h, tf.mul(easy, eps)), safe);
  }
  return tf.add(meanWeights(fg), bgWeights) as tf.Tensor2D;
}

export function validateEps(eps: EpsSetting): void {
  if (eps !== 'reference' && !(eps >= 0 && eps <= 1)) throw new RangeError(`eps must be in [0, 1] or 'reference', got ${eps}`);
}

/** Shared frame of every CBL loss: masks, clamp, weights without gradient, weighted CE. */
function cblLoss(
  p: tf.Tensor4D,
  y: tf.Tensor4D,
  weightsOf: (pc: tf.Tensor2D, fg: tf.Tensor2D, bg: tf.Tensor2D) => tf.Tensor2D,
): tf.Scalar {
  assertSameShape(p, y);
  return tf.tidy(() => {
    const { fg, bg } = classMasks(y);
    const pc = clampedRows(p);
    const weights = asConstant((x) => weightsOf(x as tf.Tensor2D, fg, bg))(pc) as tf.Tensor2D;
    return weightedLoss(weights, pixelCE(pc, fg, bg));
  });
}

export function intraCBL(p: tf.Tensor4D, y: tf.Tensor4D, opts: Pick<CblOptions, 'tHard'> = {}): tf.Scalar {
  const tHard = opts.tHard ?? CBL_DEFAULTS.tHard;
  return cblLoss(p, y, (pc, fg, bg) => intraWeights(pc, fg, bg, tHard));
}

export function interCBL(p: tf.Tensor4D, y: tf.Tensor4D, opts: Pick<CblOptions, 'eps'> = {}): tf.Scalar {
  const eps = opts.eps ?? CBL_DEFAULTS.eps;
  validateEps(eps);
  return cblLoss(p, y, (pc, fg, bg) => interWeights(pc, fg, bg, eps));
}

/** Balance loss = a·Intra-CBL + (1 − a)·Inter-CBL, as one weighted CE. */
export function balanceLoss(p: tf.Tensor4D, y: tf.Tensor4D, opts: CblOptions = {}): tf.Scalar {
  const tHard = opts.tHard ?? CBL_DEFAULTS.tHard;
  const eps = opts.eps ?? CBL_DEFAULTS.eps;
  const a = opts.a ?? CBL_DEFAULTS.a;
  validateEps(eps);
  return cblLoss(p, y, (pc, fg, bg) =>
    tf.add(tf.mul(intraWeights(pc, fg, bg, tHard), a), tf.mul(interWeights(pc, fg, bg, eps), 1 - a)) as tf.Tensor2D,
  );
}
