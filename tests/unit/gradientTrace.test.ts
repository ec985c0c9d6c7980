/**
 * The gradient trace is computed where the snapshot is built, in the worker (issue 19), not on the
 * page. It must be what the page computed before, bit for bit: pixelGradients + gradientHistogram
 * on the snapshot's validation predictions for BCE and for the loss trained at the snapshot's
 * stage, with that loss's t_h, effective ε and a. These tests hold that on random predictions, on
 * real snapshots of tiny runs (also after a live parameter change), through the transfer to the
 * page, and in the store, which now appends the snapshot's trace as it came.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { lossIds, pixelGradients } from '../../src/core';
import { gradientHistogram } from '../../src/core/gradientHistogram';
import { gradientTrace, type GradientTrace, type TraceParams } from '../../src/engine/gradientTrace';
import type { FromWorker, Snapshot } from '../../src/engine/protocol';
import { Runner } from '../../src/engine/runner';
import type { Stage } from '../../src/engine/stage';
import { snapshotBuffers, Trainer } from '../../src/engine/trainer';
import { effectiveEps, type Params } from '../../src/params/schema';
import { createLabStore } from '../../src/state/store';
import { batch, tinyParams, useWasm } from './helpers';

/** What the page ran on every snapshot before (state/gradientTrace.ts), spelled out from core. */
function pageTrace(
  valP: Float32Array,
  y: Float32Array,
  nVal: number,
  params: TraceParams,
  stage: Stage,
): GradientTrace {
  const trained = params.loss === 'balance' && stage === 1 ? 'intra' : params.loss;
  const opts = { tHard: params.tHard, eps: effectiveEps(params), a: params.a };
  const histOf = (id: typeof trained) => gradientHistogram(pixelGradients(id, valP, y, nVal, opts), valP, y);
  return { trained, trainedHist: histOf(trained), bceHist: histOf('bce') };
}

const traceParams = fc.record({
  loss: fc.constantFrom(...lossIds),
  tHard: fc.double({ min: 0.5, max: 0.999, noNaN: true }),
  eps: fc.double({ min: 1e-4, max: 1, noNaN: true }),
  epsMode: fc.constantFrom('reference' as const, 'value' as const),
  a: fc.double({ min: 0, max: 1, noNaN: true }),
});

describe('gradient trace (worker side)', () => {
  it('equals pixelGradients + gradientHistogram on random predictions, for every loss, option and stage', () => {
    fc.assert(
      // A random validation set: n images, float32 predictions (as the worker reads them back).
      fc.property(batch, traceParams, fc.constantFrom<Stage>(1, 2), ({ n: nVal, p, y }, params, stage) => {
        const valP = new Float32Array(p);
        const valY = new Float32Array(y);
        expect(gradientTrace(valP, valY, nVal, params, stage)).toStrictEqual(
          pageTrace(valP, valY, nVal, params, stage),
        );
      }),
      { seed: 19, numRuns: 200 },
    );
  });

  it('is absent without validation images', () => {
    const params = tinyParams();
    expect(gradientTrace(new Float32Array(0), new Float32Array(0), 0, params, 1)).toBeNull();
  });
});

describe('gradient trace in the engine', () => {
  beforeAll(useWasm);

  /** The run's own parameters at each snapshot: a live change between steps applies from the next one. */
  const runs: { seed: number; start: Partial<Params>; live: Partial<Params>; trained: string }[] = [
    { seed: 1, start: { loss: 'balance' }, live: { tHard: 0.8, a: 0.3 }, trained: 'intra' },
    {
      seed: 2,
      start: { loss: 'inter', epsMode: 'value', eps: 0.05 },
      live: { epsMode: 'reference' },
      trained: 'inter',
    },
    { seed: 3, start: { loss: 'balance' }, live: { switchMode: 'now', a: 0.9, eps: 0.2 }, trained: 'balance' },
    { seed: 4, start: { loss: 'wce' }, live: { loss: 'bce' }, trained: 'bce' },
  ];

  it.each(runs)(
    'Trainer.snapshot carries the trace of the run’s parameters and stage (seed $seed)',
    async (r) => {
      const trainer = new Trainer(tinyParams({ seed: r.seed, ...r.start }), r.seed);
      const info = trainer.datasetInfo();
      const check = (snap: Snapshot) =>
        expect(snap.grad).toStrictEqual(
          pageTrace(snap.valP, info.valMasks, info.nVal, trainer.params, snap.stage.stage),
        );
      try {
        await trainer.step();
        check(await trainer.snapshot('wasm', 0));
        trainer.setParams(r.live);
        check(await trainer.snapshot('wasm', 0));
        await trainer.step();
        const snap = await trainer.snapshot('wasm', 0);
        check(snap);
        expect(snap.grad?.trained).toBe(r.trained);
      } finally {
        trainer.dispose();
      }
    },
    60_000,
  );

  it('reaches the page bit for bit through a transfer, each buffer listed once (BCE shares its histogram)', async () => {
    for (const loss of ['bce', 'balance'] as const) {
      const trainer = new Trainer(tinyParams({ seed: 5, loss }), 5);
      await trainer.step();
      const snapshot = await trainer.snapshot('wasm', 0);
      trainer.dispose();
      const grad = snapshot.grad as GradientTrace;
      const expected = structuredClone(grad);
      const buffers = snapshotBuffers(snapshot);
      expect(buffers).toHaveLength(loss === 'bce' ? 4 : 5);
      expect(buffers).toEqual(expect.arrayContaining([grad.trainedHist.bgSum.buffer, grad.bceHist.bgSum.buffer]));
      const received = structuredClone(snapshot, { transfer: buffers });
      expect(received.grad).toStrictEqual(expected);
      expect(received.grad?.trainedHist === received.grad?.bceHist).toBe(loss === 'bce');
      // Transferred, not copied: the worker's copy is detached.
      expect(grad.bceHist.bgSum.length).toBe(0);
    }
  }, 60_000);

  it('the Runner transfers the trace’s buffers with the snapshot, and the store appends the trace as it came', async () => {
    const posted: { msg: FromWorker; transfer: Transferable[] }[] = [];
    const runner = new Runner((msg, transfer = []) => posted.push({ msg, transfer }));
    const params = tinyParams({ seed: 6, loss: 'balance', backend: 'wasm' });
    runner.handle({ type: 'init', params, backends: ['wasm'] });
    runner.handle({ type: 'step', count: 2 });
    const started = Date.now();
    const snapshots = () => posted.filter((p) => p.msg.type === 'snapshot');
    while (snapshots().length < 2) {
      if (Date.now() - started > 60_000) throw new Error('no snapshot after two steps');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const { msg, transfer } = snapshots()[1];
    const snapshot = (msg as Extract<FromWorker, { type: 'snapshot' }>).snapshot;
    const grad = snapshot.grad as GradientTrace;
    expect(snapshot.step).toBe(2);
    expect(transfer).toEqual(snapshotBuffers(snapshot));

    const store = createLabStore();
    const dataset = posted.find((p) => p.msg.type === 'dataset')?.msg as Extract<FromWorker, { type: 'dataset' }>;
    store.getState().setParams(params);
    store.getState().receiveDataset(dataset.info);
    // A slider moved on the page since: the trace stays the one of the parameters the run trained with.
    store.getState().setParam('tHard', 0.6);
    store.getState().receiveSnapshot(snapshot, 0.01);
    expect(store.getState().history.at(-1)?.grad).toBe(grad);
    const { valMasks, nVal } = dataset.info;
    expect(grad).toStrictEqual(pageTrace(snapshot.valP, valMasks, nVal, params, snapshot.stage.stage));
  }, 90_000);
});
