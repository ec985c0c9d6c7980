/**
 * Where one WASM training step spends its time, kernel by kernel (issue 20, point 15): the default
 * step of bench/stepMeasure.ts under `tf.profile`, after warm-up, summed by kernel name over
 * `rounds` steps and divided by them. tf.profile times each kernel on the host (the WASM backend
 * runs synchronously), so the rows add up to about the step; the rest is JS between kernels.
 * Part of `npm run bench:nogpu`.
 */
import * as tf from '@tensorflow/tfjs';
import { Trainer } from '../src/engine/trainer';
import { DEFAULT_STEP_PARAMS } from './stepMeasure';

export interface KernelRow {
  kernel: string;
  msPerStep: number;
  callsPerStep: number;
  share: number;
}

/** Per-kernel milliseconds per step on the current backend, largest first, and the profiled step's wall time. */
export async function kernelTable(warmup = 3, rounds = 5): Promise<{ rows: KernelRow[]; stepMs: number }> {
  const trainer = new Trainer(DEFAULT_STEP_PARAMS, 1, 'bench_kernels');
  try {
    for (let i = 0; i < warmup; i++) await trainer.step();
    const total = new Map<string, { ms: number; calls: number }>();
    let wall = 0;
    for (let r = 0; r < rounds; r++) {
      const t0 = performance.now();
      const info = await tf.profile(async () => {
        const outcome = await trainer.step();
        if (outcome.kind !== 'ok') throw new Error(`profiled step failed: ${outcome.message}`);
      });
      wall += performance.now() - t0;
      for (const k of info.kernels) {
        const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
        const row = total.get(k.name) ?? { ms: 0, calls: 0 };
        row.ms += ms;
        row.calls += 1;
        total.set(k.name, row);
      }
    }
    const sum = [...total.values()].reduce((s, v) => s + v.ms, 0);
    const rows = [...total.entries()]
      .map(([kernel, v]) => ({ kernel, msPerStep: v.ms / rounds, callsPerStep: v.calls / rounds, share: v.ms / sum }))
      .sort((a, b) => b.msPerStep - a.msPerStep);
    return { rows, stepMs: wall / rounds };
  } finally {
    trainer.dispose();
  }
}
