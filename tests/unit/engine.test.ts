import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Trainer, needsReset, type StepOutcome } from '../../src/engine/trainer';
import { DEFAULT_PARAMS, type Params } from '../../src/params/schema';
import { useWasm } from './helpers';

beforeAll(useWasm);

/** A small model on 32 px scans at about 1:50 foreground:background. */
const SMALL: Params = {
  ...DEFAULT_PARAMS,
  size: '32',
  levels: 2,
  width: 4,
  trainSize: 48,
  valSize: 16,
  batchSize: 8,
  imbalance: 50,
  lr: 1e-2,
};

async function train(trainer: Trainer, steps: number): Promise<StepOutcome[]> {
  const out: StepOutcome[] = [];
  for (let i = 0; i < steps; i++) out.push(await trainer.step());
  return out;
}

describe('Trainer (Node, WASM backend)', () => {
  it('two-stage Balance loss: Dice rises from near 0 to ≥ 0.6 and the switch fires under rule code', async () => {
    const trainer = new Trainer(SMALL);
    const before = await trainer.snapshot('wasm', 0);
    expect(before.valMetrics.dice).toBeLessThan(0.2);
    const outcomes = await train(trainer, 300);
    expect(outcomes.every((o) => o.kind === 'ok')).toBe(true);
    const after = await trainer.snapshot('wasm', 0);
    expect(trainer.stageState.stage).toBe(2);
    expect(trainer.stageState.switchedAt).toBeGreaterThan(0);
    // Stage 1 steps ran the check, stage 2 steps did not.
    const records = outcomes.map((o) => (o.kind === 'ok' ? o.record : null));
    expect(records[0]?.check).not.toBeNull();
    expect(records[299]?.check).toBeNull();
    expect(after.valMetrics.dice).toBeGreaterThanOrEqual(0.6);
    console.log(
      `balance: dice ${before.valMetrics.dice.toFixed(3)} → ${after.valMetrics.dice.toFixed(3)}, switch after step ${trainer.stageState.switchedAt}`,
    );
    trainer.dispose();
  });

  for (const loss of ['intra', 'bce'] as const) {
    it(`${loss} trains too`, async () => {
      const trainer = new Trainer({ ...SMALL, loss });
      const before = (await trainer.snapshot('wasm', 0)).valMetrics.dice;
      await train(trainer, 200);
      const after = (await trainer.snapshot('wasm', 0)).valMetrics.dice;
      console.log(`${loss}: dice ${before.toFixed(3)} → ${after.toFixed(3)}`);
      expect(after).toBeGreaterThan(before + 0.3);
      expect(trainer.stageState.stage).toBe(1); // the schedule applies to the Balance loss only
      trainer.dispose();
    });
  }

  it('same seed → same run; the tensor count is flat over 2000 steps; dispose frees everything', async () => {
    const start = tf.memory().numTensors;
    const params: Params = { ...SMALL, batchSize: 1, trainSize: 8, valSize: 4 };
    const a = new Trainer(params);
    const b = new Trainer(params, 1, 'twin');
    const [la, lb] = [await a.step(), await b.step()];
    expect(la.kind === 'ok' && lb.kind === 'ok' && la.record.loss === lb.record.loss).toBe(true);
    b.dispose();
    await train(a, 99);
    await a.snapshot('wasm', 0);
    const at100 = tf.memory().numTensors;
    await train(a, 1900);
    await a.snapshot('wasm', 0);
    expect(a.stepCount).toBe(2000);
    expect(tf.memory().numTensors).toBe(at100);
    a.dispose();
    expect(tf.memory().numTensors).toBe(start);
    // 2000 steps take ~40 s on a quiet core; a shared machine can take four times that.
  }, 400_000);

  it('a NaN loss restores the last good weights and explains why', async () => {
    const trainer = new Trainer({ ...SMALL, batchSize: 2 });
    await train(trainer, 3);
    expect(trainer.lastCheckpoint?.step).toBe(0);
    const good = trainer.lastCheckpoint?.weights.map((w) => w.slice()) ?? [];
    // A learning rate far beyond the slider's range makes the update diverge for real.
    trainer.setParams({ lr: 1e6 });
    let outcome: StepOutcome | null = null;
    for (let i = 0; i < 20 && outcome?.kind !== 'nan'; i++) outcome = await trainer.step();
    expect(outcome?.kind).toBe('nan');
    if (outcome?.kind === 'nan') {
      expect(outcome.message).toMatch(/learning rate 1000000 is probably too high/);
      expect(outcome.restoredStep).toBe(0);
    }
    expect(trainer.stepCount).toBe(0);
    const restored = trainer.lastCheckpoint?.weights;
    expect(restored?.map((w) => Array.from(w))).toEqual(good.map((w) => Array.from(w)));
    trainer.setParams({ lr: 1e-3 });
    const next = await trainer.step();
    expect(next.kind === 'ok' && Number.isFinite(next.record.loss)).toBe(true);
    trainer.dispose();
  });

  it('a checkpoint carries the optimiser state and batch position: a trainer resumed from it continues exactly (the lost-device path)', async () => {
    const a = new Trainer({ ...SMALL, batchSize: 3 });
    await train(a, 27);
    const cp = a.lastCheckpoint;
    expect(cp?.step).toBe(25);
    expect(cp?.training?.drawn).toBe(75);
    // Adam after 25 steps: its step count, then m and v for each variable.
    expect(cp?.training?.optimizerWeights[0].data[0]).toBe(25);
    const b = new Trainer({ ...SMALL, batchSize: 3 }, 1);
    await b.resumeFrom(cp as NonNullable<typeof cp>);
    expect(b.stepCount).toBe(25);
    const lossesOf = (outs: StepOutcome[]) => outs.map((o) => (o.kind === 'ok' ? o.record.loss : NaN));
    // a is at step 27; rewinding it to the same checkpoint must also give the same next steps.
    await a.resumeFrom(cp as NonNullable<typeof cp>);
    const fromA = lossesOf(await train(a, 3));
    const fromB = lossesOf(await train(b, 3));
    expect(fromB).toEqual(fromA);
    expect(fromA.every(Number.isFinite)).toBe(true);
    a.dispose();
    b.dispose();
  });

  it('live parameters apply without a reset; data and model parameters need one', async () => {
    expect(needsReset(SMALL, { lr: 0.5, eps: 0.2, loss: 'dice', t: 0.3 })).toBe(false);
    expect(needsReset(SMALL, { imbalance: 100 })).toBe(true);
    expect(needsReset(SMALL, { seed: SMALL.seed })).toBe(false);
    const trainer = new Trainer({ ...SMALL, batchSize: 2 });
    trainer.setParams({ switchMode: 'now' });
    expect(trainer.stageState.stage).toBe(2);
    trainer.setParams({ switchMode: 'never' });
    expect(trainer.stageState.stage).toBe(1);
    trainer.setParams({ loss: 'tversky', optimizer: 'sgd' });
    const o = await trainer.step();
    expect(o.kind).toBe('ok');
    expect(() => trainer.setParams({ size: '64' })).toThrow(/new run/);
    trainer.dispose();
  });

  for (const optimizer of ['adam', 'sgd'] as const) {
    it(`a live learning-rate change applies at the next step (${optimizer}); disposing frees every tensor`, async () => {
      const start = tf.memory().numTensors;
      const trainer = new Trainer({ ...SMALL, batchSize: 2, optimizer });
      const weights = async () => {
        await trainer.takeCheckpoint();
        return (trainer.lastCheckpoint?.weights ?? []).map((w) => Array.from(w));
      };
      await train(trainer, 2);
      // lr 0: the momentum/moments are non-zero, yet the weights must not move.
      trainer.setParams({ lr: 0 });
      const before = await weights();
      await train(trainer, 1);
      expect(await weights()).toEqual(before);
      trainer.setParams({ lr: 1e-2 });
      await train(trainer, 1);
      expect(await weights()).not.toEqual(before);
      trainer.dispose();
      expect(tf.memory().numTensors).toBe(start);
    });
  }

  it('stage 2 from the start trains the Balance loss from step 1', async () => {
    const trainer = new Trainer({ ...SMALL, batchSize: 2, switchMode: 'fromStart' });
    expect(trainer.stageState.stage).toBe(2);
    const o = await trainer.step();
    expect(o.kind === 'ok' && o.record.stage === 2 && o.record.check === null).toBe(true);
    trainer.dispose();
  });
});
