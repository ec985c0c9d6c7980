import * as tf from '@tensorflow/tfjs';
import { meanWeights, rowSum } from './tensorOps';
import type { EpsSetting } from '../core/types';

/**
 * Per-pixel weights of a CBL loss: loss = Σ_i W_i ℓ_i per image. W mixes Intra-CBL's four group
 * means and Inter-CBL's foreground mean plus ε-weighted background, both constants of the
 * current prediction. Balance loss is intra = a, inter = 1 − a.
 */
export interface CblMix {
  intra: number;
  inter: number;
  tHard: number;
  eps: EpsSetting;
}

/**
 * Composed from tfjs ops: runs on every backend (WebGPU, WebGL, CPU). `q` is the probability
 * given to the true class (p̃ on FG, 1 − p̃ on BG), so "hard" is q ≤ t_h for both classes.
 */
export function composedCblWeights(
  q: tf.Tensor2D,
  pc: tf.Tensor2D,
  fg: tf.Tensor2D,
  bg: tf.Tensor2D,
  mix: CblMix,
): tf.Tensor2D {
  let weights: tf.Tensor2D | null = null;
  if (mix.intra !== 0) {
    const hard = tf.cast(tf.lessEqual(q, mix.tHard), 'float32');
    const fgHard = tf.mul(fg, hard) as tf.Tensor2D;
    const bgHard = tf.sub(hard, fgHard) as tf.Tensor2D;
    const intra = tf.addN([
      meanWeights(fgHard),
      meanWeights(tf.sub(fg, fgHard) as tf.Tensor2D),
      meanWeights(bgHard),
      meanWeights(tf.sub(bg, bgHard) as tf.Tensor2D),
    ]);
    weights = tf.mul(intra, mix.intra) as tf.Tensor2D;
  }
  if (mix.inter !== 0) {
    const inter = tf.mul(interWeights(pc, fg, bg, mix.eps), mix.inter) as tf.Tensor2D;
    weights = weights ? (tf.add(weights, inter) as tf.Tensor2D) : inter;
  }
  return weights ?? (tf.zerosLike(q) as tf.Tensor2D);
}

/**
 * Membership of the hard background H = the top k = min(f, b) background pixels by p̃, as a
 * weight in [0, 1]: 1 above the k-th largest value, a share on pixels tied with it so that
 * exactly k pixels' worth are in H, 0 below. A full-row topk finds the k-th value with a k that
 * varies per image while every shape stays static (docs/design.md §1.5).
 */
function hardBackground(pc: tf.Tensor2D, fg: tf.Tensor2D, bg: tf.Tensor2D): { h: tf.Tensor2D; k: tf.Tensor2D } {
  const b = rowSum(bg);
  const k = tf.minimum(rowSum(fg), b) as tf.Tensor2D;
  // Foreground pixels get −1 so they sort after every background pixel; p̃·bg + (bg − 1) keeps
  // background values bit-exact (adding 1 first would merge distinct tiny values into ties).
  const score = tf.add(tf.mul(pc, bg), tf.sub(bg, 1)) as tf.Tensor2D;
  const sorted = tf.topk(score, pc.shape[1]).values;
  const kthIndex = tf.cast(tf.maximum(tf.sub(tf.reshape(k, [-1]), 1), 0), 'int32');
  const kth = tf.reshape(tf.gather(sorted, kthIndex, 1, 1), [-1, 1]);
  const above = tf.mul(bg, tf.cast(tf.greater(score, kth), 'float32'));
  const tied = tf.mul(bg, tf.cast(tf.equal(score, kth), 'float32'));
  const tiedShare = tf.div(tf.sub(k, rowSum(above)), tf.maximum(rowSum(tied), 1));
  // k = 0 (no foreground or no background): H is empty.
  const inH = tf.mul(tf.add(above, tf.mul(tied, tiedShare)), tf.minimum(k, 1)) as tf.Tensor2D;
  return { h: inH, k };
}

/**
 * Inter-CBL weights (docs/design.md §1.3): FG mean plus the background term. Hard background
 * weighs 1/|H|; easy background weighs 1/N ('reference', the authors' code) or ε/|H| (numeric ε,
 * so an easy pixel weighs ε of a hard one as in Eq. 11–12, and ε = f/N is the authors' loss).
 * With H empty (f = 0) both forms fall back to Σ_BG ℓ / N, whatever ε: there is no hard
 * background to measure easy pixels against.
 */
function interWeights(pc: tf.Tensor2D, fg: tf.Tensor2D, bg: tf.Tensor2D, eps: EpsSetting): tf.Tensor2D {
  const { h, k } = hardBackground(pc, fg, bg);
  const easy = tf.sub(bg, h);
  const hasH = tf.minimum(k, 1); // 1 when H is non-empty, else 0 (k is a whole number)
  const perImage = 1 / pc.shape[1];
  const easyWeight =
    eps === 'reference'
      ? tf.fill(k.shape, perImage)
      : tf.add(tf.div(tf.mul(hasH, eps), tf.maximum(k, 1)), tf.mul(tf.sub(1, hasH), perImage));
  const bgWeights = tf.add(tf.div(h, tf.maximum(k, 1)), tf.mul(easy, easyWeight));
  return tf.add(meanWeights(fg), bgWeights) as tf.Tensor2D;
}
