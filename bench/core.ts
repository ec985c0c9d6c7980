import * as tf from '@tensorflow/tfjs';
import { decompose } from '../src/core';
import { balanceLoss, bce } from '../src/losses';
import { interleaved, round } from './timing';

/** Forward + backward of a loss with respect to p, read back so the work really happens. */
function lossStep(fn: (p: tf.Tensor4D, y: tf.Tensor4D) => tf.Scalar, p: tf.Tensor4D, y: tf.Tensor4D) {
  return async () => {
    const { value, grads } = tf.variableGrads(() => fn(p.add(offset) as tf.Tensor4D, y), [offset]);
    await grads[offset.name].data();
    tf.dispose([value, grads[offset.name]]);
  };
}
let offset: tf.Variable;

export async function benchCore(): Promise<Record<string, number>> {
  await tf.setBackend('cpu');
  const shape: [number, number, number, number] = [8, 64, 64, 1];
  const p = tf.randomUniform(shape, 0, 1, 'float32', 1) as tf.Tensor4D;
  const y = tf.cast(tf.greater(tf.randomUniform(shape, 0, 1, 'float32', 2), 0.98), 'float32') as tf.Tensor4D;
  offset = tf.variable(tf.zeros(shape), true, 'bench_offset');
  const loss = await interleaved(
    { balance: lossStep((a, b) => balanceLoss(a, b), p, y), bce: lossStep(bce, p, y) },
    30,
  );
  tf.dispose([p, y, offset]);

  const n = 16 * 256 * 256;
  const pv = new Float32Array(n);
  const yv = new Uint8Array(n);
  let s = 12345;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    pv[i] = (s / 2 ** 32) ** 3;
    yv[i] = i % 60 === 0 ? 1 : 0;
  }
  const dec = await interleaved({ decompose: () => decompose(pv, yv, { t: 0.5, eps: 0.01 }) }, 10, 2);

  const figures = {
    lossBalanceMs: round(loss.balance.medianMs),
    lossBceMs: round(loss.bce.medianMs),
    lossBalanceOverBce: round(loss.balance.medianMs / loss.bce.medianMs),
    decompose16x256x256Ms: round(dec.decompose.medianMs),
  };
  console.log('\n## src/core (CPU backend, forward + backward on [8, 64, 64, 1])');
  console.table({
    'Balance loss': { 'median ms': figures.lossBalanceMs, 'p95 ms': round(loss.balance.p95Ms) },
    BCE: { 'median ms': figures.lossBceMs, 'p95 ms': round(loss.bce.p95Ms) },
    'decompose 16×256×256 (ε given)': {
      'median ms': figures.decompose16x256x256Ms,
      'p95 ms': round(dec.decompose.p95Ms),
    },
  });
  console.log(`Balance / BCE ratio: ${figures.lossBalanceOverBce} (target ≤ 1.3)`);
  return figures;
}
