/**
 * The WASM backend's convolution gradients (src/model/wasmKernels.ts) against the CPU backend:
 * each registered kernel on its own, then whole U-Net training steps. "Equal" means
 * max |wasm − cpu| ≤ 1e−4 · max |cpu| per tensor: float32 sums taken in another order differ
 * in the last bits, relative to the tensor's scale.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/engine/backend';
import { Trainer } from '../../src/engine/trainer';
import { balanceLoss, bce, cblWeights, losses, lossIds, setWeightPath, stageFlags } from '../../src/losses';
import { buildUNet, trainableVariables } from '../../src/model';
import { DEFAULT_PARAMS, type Params } from '../../src/params/schema';

const REL = 1e-4;

function expectSameTensor(actual: Float32Array, expected: Float32Array, what: string): void {
  expect(actual.length, what).toBe(expected.length);
  let scale = 0;
  let diff = 0;
  expected.forEach((v, i) => {
    scale = Math.max(scale, Math.abs(v));
    diff = Math.max(diff, Math.abs(actual[i] - v));
  });
  expect(Number.isFinite(diff), what).toBe(true);
  if (!(diff <= REL * scale)) expect.fail(`${what}: max difference ${diff} exceeds ${REL} × ${scale}`);
}

/** Runs `fn` on CPU, then on WASM, and returns both results (host arrays). */
async function onBoth<T>(fn: () => Promise<T>): Promise<{ cpu: T; wasm: T }> {
  await selectBackend(['cpu']);
  const cpu = await fn();
  await selectBackend(['wasm']);
  const wasm = await fn();
  return { cpu, wasm };
}

interface ConvCase {
  x: [number, number, number, number];
  k: number;
  cout: number;
  stride: number;
  pad: 'same' | 'valid';
  /** conv2dTranspose instead of conv2d (its forward pass is Conv2DBackpropInput). */
  transposed?: boolean;
}

/** Output, input gradient and filter gradient of sum(conv(x, w) · r). */
async function convAndGrads(c: ConvCase): Promise<Float32Array[]> {
  const tensors = tf.tidy(() => {
    // ReLU'd input: about half zeros, as in the network.
    const x = tf.relu(tf.randomNormal(c.x, 0, 1, 'float32', 1)) as tf.Tensor4D;
    const [n, h, w, ci] = c.x;
    const wShape: [number, number, number, number] = c.transposed ? [c.k, c.k, c.cout, ci] : [c.k, c.k, ci, c.cout];
    const filter = tf.randomNormal(wShape, 0, 1, 'float32', 2) as tf.Tensor4D;
    const f = (xv: tf.Tensor4D, wv: tf.Tensor4D) =>
      c.transposed
        ? tf.conv2dTranspose(xv, wv, [n, h * c.stride, w * c.stride, c.cout], c.stride, c.pad)
        : tf.conv2d(xv, wv, c.stride, c.pad);
    const out = f(x, filter);
    const r = tf.randomNormal(out.shape, 0, 1, 'float32', 3);
    const [dx, dw] = tf.grads((xv: tf.Tensor, wv: tf.Tensor) =>
      tf.sum(tf.mul(f(xv as tf.Tensor4D, wv as tf.Tensor4D), r)),
    )([x, filter]);
    return [out, dx, dw];
  });
  const values = await Promise.all(tensors.map(async (t) => new Float32Array(await t.data())));
  tf.dispose(tensors);
  return values;
}

beforeAll(async () => {
  await selectBackend(['wasm']);
});

describe('WASM kernels equal the CPU backend', () => {
  const cases: ConvCase[] = [
    { x: [2, 8, 8, 3], k: 3, cout: 4, stride: 1, pad: 'same' },
    { x: [1, 9, 7, 2], k: 3, cout: 5, stride: 2, pad: 'same' },
    { x: [3, 6, 6, 4], k: 2, cout: 3, stride: 2, pad: 'valid' },
    { x: [1, 9, 9, 2], k: 2, cout: 3, stride: 2, pad: 'valid' },
    { x: [2, 5, 5, 3], k: 1, cout: 2, stride: 1, pad: 'valid' },
    { x: [1, 7, 9, 2], k: 3, cout: 3, stride: 1, pad: 'valid' },
    { x: [2, 8, 8, 3], k: 5, cout: 4, stride: 1, pad: 'same' },
    { x: [4, 32, 32, 8], k: 3, cout: 16, stride: 1, pad: 'same' },
    // Up-convolutions: the 2×2 stride-2 tiles take the 1×1-conv + DepthToSpace path, others the stock kernel.
    { x: [2, 6, 6, 4], k: 2, cout: 3, stride: 2, pad: 'same', transposed: true },
    { x: [2, 5, 7, 4], k: 2, cout: 3, stride: 2, pad: 'valid', transposed: true },
    { x: [1, 5, 5, 2], k: 3, cout: 3, stride: 2, pad: 'same', transposed: true },
  ];
  for (const c of cases) {
    const label = `${c.transposed ? 'conv2dTranspose' : 'conv2d'} x ${c.x.join('×')}, k ${c.k}, stride ${c.stride}, ${c.pad}`;
    it(`Conv2DBackpropFilter and Conv2DBackpropInput: ${label}`, async () => {
      const { cpu, wasm } = await onBoth(() => convAndGrads(c));
      ['output', 'input gradient', 'filter gradient'].forEach((what, i) =>
        expectSameTensor(wasm[i], cpu[i], `${label}: ${what}`),
      );
    });
  }

  it('Concat, SplitV and MaxPoolGrad (the U-Net skips and pools) equal CPU, including ties', async () => {
    const { cpu, wasm } = await onBoth(async () => {
      const t = tf.tidy(() => {
        // ReLU'd values: many all-zero pooling windows, where the first position must win.
        const a = tf.relu(tf.randomNormal([2, 6, 6, 3], 0, 1, 'float32', 21)) as tf.Tensor4D;
        const b = tf.randomNormal([2, 6, 6, 5], 0, 1, 'float32', 22) as tf.Tensor4D;
        const c = tf.concat([a, b], 3);
        const c1 = tf.concat([c, c], 0);
        const [s1, s2] = tf.split(c, [3, 5], 3);
        const [t1, t2, t3] = tf.split(c1, [1, 2, 1], 0);
        const r = tf.randomNormal([2, 3, 3, 3], 0, 1, 'float32', 23);
        const pooled = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(x as tf.Tensor4D, 2, 2, 'same'), r)))(a);
        // (Overlapping windows, e.g. 3×3 stride 2, stay with the stock wasm kernel, which differs
        // from CPU there with several channels; the U-Net has no such pool.)
        return [c, c1, s1, s2, t1, t2, t3, pooled];
      });
      const out = await Promise.all(t.map(async (x) => new Float32Array(await x.data())));
      tf.dispose(t);
      return out;
    });
    cpu.forEach((v, i) => expectSameTensor(wasm[i], v, `output ${i}`));
  });

  it('ClipByValue keeps NaN, as on CPU (NaN recovery depends on it)', async () => {
    const { cpu, wasm } = await onBoth(async () => {
      const t = tf.clipByValue(tf.tensor1d([NaN, 0.5, Infinity, -Infinity, -1, 2]), 1e-7, 1 - 1e-7);
      const v = Array.from(await t.data());
      t.dispose();
      return v;
    });
    expect(wasm).toEqual(cpu);
    expect(Number.isNaN(wasm[0])).toBe(true);
  });

  it('registers Conv2DBackpropFilter for wasm and frees every intermediate', async () => {
    await selectBackend(['wasm']);
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
    const c = cases[1];
    await convAndGrads(c);
    const before = tf.memory().numTensors;
    const dataIds = (tf.backend() as unknown as { numDataIds(): number }).numDataIds();
    await convAndGrads(c);
    expect(tf.memory().numTensors).toBe(before);
    expect((tf.backend() as unknown as { numDataIds(): number }).numDataIds()).toBe(dataIds);
  });
});

describe('whole training steps on WASM equal the CPU backend', () => {
  const params: Params = { ...DEFAULT_PARAMS, size: '32', levels: 3, width: 8, batchSize: 4, trainSize: 8, valSize: 4 };

  /** Every variable's gradient of one loss on the default architecture (at 32 px). */
  async function unetGrads(loss: (p: tf.Tensor4D, y: tf.Tensor4D) => tf.Scalar): Promise<Float32Array[]> {
    const model = buildUNet({ size: 32, levels: 3, baseWidth: 8, seed: 3 }, 'grads');
    const vars = trainableVariables(model);
    const { value, grads } = tf.tidy(() => {
      const x = tf.randomUniform([4, 32, 32, 1], 0, 1, 'float32', 4) as tf.Tensor4D;
      const y = tf.cast(
        tf.greater(tf.randomUniform([4, 32, 32, 1], 0, 1, 'float32', 5), 0.95),
        'float32',
      ) as tf.Tensor4D;
      return tf.variableGrads(() => loss(model.apply(x) as tf.Tensor4D, y), vars);
    });
    const out = [
      new Float32Array(await value.data()),
      ...(await Promise.all(vars.map(async (v) => new Float32Array(await grads[v.name].data())))),
    ];
    tf.dispose([value, ...Object.values(grads)]);
    model.dispose();
    return out;
  }

  for (const [name, loss] of [
    ['Balance', (p: tf.Tensor4D, y: tf.Tensor4D) => balanceLoss(p, y)],
    ['BCE', bce],
  ] as const) {
    it(`${name} loss: every weight gradient of the U-Net`, async () => {
      const { cpu, wasm } = await onBoth(() => unetGrads(loss));
      cpu.forEach((g, i) => expectSameTensor(wasm[i], g, i === 0 ? 'loss' : `gradient ${i}`));
    });
  }

  it('every loss runs on WASM with the value it has on CPU', async () => {
    const { cpu, wasm } = await onBoth(async () => {
      const out: number[] = [];
      for (const id of lossIds) {
        const v = tf.tidy(() => {
          const p = tf.randomUniform([2, 16, 16, 1], 0.01, 0.99, 'float32', 6) as tf.Tensor4D;
          const y = tf.cast(
            tf.greater(tf.randomUniform([2, 16, 16, 1], 0, 1, 'float32', 7), 0.9),
            'float32',
          ) as tf.Tensor4D;
          return losses[id].fn(p, y, { tHard: 0.9, eps: 'reference', a: 0.5 });
        });
        out.push((await v.data())[0]);
        v.dispose();
      }
      return out;
    });
    lossIds.forEach((id, i) => expectSameTensor(new Float32Array([wasm[i]]), new Float32Array([cpu[i]]), id));
  });

  it('the stage check, the batched gather and both CBL weight paths agree with CPU', async () => {
    const run = async () => {
      const t = tf.tidy(() => {
        const p = tf.randomUniform([3, 24, 24, 1], 0, 1, 'float32', 8) as tf.Tensor4D;
        const y = tf.cast(
          tf.greater(tf.randomUniform([3, 24, 24, 1], 0, 1, 'float32', 9), 0.9),
          'float32',
        ) as tf.Tensor4D;
        const rows = tf.reshape(p, [3, -1]);
        const picked = tf.gather(rows, tf.tensor1d([5, 0, 575], 'int32'), 1, 1);
        const mix = { intra: 0.5, inter: 0.5, tHard: 0.9, eps: 'reference' as const };
        setWeightPath('composed');
        const composed = cblWeights(p, y, mix);
        setWeightPath('auto');
        return [
          picked,
          stageFlags(p, y, { rule: 'code' }),
          stageFlags(p, y, { rule: 'algorithm1' }),
          composed,
          cblWeights(p, y, mix),
        ];
      });
      const out = await Promise.all(t.map(async (x) => new Float32Array(await x.data())));
      tf.dispose(t);
      return out;
    };
    const { cpu, wasm } = await onBoth(run);
    [
      'gather batchDims 1',
      'stage flags (code)',
      'stage flags (Algorithm 1)',
      'composed weights',
      'fused weights',
    ].forEach((what, i) => expectSameTensor(wasm[i], cpu[i], what));
  });

  for (const optimizer of ['adam', 'sgd'] as const) {
    it(`${optimizer}: five Trainer steps (stage check, stage 2 Balance loss) give the same losses and weights`, async () => {
      const { cpu, wasm } = await onBoth(async () => {
        const trainer = new Trainer({ ...params, optimizer }, 0, `eq_${optimizer}`);
        const lossesSeen: number[] = [];
        for (let i = 0; i < 5; i++) {
          if (i === 2) trainer.setParams({ switchMode: 'now' });
          const o = await trainer.step();
          if (o.kind !== 'ok') throw new Error(o.message);
          lossesSeen.push(o.record.loss);
        }
        await trainer.takeCheckpoint();
        const weights = trainer.lastCheckpoint?.weights ?? [];
        const snap = await trainer.snapshot('cpu', 0);
        trainer.dispose();
        return { lossesSeen, weights, dice: snap.valMetrics.dice };
      });
      expectSameTensor(new Float32Array(wasm.lossesSeen), new Float32Array(cpu.lossesSeen), 'losses');
      cpu.weights.forEach((w, i) => expectSameTensor(wasm.weights[i], w, `weights ${i}`));
    });
  }
});
