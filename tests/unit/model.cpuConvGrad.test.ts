import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disableFastCpuConvGrad, enableFastCpuConvGrad, isFastCpuConvGradEnabled } from '../../src/model';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});
afterAll(() => disableFastCpuConvGrad());

type Pad = 'same' | 'valid';
interface Case {
  x: [number, number, number, number];
  k: number;
  cout: number;
  stride: number;
  pad: Pad;
}

/** Filter gradient of sum(conv2d(x, w) · r): exercises Conv2DBackpropFilter with dy = r. */
function filterGrad(c: Case, fast: boolean): Float32Array {
  if (fast) enableFastCpuConvGrad();
  else disableFastCpuConvGrad();
  return tf.tidy(() => {
    // ReLU'd input so the kernel's zero-skipping path is exercised too.
    const x = tf.relu(tf.randomNormal(c.x, 0, 1, 'float32', 1)) as tf.Tensor4D;
    const w = tf.randomNormal([c.k, c.k, c.x[3], c.cout], 0, 1, 'float32', 2) as tf.Tensor4D;
    const out = tf.conv2d(x, w, c.stride, c.pad);
    const r = tf.randomNormal(out.shape, 0, 1, 'float32', 3);
    const g = tf.grad((wv: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(x, wv as tf.Tensor4D, c.stride, c.pad), r)))(w);
    return g.dataSync() as Float32Array;
  });
}

describe('fast CPU Conv2DBackpropFilter', () => {
  const cases: Case[] = [
    { x: [2, 8, 8, 3], k: 3, cout: 4, stride: 1, pad: 'same' },
    { x: [1, 9, 7, 2], k: 3, cout: 5, stride: 2, pad: 'same' },
    { x: [3, 6, 6, 4], k: 2, cout: 3, stride: 2, pad: 'valid' },
    { x: [2, 5, 5, 3], k: 1, cout: 2, stride: 1, pad: 'valid' },
    { x: [1, 7, 9, 2], k: 3, cout: 3, stride: 1, pad: 'valid' },
  ];
  for (const c of cases) {
    it(`matches the stock kernel: x ${c.x.join('×')}, k ${c.k}, stride ${c.stride}, ${c.pad}`, () => {
      const stock = filterGrad(c, false);
      const fast = filterGrad(c, true);
      expect(fast.length).toBe(stock.length);
      stock.forEach((v, i) => expect(fast[i]).toBeCloseTo(v, 4));
    });
  }

  it('is idempotent and reversible', () => {
    disableFastCpuConvGrad();
    const stock = tf.getKernel('Conv2DBackpropFilter', 'cpu').kernelFunc;
    enableFastCpuConvGrad();
    const fast = tf.getKernel('Conv2DBackpropFilter', 'cpu').kernelFunc;
    enableFastCpuConvGrad();
    expect(fast).not.toBe(stock);
    expect(tf.getKernel('Conv2DBackpropFilter', 'cpu').kernelFunc).toBe(fast);
    expect(isFastCpuConvGradEnabled()).toBe(true);
    disableFastCpuConvGrad();
    expect(isFastCpuConvGradEnabled()).toBe(false);
    expect(tf.getKernel('Conv2DBackpropFilter', 'cpu').kernelFunc).toBe(stock);
  });

  it('does not leak tensors', () => {
    enableFastCpuConvGrad();
    const c: Case = { x: [1, 6, 6, 2], k: 3, cout: 2, stride: 1, pad: 'same' };
    filterGrad(c, true);
    const start = tf.memory().numTensors;
    filterGrad(c, true);
    expect(tf.memory().numTensors).toBe(start);
  });
});
