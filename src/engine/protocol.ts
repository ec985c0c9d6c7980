/**
 * Typed messages between the UI and the training worker. Large arrays travel as transferable
 * buffers; everything else is plain structured-clone data.
 */
import type { Decomposition, PredictionHistogram, SegmentationMetrics, StageCheckResult, WeightedFp } from '../core';
import type { Params } from '../params/schema';
import type { StageState } from './stage';
import type { GradientTrace } from './gradientTrace';
import type { ModelArtifacts, WeightSpec } from '../model/artifacts';

export type { ModelArtifacts, WeightSpec };
import type { UserPairs } from '../data/trainingData';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** One backend's probe: median ms per step of the run's U-Net, or null with the reason. */
export interface ProbeResult {
  backend: BackendName;
  msPerStep: number | null;
  note: string;
}

/** The startup probe (src/engine/probe.ts): results fastest first. */
export interface ProbeReport {
  results: ProbeResult[];
  totalMs: number;
  /** True when the verdict came from this browser's cache instead of a new probe. */
  cached: boolean;
}

/** The `backend` parameter: 'auto' probes, any other value is the user's choice. */
export type BackendChoice = 'auto' | BackendName;

export interface BackendReport {
  backend: BackendName;
  /** Backends tried before this one, each with the reason it was not used. */
  fallbacks: { backend: BackendName; reason: string }[];
  /** How it was chosen: by the probe, by the user (select-backend), or by the fallback order alone. */
  choice?: 'probe' | 'user' | 'order';
  probe?: ProbeReport;
}

/** What a run trains on, sent once per run: validation inputs and labels never change. */
export interface DatasetInfo {
  runId: number;
  size: number;
  nVal: number;
  valImages: Float32Array;
  valMasks: Float32Array;
  trainFgFraction: number;
  /** 'synthetic' or a description of the user's imported data. */
  source: string;
  paramCount: number;
  batchSize: number;
}

/** One training step, as the stage panel and loss curves need it. */
export interface StepRecord {
  step: number;
  loss: number;
  stage: 1 | 2;
  /** Algorithm 1's counts on this step's batch; null when the test did not run. */
  check: StageCheckResult | null;
}

export type DecompositionW = Decomposition & WeightedFp;

export interface Snapshot {
  runId: number;
  step: number;
  stage: StageState;
  backend: BackendName;
  stepsPerSecond: number;
  /** Steps since the previous snapshot (each with loss and stage-check counts). */
  steps: StepRecord[];
  /** Loss of the last step and, for the CBL family, its Intra/Inter parts on that batch. */
  loss: number;
  components: { intra: number; inter: number } | null;
  /** Raw predictions so that t and ε re-render on the main thread without the model. */
  valP: Float32Array;
  batchP: Float32Array;
  batchY: Float32Array;
  batchN: number;
  /** At the worker's current t and ε: */
  t: number;
  valMetrics: SegmentationMetrics;
  valDecomposition: DecompositionW;
  batchDecomposition: DecompositionW;
  /** Validation histogram for the history curves (recomputed exactly at any t on a bin edge). */
  valHistogram: PredictionHistogram;
  /**
   * Where the trained loss and BCE push on `valP`, with the loss, options and stage the run trains
   * with (null without validation images); the store appends it to the history as it is.
   */
  grad: GradientTrace | null;
  tensors: number;
}

export type Notice = { level: 'info' | 'warn' | 'error'; text: string };

/** One trainable variable's values under its layer-qualified name (as in model.json). */
export interface NamedWeights {
  name: string;
  shape: number[];
  data: Float32Array;
}

/**
 * What a run needs beyond its weights to continue exactly as it would have: the optimiser's
 * state (its step count and Adam's two moments, or momentum's velocity, in tfjs's getWeights
 * order) and how many batch indices the seeded batch order has handed out.
 */
export interface TrainingState {
  optimizer: 'adam' | 'sgd';
  optimizerWeights: NamedWeights[];
  /**
   * Adam's running β1^k and β2^k as the optimiser holds them (float32 products of every step).
   * tfjs's setWeights recomputes them with pow(), which differs in the last bits, so they are kept.
   */
  betaPowers: [number, number] | null;
  drawn: number;
}

/** The model's artifacts plus where training stands, as the worker answers 'exportModel'. */
export interface ModelExport extends ModelArtifacts {
  step: number;
  stage: StageState;
  training: TrainingState;
}

/** Replies to a request carry its id and either the result or one sentence on why it failed. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

/** The failed reply for a thrown error: its message is the sentence the UI shows. */
export function failedReply(err: unknown): { ok: false; error: string } {
  return { ok: false, error: err instanceof Error ? err.message : String(err) };
}

export type ToWorker =
  /**
   * `backends` restricts the candidates (tests use it to make WebGPU unavailable); `probeCache`
   * is this browser's last probe verdict, reused instead of probing again.
   */
  | { type: 'init'; params: Params; backends?: BackendName[]; probeCache?: ProbeReport | null }
  | { type: 'setParams'; params: Partial<Params> }
  | { type: 'run' }
  | { type: 'pause' }
  | { type: 'step'; count?: number }
  | { type: 'reset' }
  | { type: 'snapshot' }
  /** The trained model as tfjs layers-model artifacts (answered by 'model'). */
  | { type: 'exportModel'; requestId: number }
  /**
   * A new run from saved weights, step and stage (answered by 'restored'). Synthetic data is
   * regenerated from the seeded params; imported data (`source` other than 'synthetic') must be the
   * worker's current data. With `training` the run continues exactly (optimiser state and batch
   * order restored); without it (older files) the optimiser's moments start afresh.
   */
  | {
      type: 'restore';
      requestId: number;
      params: Params;
      source: string;
      weights: NamedWeights[];
      step: number;
      stage: StageState;
      training: TrainingState | null;
    }
  /** Train on the user's own data from now on (null: back to the synthetic scans); starts a new run. */
  | { type: 'setData'; data: UserPairs | null }
  /** Testing hook: destroys the WebGPU device to exercise recovery. */
  | { type: 'debugLoseDevice' };

export type FromWorker =
  | { type: 'backend'; report: BackendReport }
  | { type: 'dataset'; info: DatasetInfo }
  | { type: 'snapshot'; snapshot: Snapshot }
  | { type: 'state'; running: boolean; step: number }
  /**
   * After every step: cheap, so the step counter, the loss chart (one point per step) and the
   * badge's ms/step move even between snapshots.
   */
  | { type: 'progress'; runId: number; step: number; record?: StepRecord; stepMs?: number }
  | { type: 'notice'; notice: Notice }
  | { type: 'fatal'; text: string }
  | { type: 'model'; requestId: number; reply: Reply<ModelExport> }
  /** The restored run's id: every later message of this worker belongs to it. */
  | { type: 'restored'; requestId: number; reply: Reply<{ runId: number; step: number }> };
