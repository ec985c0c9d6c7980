import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { expect } from 'vitest';
import { selectBackend } from '../../src/engine/backend';
import { DEFAULT_PARAMS, type Params } from '../../src/params/schema';

let ready: Promise<boolean> | undefined;
/** Unit tests run on the tfjs CPU backend (tfjs-node cannot be installed here). */
export function useCpu(): Promise<boolean> {
  ready ??= tf.setBackend('cpu');
  return ready;
}

/**
 * Training-heavy tests run on WASM (with this project's kernels, src/model/wasmKernels.ts): a
 * U-Net step is ~25× faster there than on the CPU backend. Each test file has its own tfjs.
 */
export async function useWasm(): Promise<void> {
  const report = await selectBackend(['wasm']);
  if (report.backend !== 'wasm') throw new Error('the WASM backend did not start');
}

/** |a − b| ≤ rel·max(|a|, |b|) + abs. */
export function expectClose(actual: number, expected: number, rel = 1e-4, abs = 1e-6): void {
  const tol = rel * Math.max(Math.abs(actual), Math.abs(expected)) + abs;
  if (!(Math.abs(actual - expected) <= tol)) {
    expect.fail(`expected ${actual} to be within ${tol} of ${expected}`);
  }
}

/** Probabilities as float32 values, with the edges and the usual threshold over-represented. */
export const probability = fc.oneof(
  { weight: 8, arbitrary: fc.float({ min: 0, max: 1, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1, 0.5, Math.fround(0.9), Math.fround(0.1)) },
);
export const label = fc.constantFrom(0, 1);

/** A batch: n images of `size` pixels each, flat p and y. */
export const batch = fc
  .record({ n: fc.integer({ min: 1, max: 3 }), size: fc.integer({ min: 1, max: 48 }) })
  .chain(({ n, size }) =>
    fc.record({
      n: fc.constant(n),
      p: fc.array(probability, { minLength: n * size, maxLength: n * size }),
      y: fc.array(label, { minLength: n * size, maxLength: n * size }),
    }),
  );

export function asMaps(values: number[], n: number): tf.Tensor4D {
  return tf.tensor4d(values, [n, values.length / n, 1, 1]);
}

/** Runs fn on [n, pixels, 1, 1] tensors, returning its scalar and disposing everything. */
export async function lossValue(
  fn: (p: tf.Tensor4D, y: tf.Tensor4D) => tf.Scalar,
  p: number[],
  y: number[],
  n: number,
): Promise<number> {
  const pt = asMaps(p, n);
  const yt = asMaps(y, n);
  const loss = fn(pt, yt);
  const [value] = await loss.data();
  tf.dispose([pt, yt, loss]);
  return value;
}

/** The smallest run the engine tests train: 32 px, a 2-level U-Net of width 4, batch 2. */
export function tinyParams(overrides: Partial<Params> = {}): Params {
  return { ...DEFAULT_PARAMS, size: '32', levels: 2, width: 4, trainSize: 8, valSize: 4, batchSize: 2, ...overrides };
}
