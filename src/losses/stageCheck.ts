import * as tf from '@tensorflow/tfjs';
import { countStageFlags, type StageCheckOptions, type StageCheckResult } from '../core/stageRule';
import { assertSameShape, clampedRows, classMasks, rowSum } from './tensorOps';

/** f-th largest value of each row (f ≥ 1 per row; rows with f = 0 read index 0 and are ignored). */
function kthLargestPerRow(x: tf.Tensor2D, f: tf.Tensor2D): tf.Tensor {
  const sorted = tf.topk(x, x.shape[1]).values;
  const index = tf.cast(tf.maximum(tf.sub(tf.reshape(f, [-1]), 1), 0), 'int32');
  return tf.gather(sorted, index, 1, 1);
}

/**
 * Per-image pass/fail flags of Algorithm 1's switch test as a float32 [2, n] tensor (row 0: fgOK,
 * row 1: bgOK), so a training step can read them back together with its loss.
 */
export function stageFlags(p: tf.Tensor4D, y: tf.Tensor4D, opts: StageCheckOptions = {}): tf.Tensor2D {
  assertSameShape(p, y);
  const tHard = opts.tHard ?? 0.9;
  const rule = opts.rule ?? 'code';
  return tf.tidy(() => {
    const { fg, bg } = classMasks(y);
    const pc = clampedRows(p);
    const f = rowSum(fg);
    const noForeground = tf.equal(tf.reshape(f, [-1]), 0);
    let fgOk: tf.Tensor;
    let bgOk: tf.Tensor;
    if (rule === 'code') {
      fgOk = tf.lessEqual(kthLargestPerRow(tf.mul(fg, tf.sub(1, pc)) as tf.Tensor2D, f), 1 - tHard);
      bgOk = tf.lessEqual(kthLargestPerRow(tf.mul(bg, pc) as tf.Tensor2D, f), 1 - tHard);
    } else {
      fgOk = tf.greaterEqual(kthLargestPerRow(tf.mul(fg, pc) as tf.Tensor2D, f), tHard);
      bgOk = tf.greaterEqual(kthLargestPerRow(tf.mul(bg, tf.sub(1, pc)) as tf.Tensor2D, f), tHard);
    }
    return tf.cast(
      tf.stack([tf.logicalOr(fgOk, noForeground), tf.logicalOr(bgOk, noForeground)]),
      'float32',
    ) as tf.Tensor2D;
  });
}

/**
 * Algorithm 1's switch test on one batch. Rule 'code': fgOK ⇔ f-th largest of y·(1 − p̃) ≤ 1 − t_h,
 * bgOK ⇔ f-th largest of (1 − y)·p̃ ≤ 1 − t_h. Rule 'algorithm1' (as printed): fgOK ⇔ f-th
 * largest of y·p̃ ≥ t_h, bgOK ⇔ f-th largest of (1 − y)(1 − p̃) ≥ t_h. f = 0 counts as OK.
 * Reads back only 2n flags.
 */
export async function stageCheck(
  p: tf.Tensor4D,
  y: tf.Tensor4D,
  opts: StageCheckOptions = {},
): Promise<StageCheckResult> {
  const flags = stageFlags(p, y, opts);
  const values = await flags.data();
  flags.dispose();
  return countStageFlags(values, p.shape[0]);
}
