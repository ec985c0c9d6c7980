/**
 * What one training step reads back to the host: a single small tensor, so a step costs one
 * GPU→CPU transfer however many numbers it reports (docs/design.md §2).
 */
import * as tf from '@tensorflow/tfjs';
import type { StageCheckOptions } from '../core';
import { stageFlags } from '../losses';

/**
 * [loss, …Algorithm 1's per-image flags when `check` is given]. The loss plus 0 × (the sum of
 * every weight): the same number while all weights are finite, NaN as soon as one is not. The
 * loss alone is not enough: XNNPACK (WASM) clamps and fuses ReLU with min/max that turn NaN into
 * a bound, so a diverged network there still reports a finite loss. A chain of adds, not addN:
 * WebGPU's AddN binds one buffer per input, and with one per variable (~30) it returned garbage.
 */
export function stepReadback(
  cost: tf.Scalar,
  vars: readonly tf.Variable[],
  check: { p: tf.Tensor4D; y: tf.Tensor4D; opts: StageCheckOptions } | null,
): tf.Tensor1D {
  return tf.tidy(() => {
    const weightSum = vars.reduce<tf.Tensor>((acc, v) => tf.add(acc, tf.sum(v)), tf.scalar(0));
    const parts: tf.Tensor[] = [tf.reshape(tf.add(cost, tf.mul(weightSum, 0)), [1])];
    if (check) parts.push(tf.reshape(stageFlags(check.p, check.y, check.opts), [-1]));
    return tf.concat(parts) as tf.Tensor1D;
  });
}
