import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { trySetBackend } from '../../src/engine/backend';
import {
  orderFromChoice,
  orderFromProbe,
  probeBackends,
  probeOrder,
  unetWorkload,
  type ProbeWorkload,
} from '../../src/engine/probe';
import type { BackendName, FromWorker } from '../../src/engine/protocol';
import { Runner } from '../../src/engine/runner';
import { MAX_INTERVAL_MS, SnapshotBudget } from '../../src/engine/snapshotBudget';
import { DEFAULT_PARAMS, type Params } from '../../src/params/schema';

const SMALL: Params = { ...DEFAULT_PARAMS, size: '32', levels: 2, width: 8, batchSize: 2, trainSize: 8, valSize: 4 };
const notEmulated = async () => null;

/** A workload whose steps take `ms` on each (pretend) backend: the probe's logic without real backends. */
function fakeWorkload(active: () => BackendName, ms: Partial<Record<BackendName, number>>): () => ProbeWorkload {
  return () => ({
    step: () => new Promise<void>((resolve) => setTimeout(resolve, ms[active()] ?? 1)),
    dispose: () => undefined,
  });
}

describe('backend probe', () => {
  it('times WASM and the CPU backend for real on the U-Net and picks WASM, the faster', async () => {
    const report = await probeBackends(['wasm', 'cpu'], {
      workload: () => unetWorkload(SMALL),
      cpuWithWasm: true,
      emulated: notEmulated,
      budgetMs: 20_000,
    });
    const [first, second] = report.results;
    expect(first.backend).toBe('wasm');
    expect(second.backend).toBe('cpu');
    expect(first.msPerStep).toBeGreaterThan(0);
    expect(second.msPerStep).toBeGreaterThan(first.msPerStep as number);
    expect(orderFromProbe(report, ['wasm', 'cpu'])).toEqual(['wasm', 'cpu']);
    console.log(
      `probe: wasm ${first.msPerStep?.toFixed(1)} ms/step, cpu ${second.msPerStep?.toFixed(1)} ms/step, ${report.totalMs.toFixed(0)} ms in all`,
    );
  });

  it('chooses WASM over a slower GPU, and the GPU remains a fallback', async () => {
    let active: BackendName = 'cpu';
    const start = async (name: BackendName) => {
      active = name;
      return null;
    };
    const report = await probeBackends(['webgpu', 'webgl', 'wasm', 'cpu'], {
      start,
      emulated: notEmulated,
      workload: fakeWorkload(() => active, { webgpu: 150, webgl: 100, wasm: 5 }),
    });
    // (Timer-based: on a loaded machine the two GPUs' order could swap, WASM's lead cannot.)
    expect(report.results[0].backend).toBe('wasm');
    expect(report.results.map((r) => r.backend).sort()).toEqual(['cpu', 'wasm', 'webgl', 'webgpu']);
    expect(report.results.find((r) => r.backend === 'cpu')?.note).toMatch(/not probed/);
    const order = orderFromProbe(report, ['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(order[0]).toBe('wasm');
    expect(order.at(-1)).toBe('cpu');
  });

  it('a real GPU that is faster wins', async () => {
    let active: BackendName = 'cpu';
    const start = async (name: BackendName) => {
      active = name;
      return null;
    };
    const report = await probeBackends(['webgpu', 'wasm'], {
      start,
      emulated: notEmulated,
      workload: fakeWorkload(() => active, { webgpu: 3, wasm: 30 }),
    });
    expect(report.results[0].backend).toBe('webgpu');
  });

  it('stays within its budget: a backend whose first step is too slow loses, with the reason', async () => {
    let active: BackendName = 'cpu';
    const start = async (name: BackendName) => {
      active = name;
      return null;
    };
    const t0 = performance.now();
    const report = await probeBackends(['webgl', 'wasm'], {
      start,
      emulated: notEmulated,
      budgetMs: 300,
      workload: fakeWorkload(() => active, { webgl: 5_000, wasm: 10 }),
    });
    expect(performance.now() - t0).toBeLessThan(1_000);
    expect(report.results[0]).toMatchObject({ backend: 'wasm' });
    expect(report.results[1]).toMatchObject({ backend: 'webgl', msPerStep: null });
    expect(report.results[1].note).toMatch(/first step took over 300 ms/);
  });

  it('on a busy machine the warm-up step stands in when no timed step fits the budget', async () => {
    const report = await probeBackends(['wasm'], {
      start: async () => null,
      emulated: notEmulated,
      budgetMs: 250,
      workload: fakeWorkload(() => 'wasm', { wasm: 200 }),
    });
    expect(report.results[0].backend).toBe('wasm');
    expect(report.results[0].msPerStep).toBeGreaterThanOrEqual(190);
    expect(report.results[0].note).toMatch(/first step only/);
  });

  it('does not time a software-emulated GPU, and keeps every reason', async () => {
    const report = await probeBackends(['webgpu', 'wasm'], {
      start: async (name) => (name === 'wasm' ? null : 'unexpected start'),
      emulated: async (name) => (name === 'webgpu' ? 'google swiftshader' : null),
      workload: () => ({ step: async () => undefined, dispose: () => undefined }),
    });
    expect(report.results.map((r) => r.backend)).toEqual(['wasm', 'webgpu']);
    expect(report.results[1].note).toMatch(/emulated in software \(google swiftshader\)/);
  });

  it('a backend that fails to start is recorded with its reason; WASM is probed first, CPU only without WASM', async () => {
    expect(probeOrder(['cpu', 'webgl', 'wasm', 'webgpu'])).toEqual(['wasm', 'webgpu', 'webgl']);
    expect(probeOrder(['cpu', 'webgl'])).toEqual(['webgl', 'cpu']);
    const report = await probeBackends(['webgpu', 'wasm'], {
      start: (name) => (name === 'webgpu' ? Promise.resolve('navigator.gpu is missing') : trySetBackend(name)),
      emulated: notEmulated,
      workload: () => unetWorkload(SMALL),
    });
    expect(report.results[0].backend).toBe('wasm');
    expect(report.results[1]).toEqual({ backend: 'webgpu', msPerStep: null, note: 'navigator.gpu is missing' });
    expect(tf.getBackend()).toBe('wasm');
  });

  it('an explicit choice goes first, the others stay as fallbacks in the default order', () => {
    expect(orderFromChoice('cpu', ['webgpu', 'webgl', 'wasm', 'cpu'])).toEqual(['cpu', 'webgpu', 'webgl', 'wasm']);
    expect(orderFromChoice('wasm', ['webgl', 'wasm'])).toEqual(['wasm', 'webgl']);
    // ?backends= restricts what the page may use; a choice outside it is not tried.
    expect(orderFromChoice('webgpu', ['cpu'])).toEqual(['cpu']);
  });
});

describe('snapshot budget: live at any speed', () => {
  it('fast steps keep the 8% policy and the 10 Hz cap', () => {
    const b = new SnapshotBudget();
    expect(b.intervalAfter(5)).toBe(100);
    expect(b.intervalAfter(40)).toBeCloseTo(40 / 0.08 - 40);
  });
  it('slow snapshots still come every 5 s, unless that would take more than 25% of the time', () => {
    const b = new SnapshotBudget();
    expect(b.intervalAfter(1_000)).toBe(MAX_INTERVAL_MS);
    expect(b.intervalAfter(2_000)).toBe(6_000);
  });
});

describe('Runner: live view', () => {
  it('posts a progress record for every step and the first snapshot right after step 1', async () => {
    const messages: FromWorker[] = [];
    const runner = new Runner((msg) => messages.push(msg));
    runner.handle({ type: 'init', params: { ...SMALL, backend: 'wasm' }, backends: ['wasm', 'cpu'] });
    runner.handle({ type: 'run' });
    const deadline = Date.now() + 60_000;
    while (!messages.some((m) => m.type === 'progress' && m.step >= 4) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    runner.handle({ type: 'pause' });
    const backend = messages.find((m) => m.type === 'backend');
    expect(backend?.type === 'backend' && backend.report).toMatchObject({ backend: 'wasm', choice: 'user' });
    const progress = messages.filter((m): m is Extract<FromWorker, { type: 'progress' }> => m.type === 'progress');
    expect(progress.slice(0, 4).map((p) => p.record?.step)).toEqual([1, 2, 3, 4]);
    expect(progress.every((p) => Number.isFinite(p.record?.loss) && (p.stepMs ?? 0) > 0)).toBe(true);
    // The snapshot after step 1 comes before step 2's progress.
    const firstStep = messages.findIndex((m) => m.type === 'snapshot' && m.snapshot.step === 1);
    const step2 = messages.findIndex((m) => m.type === 'progress' && m.step === 2);
    expect(firstStep).toBeGreaterThan(-1);
    expect(firstStep).toBeLessThan(step2);
  });
});
