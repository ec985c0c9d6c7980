/**
 * The worker's run loop under a slow snapshot readback (as on a GPU): whatever the user does while
 * a run plays, steps keep coming whenever the state says running. Before the fix, a restart by
 * parameter or a backend move that landed while the finishing loop read its last snapshot left
 * the run "playing" with no steps (issue 18).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { weightsOf } from '../../src/export/modelFiles';
import type { FromWorker, ModelExport } from '../../src/engine/protocol';
import { Runner } from '../../src/engine/runner';
import { Trainer } from '../../src/engine/trainer';
import type { Params } from '../../src/params/schema';
import { tinyParams, useWasm } from './helpers';

const READBACK_DELAY_MS = 50;
/** How long a playing run may go without a step before it counts as stalled. */
const STALL_MS = 10_000;

const TINY = tinyParams({ seed: 5, backend: 'wasm' });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  await useWasm();
  const readBack = Trainer.prototype.snapshot;
  vi.spyOn(Trainer.prototype, 'snapshot').mockImplementation(async function (
    this: Trainer,
    ...args: Parameters<Trainer['snapshot']>
  ) {
    await sleep(READBACK_DELAY_MS);
    return readBack.apply(this, args);
  });
});
afterAll(() => vi.restoreAllMocks());

/** A Runner whose messages are kept: the last state it posted and the steps it reported. */
function playingRunner() {
  const messages: FromWorker[] = [];
  const runner = new Runner((msg) => messages.push(msg));
  const lastState = () => messages.findLast((m) => m.type === 'state');
  const progressCount = () => messages.filter((m) => m.type === 'progress').length;
  let barrier = 1000;
  /** Waits until the commands sent so far have been handled: a request answered by its own id. */
  const settle = async () => {
    const requestId = ++barrier;
    runner.handle({ type: 'exportModel', requestId });
    const started = Date.now();
    while (!messages.some((m) => m.type === 'model' && m.requestId === requestId)) {
      if (Date.now() - started > 60_000) throw new Error('the runner did not answer');
      await sleep(5);
    }
  };
  /** True when the state says running and a step arrives within STALL_MS; false on a stall. */
  const stepsKeepComing = async (): Promise<boolean> => {
    const before = progressCount();
    const started = Date.now();
    while (progressCount() === before) {
      if (Date.now() - started > STALL_MS) return false;
      await sleep(10);
    }
    return true;
  };
  return { messages, runner, lastState, settle, stepsKeepComing };
}

async function startPlaying(params: Params = TINY) {
  const h = playingRunner();
  h.runner.handle({ type: 'init', params, backends: ['wasm', 'cpu'] });
  h.runner.handle({ type: 'run' });
  expect(await h.stepsKeepComing()).toBe(true);
  return h;
}

/** After `act`, the run says it plays and steps come; returns whether it stalled. */
async function stalledAfter(h: ReturnType<typeof playingRunner>, act: () => void): Promise<boolean> {
  act();
  await h.settle();
  expect(h.lastState()).toMatchObject({ running: true });
  return !(await h.stepsKeepComing());
}

describe('Runner loop with a slow readback (issue 18)', () => {
  it('a restart by parameter while playing never stalls the run (5 of 5)', async () => {
    const h = await startPlaying();
    let stalls = 0;
    for (const imbalance of [20, 60, 20, 60, 20]) {
      if (await stalledAfter(h, () => h.runner.handle({ type: 'setParams', params: { imbalance } }))) stalls++;
    }
    expect(stalls).toBe(0);
    h.runner.handle({ type: 'pause' });
  });

  it('a backend move while playing never stalls the run (wasm → cpu → wasm, twice)', async () => {
    const h = await startPlaying();
    let stalls = 0;
    for (const backend of ['cpu', 'wasm', 'cpu', 'wasm'] as const) {
      if (await stalledAfter(h, () => h.runner.handle({ type: 'setParams', params: { backend } }))) stalls++;
      expect(h.messages.findLast((m) => m.type === 'backend')).toMatchObject({ report: { backend } });
    }
    expect(stalls).toBe(0);
    h.runner.handle({ type: 'pause' });
  });

  it('a backend move that lands while another is under way never tells the UI the run paused', async () => {
    const h = await startPlaying();
    const from = h.messages.length;
    h.runner.handle({ type: 'setParams', params: { backend: 'cpu' } });
    // The second move arrives once the first has its backend: the loop that the first one stopped
    // has queued its last snapshot by then, and finishes between the two moves.
    const started = Date.now();
    while (!h.messages.slice(from).some((m) => m.type === 'backend' && m.report.backend === 'cpu')) {
      if (Date.now() - started > 60_000) throw new Error('the first move did not happen');
      await sleep(5);
    }
    h.runner.handle({ type: 'setParams', params: { backend: 'wasm' } });
    await h.settle();
    const states = h.messages.slice(from).filter((m) => m.type === 'state');
    expect(states.map((m) => m.running)).not.toContain(false);
    expect(await h.stepsKeepComing()).toBe(true);
    h.runner.handle({ type: 'pause' });
  });

  it('pause stops the steps; play right after pause resumes them', async () => {
    const h = await startPlaying();
    h.runner.handle({ type: 'pause' });
    await h.settle();
    expect(h.lastState()).toMatchObject({ running: false });
    await sleep(200);
    const count = h.messages.filter((m) => m.type === 'progress').length;
    await sleep(500);
    expect(h.messages.filter((m) => m.type === 'progress').length).toBe(count);
    // Pause and play in one breath: the play lands while the old loop reads its last snapshot.
    for (let i = 0; i < 3; i++) {
      const stalled = await stalledAfter(h, () => {
        h.runner.handle({ type: 'pause' });
        h.runner.handle({ type: 'run' });
      });
      expect(stalled).toBe(false);
    }
    h.runner.handle({ type: 'pause' });
  });

  it('a single step while playing keeps the run playing', async () => {
    const h = await startPlaying();
    expect(await stalledAfter(h, () => h.runner.handle({ type: 'step' }))).toBe(false);
    h.runner.handle({ type: 'pause' });
  });

  it('reset and restore stop the run; play afterwards steps again', async () => {
    const h = await startPlaying();
    h.runner.handle({ type: 'reset' });
    await h.settle();
    expect(h.lastState()).toMatchObject({ running: false, step: 0 });
    expect(await stalledAfter(h, () => h.runner.handle({ type: 'run' }))).toBe(false);

    h.runner.handle({ type: 'exportModel', requestId: 1 });
    await h.settle();
    const reply = h.messages.findLast((m) => m.type === 'model');
    if (!reply?.reply.ok) throw new Error('no model to restore');
    const model: ModelExport = reply.reply.value;
    h.runner.handle({
      type: 'restore',
      requestId: 2,
      params: TINY,
      source: 'synthetic',
      weights: weightsOf(model),
      step: model.step,
      stage: model.stage,
      training: model.training,
    });
    // Play at once after the restore: it lands while the loop that the restore stopped finishes.
    expect(await stalledAfter(h, () => h.runner.handle({ type: 'run' }))).toBe(false);
    expect(h.messages.findLast((m) => m.type === 'restored')).toMatchObject({ reply: { ok: true } });
    h.runner.handle({ type: 'pause' });
  });
});
