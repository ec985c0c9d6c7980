/**
 * Engine measurements shared by Node (CPU) and the browser bench worker (WebGPU, WebGL):
 * step time of the Balance loss vs BCE, snapshot overhead, tensor growth. Steps of the compared
 * runs are interleaved so that machine noise hits both alike.
 */
import * as tf from '@tensorflow/tfjs';
import { SnapshotBudget } from '../src/engine/snapshotBudget';
import { Trainer } from '../src/engine/trainer';
import { DEFAULT_PARAMS, type Params } from '../src/params/schema';

export interface EngineFigures {
  backend: string;
  balanceMs: number;
  bceMs: number;
  balanceOverBce: number;
  stepsPerSecond: number;
  snapshotOverhead: number;
  tensorsAtA: number;
  tensorsAtB: number;
  tensorSteps: [number, number];
}

export interface EngineBenchOptions {
  rounds: number;
  tensorSteps: [number, number];
  params?: Partial<Params>;
}

/** Small enough for SwiftShader and the CPU backend, large enough to be a real U-Net step. */
export const BENCH_PARAMS: Partial<Params> = {
  size: '32',
  levels: 2,
  width: 8,
  batchSize: 4,
  trainSize: 16,
  valSize: 4,
};

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timeStep(trainer: Trainer): Promise<number> {
  const start = performance.now();
  const outcome = await trainer.step();
  if (outcome.kind !== 'ok') throw new Error(`bench step failed: ${outcome.message}`);
  return performance.now() - start;
}

export async function measureEngine(opts: EngineBenchOptions): Promise<EngineFigures> {
  const base: Params = { ...DEFAULT_PARAMS, ...BENCH_PARAMS, ...opts.params };
  // Stage 2 from the start: the Balance loss proper (Intra + Inter with its top-f selection).
  const balance = new Trainer({ ...base, loss: 'balance', switchMode: 'fromStart' }, 1, 'bench_balance');
  const bce = new Trainer({ ...base, loss: 'bce' }, 2, 'bench_bce');
  for (let i = 0; i < 3; i++) {
    await timeStep(balance);
    await timeStep(bce);
  }
  const tb: number[] = [];
  const tc: number[] = [];
  for (let i = 0; i < opts.rounds; i++) {
    tb.push(await timeStep(balance));
    tc.push(await timeStep(bce));
  }
  bce.dispose();

  // Snapshot overhead under the runner's policy (SnapshotBudget): time spent in snapshots over
  // time spent in steps, accounted exactly over one continuous stretch of training.
  await balance.snapshot('cpu', 0); // warm-up: the first prediction compiles its shaders
  const budget = new SnapshotBudget();
  let stepTime = 0;
  let snapTime = 0;
  for (let i = 0; i < opts.rounds * 3; i++) {
    stepTime += await timeStep(balance);
    if (budget.due(performance.now())) {
      const snapStart = performance.now();
      await balance.snapshot('cpu', 0);
      budget.record(snapStart, performance.now());
      snapTime += performance.now() - snapStart;
    }
  }
  balance.dispose();

  // Tensor growth over a long run, at batch 1 so that it stays affordable.
  const long = new Trainer({ ...base, loss: 'balance', batchSize: 1 }, 3, 'bench_long');
  const [a, b] = opts.tensorSteps;
  let tensorsAtA = 0;
  for (let i = 1; i <= b; i++) {
    await long.step();
    if (i === a) tensorsAtA = tf.memory().numTensors;
  }
  const tensorsAtB = tf.memory().numTensors;
  long.dispose();

  const balanceMs = median(tb);
  const bceMs = median(tc);
  return {
    backend: tf.getBackend(),
    balanceMs,
    bceMs,
    balanceOverBce: balanceMs / bceMs,
    stepsPerSecond: 1000 / balanceMs,
    snapshotOverhead: snapTime / stepTime,
    tensorsAtA,
    tensorsAtB,
    tensorSteps: [a, b],
  };
}
