/**
 * One training step of the default run as the issue measures it: 64 px, 3 levels, width 8
 * (120,681 parameters), batch 8, Adam, the Balance loss in stage 2. Shared by Node and the
 * browser bench worker; times from the call to the loss on the host (what the runner waits for).
 */
import * as tf from '@tensorflow/tfjs';
import { Trainer } from '../src/engine/trainer';
import { DEFAULT_PARAMS, type Params } from '../src/params/schema';

export const DEFAULT_STEP_PARAMS: Params = {
  ...DEFAULT_PARAMS,
  loss: 'balance',
  switchMode: 'fromStart',
  optimizer: 'adam',
  batchSize: 8,
};

export interface StepFigures {
  backend: string;
  medianMs: number;
  minMs: number;
  samples: number[];
  paramCount: number;
}

export async function measureDefaultStep(warmup: number, rounds: number, maxMs = Infinity): Promise<StepFigures> {
  const trainer = new Trainer(DEFAULT_STEP_PARAMS, 1, 'bench_step');
  try {
    for (let i = 0; i < warmup; i++) await trainer.step();
    const samples: number[] = [];
    const started = performance.now();
    while (samples.length < rounds && (samples.length < 2 || performance.now() - started < maxMs)) {
      const t0 = performance.now();
      const outcome = await trainer.step();
      if (outcome.kind !== 'ok') throw new Error(`bench step failed: ${outcome.message}`);
      samples.push(performance.now() - t0);
    }
    const sorted = [...samples].sort((a, b) => a - b);
    return {
      backend: tf.getBackend(),
      medianMs: sorted[Math.floor(sorted.length / 2)],
      minMs: sorted[0],
      samples,
      paramCount: trainer.datasetInfo().paramCount,
    };
  } finally {
    trainer.dispose();
  }
}
