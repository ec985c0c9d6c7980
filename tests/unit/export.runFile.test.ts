import { beforeAll, describe, expect, it } from 'vitest';
import { encodeArray } from '../../src/export/binary';
import { weightsOf } from '../../src/export/modelFiles';
import { parseRun, serializeRun, type RunFile } from '../../src/export/runFile';
import { Trainer } from '../../src/engine/trainer';
import type { Snapshot } from '../../src/engine/protocol';
import type { HistoryEntry } from '../../src/panels/types';
import { appendHistory, appendSteps } from '../../src/state/history';
import { tinyParams, useWasm } from './helpers';

const TINY = tinyParams({ seed: 3 });

/** Same structure and the same bits everywhere: typed arrays byte for byte, numbers by Object.is. */
function expectSameBits(a: unknown, b: unknown, path = 'run'): void {
  if (ArrayBuffer.isView(a)) {
    expect(ArrayBuffer.isView(b), path).toBe(true);
    const x = a as Float32Array | Float64Array;
    const y = b as Float32Array | Float64Array;
    expect(y.constructor.name, path).toBe(x.constructor.name);
    expect(Array.from(new Uint8Array(y.buffer, y.byteOffset, y.byteLength)), path).toEqual(
      Array.from(new Uint8Array(x.buffer, x.byteOffset, x.byteLength)),
    );
    return;
  }
  if (typeof a === 'number') {
    expect(Object.is(a, b), `${path}: ${String(a)} vs ${String(b)}`).toBe(true);
    return;
  }
  if (Array.isArray(a)) {
    expect(Array.isArray(b), path).toBe(true);
    expect((b as unknown[]).length, path).toBe(a.length);
    a.forEach((v, i) => expectSameBits(v, (b as unknown[])[i], `${path}[${i}]`));
    return;
  }
  if (a !== null && typeof a === 'object') {
    expect(b !== null && typeof b === 'object', path).toBe(true);
    expect(Object.keys(b as object).sort(), path).toEqual(Object.keys(a).sort());
    for (const k of Object.keys(a))
      expectSameBits((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    return;
  }
  expect(b, path).toBe(a);
}

let run: RunFile;
let text: string;

beforeAll(async () => {
  await useWasm();
  const trainer = new Trainer(TINY, 7);
  let history: HistoryEntry[] = [];
  let steps: Snapshot['steps'] = [];
  let snapshot: Snapshot | null = null;
  for (const n of [0, 2, 1]) {
    for (let i = 0; i < n; i++) await trainer.step();
    snapshot = await trainer.snapshot('wasm', 1.5);
    history = appendHistory(history, snapshot, 0.0123);
    steps = appendSteps(steps, snapshot.steps);
  }
  const model = await trainer.exportModel();
  run = {
    format: 'balance-lab-run',
    version: 1,
    savedAt: '2026-01-02T03:04:05.000Z',
    params: TINY,
    step: model.step,
    stage: model.stage,
    dataset: trainer.datasetInfo(),
    history,
    steps,
    snapshot,
    weights: weightsOf(model),
    training: model.training,
    selectedImage: null,
  };
  // Values JSON cannot spell: they must come back as they were.
  run.history[0] = { ...run.history[0], intra: -0, inter: Infinity };
  trainer.dispose();
  text = serializeRun(run);
});

/** The file with the value at `path` replaced by `value(old)` (deleted when that is undefined). */
function edited(path: (string | number)[], value: (old: unknown) => unknown): string {
  const root: unknown = JSON.parse(text);
  let o = root as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  const v = value(o[last]);
  if (v === undefined) delete o[last];
  else o[last] = v;
  return JSON.stringify(root);
}
const set = (path: (string | number)[], v: unknown) => () => edited(path, () => v);

describe('run file', () => {
  it('round-trips bit-exactly: parameters, data, histograms, steps, snapshot, weights, optimiser state', () => {
    expect(run.history.length).toBe(3);
    // Adam after 3 steps: the step count, then m and v for every variable; 3 batches of 2 drawn.
    expect(run.training?.optimizerWeights.length).toBe(1 + 2 * run.weights.length);
    expect(run.training?.optimizerWeights[0]).toMatchObject({ name: 'iter', shape: [] });
    expect(run.training?.optimizerWeights[0].data[0]).toBe(3);
    expect(run.training?.drawn).toBe(6);
    expect(Number.isNaN(run.history[0].loss)).toBe(true); // step 0 has no loss yet
    expect(run.snapshot?.step).toBe(3);
    // The worker's gradient trace is in every history entry and in the snapshot.
    expect(run.history.every((e) => e.grad !== undefined)).toBe(true);
    expect(run.snapshot?.grad).toBe(run.history[2].grad);
    expect(run.weights.length).toBeGreaterThan(10);
    const parsed = parseRun(text);
    if (!parsed.ok) throw new Error(parsed.error);
    expectSameBits(run, parsed.run);
    expect(parsed.run.history[1].hist.bgCount).toBeInstanceOf(Float64Array);
    expect(parsed.run.snapshot?.valP).toBeInstanceOf(Float32Array);
    // Written again, it is the same file (up to key order).
    expectSameBits(JSON.parse(serializeRun(parsed.run)), JSON.parse(text));
  });

  it('names the element type of every array and stores little-endian base64', () => {
    const o = JSON.parse(text);
    expect(o.format).toBe('balance-lab-run');
    expect(o.version).toBe(1);
    expect(o.dataset.valImages.dtype).toBe('float32');
    expect(o.history[0].hist.bgSum.dtype).toBe('float64');
    expect(o.history[0].loss).toBe('NaN');
    expect(o.history[0].intra).toBe('-0');
    const bytes = Buffer.from(o.weights[0].data.base64, 'base64');
    expect(bytes.readFloatLE(0)).toBe(run.weights[0].data[0]);
  });

  it('reads a file saved before optimiser state was stored: training is null', () => {
    const parsed = parseRun(edited(['training'], () => undefined));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.run.training).toBeNull();
  });

  it('reads a file saved before snapshots carried the gradient trace: the snapshot has none, the history keeps its own', () => {
    const parsed = parseRun(edited(['snapshot', 'grad'], () => undefined));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.run.snapshot?.grad).toBeNull();
    expectSameBits(run.history, parsed.run.history, 'history');
  });

  it('reads a file saved before Decomposition.eq12 existed: eq12 is derived as kthBg ≥ t', () => {
    const root = JSON.parse(text) as { snapshot: Record<string, Record<string, unknown>> };
    expect(typeof root.snapshot.valDecomposition.eq12).toBe('boolean');
    delete root.snapshot.valDecomposition.eq12;
    delete root.snapshot.batchDecomposition.eq12;
    const old = JSON.stringify(root);
    const parsed = parseRun(old);
    if (!parsed.ok) throw new Error(parsed.error);
    const snap = parsed.run.snapshot;
    if (!snap || !run.snapshot) throw new Error('no snapshot');
    for (const d of [snap.valDecomposition, snap.batchDecomposition])
      expect(d.eq12).toBe(d.kthBg !== null && d.kthBg >= snap.t);
    expect(snap.valDecomposition.eq12).toBe(run.snapshot.valDecomposition.eq12);
    expect(snap.batchDecomposition.eq12).toBe(run.snapshot.batchDecomposition.eq12);
  });

  const rejects: [string, () => string, RegExp][] = [
    [
      'an eq12 that is not a boolean',
      set(['snapshot', 'valDecomposition', 'eq12'], 1),
      /snapshot\.valDecomposition\.eq12/,
    ],
    ['a trace of an unknown loss', set(['snapshot', 'grad', 'trained'], 'hinge'), /snapshot\.grad\.trained/],
    [
      'a truncated file',
      () => text.slice(0, Math.floor(text.length / 2)),
      /^The file is not valid JSON, so it may be truncated/,
    ],
    ['garbage', () => 'hello, world', /^The file is not valid JSON/],
    ['a JSON list', () => '[1, 2, 3]', /holds no JSON object/],
    ['another format', set(['format'], 'tfjs-model'), /format is "tfjs-model", not “balance-lab-run”/],
    ['a newer version', set(['version'], 2), /it is version 2, but this app reads version 1 only/],
    ['a bad parameter', set(['params', 'size'], '48'), /params\.size: Image size: “48” is not one of 32, 64, 128/],
    ['images of the wrong size', set(['params', 'size'], '64'), /dataset\.size is 32, but params\.size is 64/],
    [
      'a short mask array',
      set(['dataset', 'valMasks'], encodeArray(new Float32Array(5))),
      /dataset\.valMasks has 5 values, but 4096 were expected/,
    ],
    [
      'predictions that do not fit the batch',
      set(['snapshot', 'batchN'], 3),
      /snapshot\.batchP has 2048 values, but 3072 were expected/,
    ],
    [
      'a histogram with too few bins',
      set(['history', 1, 'hist', 'bins'], 999),
      /history\[1\]\.hist\.bgCount has 1000 values, but 999 were expected/,
    ],
    [
      'a histogram stored as float32',
      set(['history', 2, 'hist', 'fgCount', 'dtype'], 'float32'),
      /history\[2\]\.hist\.fgCount\.dtype should be “float64”/,
    ],
    [
      'corrupt base64',
      () => edited(['snapshot', 'valP', 'base64'], (old) => `${String(old).slice(0, -8)}!!!!!!!!`),
      /snapshot\.valP is corrupt: its base64 text has an invalid character/,
    ],
    [
      'weights that do not match their shape',
      set(['weights', 1, 'shape'], [7]),
      /weights\[1\]\.data has \d+ values, but 7 were expected/,
    ],
    ['a missing field', set(['steps'], undefined), /steps should be a list, but it is missing/],
    [
      'a stage that does not exist',
      set(['stage', 'stage'], 3),
      /stage\.stage should be one of 1, 2, but it is number 3/,
    ],
    ['a snapshot past the weights', set(['step'], 1), /snapshot\.step 3 is past the weights' step 1/],
    [
      'optimiser state for another optimiser',
      set(['training', 'optimizer'], 'sgd'),
      /training\.optimizer is sgd, but params\.optimizer is adam/,
    ],
    [
      'an optimiser tensor that does not match its shape',
      set(['training', 'optimizerWeights', 2, 'shape'], [3]),
      /training\.optimizerWeights\[2\]\.data has \d+ values, but 3 were expected/,
    ],
  ];
  for (const [what, make, error] of rejects) {
    it(`rejects ${what} with a specific sentence`, () => {
      const parsed = parseRun(make());
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).toMatch(error);
    });
  }
});
