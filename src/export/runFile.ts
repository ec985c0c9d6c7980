/**
 * The whole run as one JSON file: parameters, data, curves, the last snapshot and the weights.
 * Typed arrays are little-endian base64 with their element type named, and NaN/±Infinity/−0 are
 * spelled as strings, so reading a file back gives the same bits.
 */
import type { PredictionHistogram, StageCheckResult } from '../core';
import type {
  DatasetInfo,
  DecompositionW,
  NamedWeights,
  Snapshot,
  StepRecord,
  TrainingState,
} from '../engine/protocol';
import type { StageState } from '../engine/stage';
import type { HistoryEntry } from '../state/historyTypes';
import type { GradientHistogram } from '../core/gradientHistogram';
import { lossIds } from '../core/lossInfo';
import type { GradientTrace } from '../engine/gradientTrace';
import { clampParam, DEFAULT_PARAMS, paramKeys, type Params } from '../params/schema';
import { encodeArray } from './binary';
import {
  bool,
  FileProblem,
  floats,
  int,
  list,
  num,
  numbers,
  numOrNull,
  obj,
  oneOf,
  specialNumberText,
  str,
  type Obj,
} from './validate';

export const RUN_FORMAT = 'balance-lab-run';
export const RUN_VERSION = 1;

export interface RunFile {
  format: typeof RUN_FORMAT;
  version: typeof RUN_VERSION;
  savedAt: string;
  params: Params;
  /** Steps the weights have taken, and the two-stage schedule's state there. */
  step: number;
  stage: StageState;
  dataset: DatasetInfo;
  history: HistoryEntry[];
  steps: StepRecord[];
  snapshot: Snapshot | null;
  weights: NamedWeights[];
  /** Optimiser state and batch position for an exact continuation; null in files saved before it existed. */
  training: TrainingState | null;
  /** The validation image shown in the Fig. 2 panels (null: the training batch). */
  selectedImage: number | null;
}

export function serializeRun(run: RunFile): string {
  return JSON.stringify(
    run,
    (_key, value: unknown) => {
      if (value instanceof Float32Array || value instanceof Float64Array) return encodeArray(value);
      if (typeof value === 'number') return specialNumberText(value) ?? value;
      return value;
    },
    1,
  );
}

export type ParsedRun = { ok: true; run: RunFile } | { ok: false; error: string };

/** JSON.parse with a sentence for the user instead of an exception. */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { ok: false, error: `The file is not valid JSON, so it may be truncated or not a run file (${why}).` };
  }
}

/** Reads a run file, checking every field and every array length; never throws. */
export function parseRun(text: string): ParsedRun {
  const json = parseJsonText(text);
  return json.ok ? runFromValue(json.value) : json;
}

/** A parsed JSON value as a run, or the first problem found in it. */
export function runFromValue(raw: unknown): ParsedRun {
  try {
    return { ok: true, run: readRun(raw) };
  } catch (err) {
    if (err instanceof FileProblem) return { ok: false, error: `This run file cannot be opened: ${err.message}` };
    throw err;
  }
}

function readRun(raw: unknown): RunFile {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new FileProblem('it holds no JSON object, so it is not a Balance-lab run.');
  const o = raw as Obj;
  if (o.format !== RUN_FORMAT)
    throw new FileProblem(
      `its format is ${JSON.stringify(o.format) ?? 'missing'}, not “${RUN_FORMAT}” (a saved run) or “balance-lab-log” (a logged run), so it is not a Balance-lab file.`,
    );
  if (o.version !== RUN_VERSION)
    throw new FileProblem(
      `it is version ${JSON.stringify(o.version) ?? '(missing)'}, but this app reads version ${RUN_VERSION} only.`,
    );
  const params = readParams(o.params);
  const dataset = readDataset(o.dataset, params);
  const px = dataset.size * dataset.size;
  const step = int(o.step, 'step');
  const snapshot = o.snapshot === null ? null : readSnapshot(o.snapshot, 'snapshot', dataset.nVal * px, px);
  if (snapshot && snapshot.step > step)
    throw new FileProblem(`snapshot.step ${snapshot.step} is past the weights' step ${step}.`);
  const selectedImage = o.selectedImage === null ? null : int(o.selectedImage, 'selectedImage');
  return {
    format: RUN_FORMAT,
    version: RUN_VERSION,
    savedAt: str(o.savedAt, 'savedAt'),
    params,
    step,
    stage: readStage(o.stage, 'stage'),
    dataset,
    history: list(o.history, 'history').map((e, i) => readHistoryEntry(e, `history[${i}]`)),
    steps: readSteps(o.steps, 'steps'),
    snapshot,
    weights: list(o.weights, 'weights').map((w, i) => readWeights(w, `weights[${i}]`)),
    training: o.training === undefined || o.training === null ? null : readTraining(o.training, params),
    selectedImage,
  };
}

function readParams(v: unknown): Params {
  const o = obj(v, 'params');
  const out = {} as Record<string, unknown>;
  for (const key of paramKeys) {
    // A parameter added to the app after the file was saved keeps its default.
    if (!(key in o)) {
      out[key] = DEFAULT_PARAMS[key];
      continue;
    }
    const { value, problem } = clampParam(key, o[key]);
    if (problem) throw new FileProblem(`params.${key}: ${problem}.`);
    out[key] = value;
  }
  return out as Params;
}

function readDataset(v: unknown, params: Params): DatasetInfo {
  const o = obj(v, 'dataset');
  const size = int(o.size, 'dataset.size', 1);
  if (size !== Number(params.size))
    throw new FileProblem(`dataset.size is ${size}, but params.size is ${params.size}.`);
  const nVal = int(o.nVal, 'dataset.nVal', 1);
  const n = nVal * size * size;
  return {
    runId: int(o.runId, 'dataset.runId'),
    size,
    nVal,
    valImages: floats(o.valImages, 'dataset.valImages', 'float32', n),
    valMasks: floats(o.valMasks, 'dataset.valMasks', 'float32', n),
    trainFgFraction: num(o.trainFgFraction, 'dataset.trainFgFraction'),
    // 'synthetic', or a description of imported data (a file without it trained on the synthetic scans).
    source: o.source === undefined ? 'synthetic' : str(o.source, 'dataset.source'),
    paramCount: int(o.paramCount, 'dataset.paramCount'),
    batchSize: int(o.batchSize, 'dataset.batchSize', 1),
  };
}

function readStage(v: unknown, path: string): StageState {
  const o = obj(v, path);
  return {
    stage: oneOf(o.stage, `${path}.stage`, [1, 2] as const),
    switchedAt: o.switchedAt === null ? null : int(o.switchedAt, `${path}.switchedAt`),
    reason: str(o.reason, `${path}.reason`),
  };
}

function readCheck(v: unknown, path: string): StageCheckResult | null {
  if (v === null) return null;
  const o = obj(v, path);
  return {
    numF: int(o.numF, `${path}.numF`),
    numB: int(o.numB, `${path}.numB`),
    n: int(o.n, `${path}.n`),
    converged: bool(o.converged, `${path}.converged`),
  };
}

function readSteps(v: unknown, path: string): StepRecord[] {
  return list(v, path).map((s, i) => {
    const o = obj(s, `${path}[${i}]`);
    const p = `${path}[${i}]`;
    return {
      step: int(o.step, `${p}.step`),
      loss: num(o.loss, `${p}.loss`),
      stage: oneOf(o.stage, `${p}.stage`, [1, 2] as const),
      check: readCheck(o.check, `${p}.check`),
    };
  });
}

export function readHistogram(v: unknown, path: string): PredictionHistogram {
  const o = obj(v, path);
  const bins = int(o.bins, `${path}.bins`, 1);
  return {
    bins,
    bgCount: floats(o.bgCount, `${path}.bgCount`, 'float64', bins),
    bgSum: floats(o.bgSum, `${path}.bgSum`, 'float64', bins),
    fgCount: floats(o.fgCount, `${path}.fgCount`, 'float64', bins),
    fgErrSum: floats(o.fgErrSum, `${path}.fgErrSum`, 'float64', bins),
    bgZero: num(o.bgZero, `${path}.bgZero`),
    fgErrOne: num(o.fgErrOne, `${path}.fgErrOne`),
  };
}

function readHistoryEntry(v: unknown, path: string): HistoryEntry {
  const o = obj(v, path);
  return {
    step: int(o.step, `${path}.step`),
    stage: oneOf(o.stage, `${path}.stage`, [1, 2] as const),
    loss: num(o.loss, `${path}.loss`),
    intra: numOrNull(o.intra, `${path}.intra`),
    inter: numOrNull(o.inter, `${path}.inter`),
    dice: num(o.dice, `${path}.dice`),
    iou: num(o.iou, `${path}.iou`),
    fpHard: num(o.fpHard, `${path}.fpHard`),
    fnHard: num(o.fnHard, `${path}.fnHard`),
    hist: readHistogram(o.hist, `${path}.hist`),
    eps: num(o.eps, `${path}.eps`),
    ...(o.grad === undefined ? {} : { grad: readGradientTrace(o.grad, `${path}.grad`) }),
  };
}

function readGradientHistogram(v: unknown, path: string): GradientHistogram {
  const o = obj(v, path);
  const bins = int(o.bins, `${path}.bins`, 1);
  return {
    bins,
    bgSum: floats(o.bgSum, `${path}.bgSum`, 'float64', bins),
    bgZero: num(o.bgZero, `${path}.bgZero`),
    total: num(o.total, `${path}.total`),
  };
}

/** Gradient histograms of the trained loss and BCE (files saved before they existed have none). */
export function readGradientTrace(v: unknown, path: string): GradientTrace {
  const o = obj(v, path);
  return {
    trained: oneOf(o.trained, `${path}.trained`, lossIds),
    trainedHist: readGradientHistogram(o.trainedHist, `${path}.trainedHist`),
    bceHist: readGradientHistogram(o.bceHist, `${path}.bceHist`),
  };
}

const DECOMPOSITION_NUMBERS = [
  'f',
  'b',
  'fpHard',
  'fnHard',
  'fpSoft',
  'fnSoft',
  'fpMain',
  'fpBias',
  'fnMain',
  'fnBias',
  'eBgAbove',
  'eBgBelow',
  'eFgAbove',
  'eFgBelow',
  'fpMainW',
  'fpBiasW',
] as const;

/** t is the snapshot's threshold: run files saved before eq12 existed get it derived (kthBg ≥ t). */
function readDecomposition(v: unknown, path: string, t: number): DecompositionW {
  const o = obj(v, path);
  const kthBg = numOrNull(o.kthBg, `${path}.kthBg`);
  const eq12 = o.eq12 === undefined ? kthBg !== null && kthBg >= t : bool(o.eq12, `${path}.eq12`);
  return {
    ...numbers(o, path, DECOMPOSITION_NUMBERS),
    kthBg,
    mainAltered: bool(o.mainAltered, `${path}.mainAltered`),
    eq12,
  };
}

function readSnapshot(v: unknown, path: string, valLength: number, px: number): Snapshot {
  const o = obj(v, path);
  const t = num(o.t, `${path}.t`);
  const batchN = int(o.batchN, `${path}.batchN`);
  const components =
    o.components === null ? null : numbers(o.components, `${path}.components`, ['intra', 'inter'] as const);
  return {
    runId: int(o.runId, `${path}.runId`),
    step: int(o.step, `${path}.step`),
    stage: readStage(o.stage, `${path}.stage`),
    backend: oneOf(o.backend, `${path}.backend`, ['webgpu', 'webgl', 'wasm', 'cpu'] as const),
    stepsPerSecond: num(o.stepsPerSecond, `${path}.stepsPerSecond`),
    steps: readSteps(o.steps, `${path}.steps`),
    loss: num(o.loss, `${path}.loss`),
    components,
    valP: floats(o.valP, `${path}.valP`, 'float32', valLength),
    batchP: floats(o.batchP, `${path}.batchP`, 'float32', batchN * px),
    batchY: floats(o.batchY, `${path}.batchY`, 'float32', batchN * px),
    batchN,
    t,
    valMetrics: numbers(o.valMetrics, `${path}.valMetrics`, [
      'tp',
      'fp',
      'fn',
      'dice',
      'iou',
      'precision',
      'recall',
    ] as const),
    valDecomposition: readDecomposition(o.valDecomposition, `${path}.valDecomposition`, t),
    batchDecomposition: readDecomposition(o.batchDecomposition, `${path}.batchDecomposition`, t),
    valHistogram: readHistogram(o.valHistogram, `${path}.valHistogram`),
    // Files saved before the worker traced its snapshots have none (their history entries may).
    grad: o.grad === undefined || o.grad === null ? null : readGradientTrace(o.grad, `${path}.grad`),
    tensors: int(o.tensors, `${path}.tensors`),
  };
}

function readTraining(v: unknown, params: Params): TrainingState {
  const o = obj(v, 'training');
  const optimizer = oneOf(o.optimizer, 'training.optimizer', ['adam', 'sgd'] as const);
  if (optimizer !== params.optimizer)
    throw new FileProblem(`training.optimizer is ${optimizer}, but params.optimizer is ${params.optimizer}.`);
  return {
    optimizer,
    optimizerWeights: list(o.optimizerWeights, 'training.optimizerWeights').map((w, i) =>
      readWeights(w, `training.optimizerWeights[${i}]`),
    ),
    betaPowers:
      o.betaPowers === undefined || o.betaPowers === null ? null : readPair(o.betaPowers, 'training.betaPowers'),
    drawn: int(o.drawn, 'training.drawn'),
  };
}

function readPair(v: unknown, path: string): [number, number] {
  const xs = list(v, path);
  if (xs.length !== 2) throw new FileProblem(`${path} should hold 2 numbers, but it holds ${xs.length}.`);
  return [num(xs[0], `${path}[0]`), num(xs[1], `${path}[1]`)];
}

function readWeights(v: unknown, path: string): NamedWeights {
  const o = obj(v, path);
  const shape = list(o.shape, `${path}.shape`).map((d, k) => int(d, `${path}.shape[${k}]`));
  return {
    name: str(o.name, `${path}.name`),
    shape,
    data: floats(
      o.data,
      `${path}.data`,
      'float32',
      shape.reduce((a, b) => a * b, 1),
    ),
  };
}
