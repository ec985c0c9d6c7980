import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { weightsOf } from '../../src/export/modelFiles';
import type { FromWorker, ModelExport } from '../../src/engine/protocol';
import { Runner } from '../../src/engine/runner';
import { Trainer } from '../../src/engine/trainer';
import type { Params } from '../../src/params/schema';
import { tinyParams, useWasm } from './helpers';

beforeAll(useWasm);

const TINY = tinyParams({ seed: 11 });

/** A Runner with its messages collected, and a way to wait for one. */
function harness() {
  const messages: FromWorker[] = [];
  const runner = new Runner((msg) => messages.push(msg));
  const next = async <T extends FromWorker['type']>(
    type: T,
    from = 0,
    timeout = 60_000,
  ): Promise<Extract<FromWorker, { type: T }>> => {
    const started = Date.now();
    for (;;) {
      const hit = messages.slice(from).find((m) => m.type === type);
      if (hit) return hit as Extract<FromWorker, { type: T }>;
      if (Date.now() - started > timeout) throw new Error(`no ${type} message`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  return { messages, runner, next };
}

describe('export and restore in the engine', () => {
  it('Trainer.restore puts weights, step and stage back: the same predictions', async () => {
    const a = new Trainer({ ...TINY, switchMode: 'now' });
    for (let i = 0; i < 3; i++) await a.step();
    const model = await a.exportModel();
    const snapA = await a.snapshot('wasm', 0);
    const b = new Trainer(TINY, 2);
    b.setParams({ switchMode: 'now' });
    await b.restore({ weights: weightsOf(model), step: model.step, stage: model.stage });
    expect(b.stepCount).toBe(3);
    expect(b.stageState).toEqual(a.stageState);
    const snapB = await b.snapshot('wasm', 0);
    expect(Array.from(snapB.valP)).toEqual(Array.from(snapA.valP));
    expect(snapB.step).toBe(3);
    const next = await b.step();
    expect(next.kind === 'ok' && next.record.step === 4).toBe(true);

    const wrong = new Trainer({ ...TINY, width: 5 }, 3);
    await expect(wrong.restore({ weights: weightsOf(model), step: 3, stage: model.stage })).rejects.toThrow(
      /have shape \[3, 3, 1, 4\], but this U-Net expects \[3, 3, 1, 5\]/,
    );
    for (const t of [a, b, wrong]) t.dispose();
  });

  for (const optimizer of ['adam', 'sgd'] as const) {
    it(`a restored run continues exactly as the saved one would have (${optimizer}: optimiser state and batch order)`, async () => {
      const params: Params = { ...TINY, optimizer, batchSize: 3, trainSize: 8 };
      const losses = async (t: Trainer, n: number) => {
        const out: number[] = [];
        for (let i = 0; i < n; i++) {
          const r = await t.step();
          if (r.kind !== 'ok') throw new Error('step failed');
          out.push(r.record.loss);
        }
        return out;
      };
      const tensorsBefore = tf.memory().numTensors;
      const a = new Trainer(params, 1);
      await losses(a, 5); // 15 indices drawn: the next epoch of 8 is part-way through
      const saved = await a.exportModel();
      const exact = new Trainer(params, 2);
      await exact.restore({
        weights: weightsOf(saved),
        step: saved.step,
        stage: saved.stage,
        training: saved.training,
      });
      const fresh = new Trainer(params, 3);
      await fresh.restore({ weights: weightsOf(saved), step: saved.step, stage: saved.stage });
      const expected = await losses(a, 4);
      expect(await losses(exact, 4)).toEqual(expected);
      // Without the state the run diverges: the test would notice a restore that dropped it.
      expect(await losses(fresh, 4)).not.toEqual(expected);
      expect((await exact.trainingState()).drawn).toBe(27);
      for (const t of [a, exact, fresh]) t.dispose();
      // Restoring created no tensor that outlives the trainers.
      expect(tf.memory().numTensors).toBe(tensorsBefore);
    });
  }

  it('refuses optimiser state that does not fit, with one sentence', async () => {
    const a = new Trainer(TINY, 1);
    await a.step();
    const saved = await a.exportModel();
    const restore = async (training: typeof saved.training, params: Params = TINY) => {
      const t = new Trainer(params, 2);
      try {
        await t.restore({ weights: weightsOf(saved), step: saved.step, stage: saved.stage, training });
      } finally {
        t.dispose();
      }
    };
    await expect(restore(saved.training, { ...TINY, optimizer: 'sgd' })).rejects.toThrow(
      'The optimiser state is for adam, but the run uses sgd.',
    );
    await expect(
      restore({ ...saved.training, optimizerWeights: saved.training.optimizerWeights.slice(1) }),
    ).rejects.toThrow('does not start with its step count');
    await expect(
      restore({ ...saved.training, optimizerWeights: saved.training.optimizerWeights.slice(0, 3) }),
    ).rejects.toThrow(/has 2 tensors; this U-Net needs \d+/);
    a.dispose();
  });

  it('Runner: exportModel answers with the artifacts; restore starts a new run id that holds its view until it steps', async () => {
    const A = harness();
    A.runner.handle({ type: 'init', params: TINY, backends: ['wasm'] });
    A.runner.handle({ type: 'step', count: 2 });
    A.runner.handle({ type: 'exportModel', requestId: 41 });
    const reply = await A.next('model');
    expect(reply.requestId).toBe(41);
    if (!reply.reply.ok) throw new Error(reply.reply.error);
    const model: ModelExport = reply.reply.value;
    expect(model.step).toBe(2);
    // The snapshot of step 2 was posted before the model.
    const lastSnapshot = A.messages
      .slice(0, A.messages.indexOf(reply))
      .filter((m) => m.type === 'snapshot')
      .pop();
    expect(lastSnapshot?.type === 'snapshot' && lastSnapshot.snapshot.step).toBe(2);

    const B = harness();
    B.runner.handle({ type: 'init', params: { ...TINY, seed: 99 }, backends: ['wasm'] });
    await B.next('dataset');
    const before = B.messages.length;
    B.runner.handle({
      type: 'restore',
      requestId: 7,
      params: TINY,
      source: 'synthetic',
      weights: weightsOf(model),
      step: model.step,
      stage: model.stage,
      training: model.training,
    });
    const restored = await B.next('restored', before);
    expect(restored.reply).toEqual({ ok: true, value: { runId: 2, step: 2 } });
    // No dataset or snapshot for the restored run until it takes a step: the UI shows the saved one.
    B.runner.handle({ type: 'snapshot' });
    B.runner.handle({ type: 'step' });
    const snap = await B.next('snapshot', B.messages.indexOf(restored));
    expect(snap.snapshot.runId).toBe(2);
    expect(snap.snapshot.step).toBe(3);
    expect(B.messages.slice(before).some((m) => m.type === 'dataset')).toBe(false);

    // A file for another network: refused, and the run stays as it was.
    const mark = B.messages.length;
    B.runner.handle({
      type: 'restore',
      requestId: 8,
      params: { ...TINY, levels: 3 },
      source: 'synthetic',
      weights: weightsOf(model),
      step: 2,
      stage: model.stage,
      training: null,
    });
    const refused = await B.next('restored', mark);
    expect(refused.reply.ok).toBe(false);
    if (!refused.reply.ok) expect(refused.reply.error).toMatch(/weight tensors, but this U-Net has/);
    B.runner.handle({ type: 'step' });
    const after = await B.next('snapshot', mark);
    expect(after.snapshot.runId).toBe(2);
    expect(after.snapshot.step).toBe(4);
    A.runner.handle({ type: 'reset' });
    B.runner.handle({ type: 'reset' });
  });
});
