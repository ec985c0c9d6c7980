import * as tf from '@tensorflow/tfjs';
import { countStageFlags, decompose, histogram, metrics } from '../core';
import { balanceLoss, interCBL, intraCBL, losses, type LossFn } from '../losses';
import { deriveSeed, generateDataset, Rng } from '../data';
import type { TrainingData } from '../data/trainingData';
import { buildUNet, countParams, enableFastCpuConvGrad, registerWasmKernels, trainableVariables } from '../model';
import { paramKeys, schema, type Params } from '../params/schema';
import { lossOptionsOf, syntheticParamsOf, unetConfigOf } from './config';
import type {
  BackendName,
  DatasetInfo,
  ModelExport,
  NamedWeights,
  Snapshot,
  StepRecord,
  TrainingState,
} from './protocol';
import { StageMachine, type StageState } from './stage';
import { captureModel } from '../model/artifacts';
import { displayEps } from './displayEps';
import { gradientTrace } from './gradientTrace';
import { shuffledIndices } from './batchOrder';
import {
  disposeOptimizer,
  makeOptimizer,
  readOptimizerState,
  setLearningRate,
  writeOptimizerState,
} from './optimizerState';
import { checkOptimizerState, matchSavedWeights } from './restoreChecks';
import { stepReadback } from './stepReadback';

/** Bins of the per-snapshot histograms: t moves in steps of 0.001, so every t is a bin edge. */
export const HISTOGRAM_BINS = 1000;
/** Weights and optimiser state are copied to the host this often, for NaN recovery and backend fallback. */
export const CHECKPOINT_EVERY = 25;

export interface Checkpoint {
  step: number;
  weights: Float32Array[];
  /** The optimiser state and batch position at that step (null when it was not finite). */
  training: TrainingState | null;
}

export type StepOutcome =
  { kind: 'ok'; record: StepRecord } | { kind: 'nan'; step: number; restoredStep: number; message: string };

/**
 * The buffers a snapshot's message transfers instead of copying: the predictions and the gradient
 * trace's histograms, each once (BCE's trace is one histogram twice, and a transfer list may not
 * repeat a buffer). Trainer.snapshot allocates them all afresh, so the worker keeps none.
 */
export function snapshotBuffers(s: Snapshot): ArrayBuffer[] {
  const grad = s.grad ? [s.grad.trainedHist.bgSum, s.grad.bceHist.bgSum] : [];
  return [...new Set([s.valP, s.batchP, s.batchY, ...grad].map((a) => a.buffer as ArrayBuffer))];
}

/** Whether changing from `a` to `b` needs a fresh run (new data, model or batch shape). */
export function needsReset(a: Params, b: Partial<Params>): boolean {
  return paramKeys.some((k) => schema[k].resets && k in b && b[k] !== a[k]);
}

/**
 * The training loop without any UI or messaging: owns the data tensors, the U-Net, the
 * optimiser and the two-stage schedule. Runs the same in Node (CPU) and in the worker.
 */
export class Trainer {
  readonly dataset: TrainingData;
  readonly runId: number;
  params: Params;
  stepCount = 0;
  private readonly model: tf.LayersModel;
  private readonly vars: tf.Variable[];
  private optimizer: tf.Optimizer;
  private readonly stage: StageMachine;
  private readonly trainX: tf.Tensor4D;
  private readonly trainY: tf.Tensor4D;
  private readonly valX: tf.Tensor4D;
  private readonly valY: tf.Tensor4D;
  private batchRng: Rng;
  private order: number[] = [];
  /** Batch indices handed out so far: replaying this many draws restores the batch order. */
  private drawn = 0;
  private lastBatch: { p: tf.Tensor4D; y: tf.Tensor4D } | null = null;
  private lastLoss = NaN;
  private pendingSteps: StepRecord[] = [];
  private checkpoint: Checkpoint | null = null;
  private disposed = false;

  /** `data` replaces the synthetic scans (the user's own pairs, already at the training size). */
  constructor(params: Params, runId = 0, name = 'unet', data?: TrainingData) {
    this.params = { ...params };
    this.runId = runId;
    // The stock CPU weight-gradient kernel is ~40× slower than the forward conv; WASM has none
    // (src/model). selectBackend installs these too; a Trainer on a backend set directly needs them.
    if (tf.getBackend() === 'cpu') enableFastCpuConvGrad();
    if (tf.getBackend() === 'wasm') registerWasmKernels();
    this.dataset = data ?? { ...generateDataset(syntheticParamsOf(params)), source: 'synthetic' };
    const { train, val } = this.dataset;
    if (data && train.size !== Number(params.size))
      throw new Error(`Imported data is ${train.size} px but the model expects ${params.size} px.`);
    const shape = (n: number): [number, number, number, number] => [n, train.size, train.size, 1];
    this.trainX = tf.tensor4d(train.images, shape(train.n));
    this.trainY = tf.tensor4d(train.masks, shape(train.n));
    this.valX = tf.tensor4d(val.images, shape(val.n));
    this.valY = tf.tensor4d(val.masks, shape(val.n));
    this.model = buildUNet(unetConfigOf(params), name);
    this.vars = trainableVariables(this.model);
    this.optimizer = makeOptimizer(params);
    this.stage = new StageMachine(params.switchMode);
    this.batchRng = new Rng(deriveSeed(params.seed, 7));
  }

  get stageState() {
    return this.stage.current;
  }

  get lastCheckpoint(): Checkpoint | null {
    return this.checkpoint;
  }

  datasetInfo(): DatasetInfo {
    const { val, train } = this.dataset;
    return {
      runId: this.runId,
      size: val.size,
      nVal: val.n,
      valImages: val.images.slice(),
      valMasks: val.masks.slice(),
      trainFgFraction: this.dataset.meanFgFraction,
      source: this.dataset.source,
      paramCount: countParams(this.model),
      batchSize: Math.min(this.params.batchSize, train.n),
    };
  }

  /** Live parameters (lr, t_h, ε, a, loss, rule, overrides) apply from the next step. */
  setParams(next: Partial<Params>): void {
    if (needsReset(this.params, next)) throw new Error('This change needs a new run; create a new Trainer.');
    const before = this.params;
    this.params = { ...before, ...next };
    if (next.optimizer !== undefined && next.optimizer !== before.optimizer) {
      disposeOptimizer(this.optimizer);
      this.optimizer = makeOptimizer(this.params);
    } else if (next.lr !== undefined && next.lr !== before.lr) {
      // The moments are kept; only the step size changes.
      setLearningRate(this.optimizer, next.lr);
    }
    if (next.switchMode !== undefined && next.switchMode !== before.switchMode)
      this.stage.setMode(next.switchMode, this.stepCount);
  }

  /** The loss of the next step: the schedule picks Intra-CBL or Balance for the two-stage loss. */
  private currentLoss(): LossFn {
    const opts = lossOptionsOf(this.params);
    if (this.params.loss === 'balance') {
      return this.stage.current.stage === 1 ? (p, y) => intraCBL(p, y, opts) : (p, y) => balanceLoss(p, y, opts);
    }
    return (p, y) => losses[this.params.loss].fn(p, y, opts);
  }

  private nextIndices(): Int32Array {
    const n = Math.min(this.params.batchSize, this.dataset.train.n);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = this.drawIndex();
    return out;
  }

  private drawIndex(): number {
    if (this.order.length === 0) this.order = shuffledIndices(this.dataset.train.n, this.batchRng);
    this.drawn++;
    return this.order.pop() as number;
  }

  /** One optimiser step. Reads back only the loss (and the stage-test flags in stage 1). */
  async step(): Promise<StepOutcome> {
    if (this.disposed) throw new Error('Trainer was disposed');
    if (this.checkpoint === null) await this.takeCheckpoint();
    const runsCheck = this.params.loss === 'balance' && this.stage.wantsCheck;
    const lossFn = this.currentLoss();
    const { xb, yb } = tf.tidy(() => {
      const idx = tf.tensor1d(this.nextIndices(), 'int32');
      return { xb: tf.gather(this.trainX, idx) as tf.Tensor4D, yb: tf.gather(this.trainY, idx) as tf.Tensor4D };
    });
    let kept: tf.Tensor4D | null = null;
    const cost = this.optimizer.minimize(
      () => {
        const p = this.model.apply(xb, { training: true }) as tf.Tensor4D;
        kept = tf.keep(p);
        return lossFn(p, yb);
      },
      true,
      this.vars,
    ) as tf.Scalar;
    const p = kept as unknown as tf.Tensor4D;
    // The loss (NaN once any weight is) and, in stage 1, the stage-check flags: one read-back.
    const summary = stepReadback(
      cost,
      this.vars,
      runsCheck ? { p, y: yb, opts: { tHard: this.params.tHard, rule: this.params.switchRule } } : null,
    );
    cost.dispose();
    xb.dispose();
    const values = await summary.data();
    summary.dispose();
    this.lastBatch?.p.dispose();
    this.lastBatch?.y.dispose();
    this.lastBatch = { p, y: yb };
    const loss = values[0];
    if (!Number.isFinite(loss)) return await this.recoverFromNaN(loss);

    this.stepCount++;
    this.lastLoss = loss;
    const check = runsCheck ? countStageFlags(values, p.shape[0], 1) : null;
    const stageBefore = this.stage.current.stage;
    this.stage.afterStep(this.stepCount, check);
    const record: StepRecord = { step: this.stepCount, loss, stage: stageBefore, check };
    this.pendingSteps.push(record);
    if (this.pendingSteps.length > 5000) this.pendingSteps.splice(0, this.pendingSteps.length - 5000);
    if (this.stepCount % CHECKPOINT_EVERY === 0) await this.takeCheckpoint();
    return { kind: 'ok', record };
  }

  /** Copies the weights and optimiser state to the host, unless the weights are no longer finite. */
  async takeCheckpoint(): Promise<boolean> {
    const weights = (await Promise.all(this.vars.map((v) => v.data()))) as Float32Array[];
    if (!weights.every((w) => w.every(Number.isFinite))) return false;
    const training = await this.trainingState();
    const finite = training.optimizerWeights.every((w) => w.data.every(Number.isFinite));
    this.checkpoint = { step: this.stepCount, weights, training: finite ? training : null };
    return true;
  }

  /** Loads host weights (a checkpoint, or weights carried over from another backend). */
  private loadWeights(checkpoint: { step: number; weights: Float32Array[] }): void {
    tf.tidy(() => this.vars.forEach((v, i) => v.assign(tf.tensor(checkpoint.weights[i], v.shape, 'float32'))));
    this.stepCount = checkpoint.step;
  }

  /**
   * Goes back to a checkpoint: weights, step, and (when the checkpoint has it and the optimiser
   * is still the same kind) the optimiser state and batch position, so the run continues as it
   * did from there. Otherwise the optimiser starts afresh. Used after a NaN and on another backend.
   */
  async resumeFrom(checkpoint: Checkpoint): Promise<void> {
    this.loadWeights(checkpoint);
    this.checkpoint = checkpoint;
    disposeOptimizer(this.optimizer);
    this.optimizer = makeOptimizer(this.params);
    const training = checkpoint.training?.optimizer === this.params.optimizer ? checkpoint.training : null;
    if (training) await this.loadTrainingState(training);
  }

  /** Carries the schedule over when a run moves to another backend. */
  restoreStage(from: Trainer): void {
    this.stage.restore(from.stage);
  }

  /** The model as tfjs layers-model artifacts (weights read with data(), never dataSync). */
  async exportModel(): Promise<ModelExport> {
    const artifacts = await captureModel(this.model);
    return {
      ...artifacts,
      step: this.stepCount,
      stage: { ...this.stage.current },
      training: await this.trainingState(),
    };
  }

  /** The optimiser's state and the batch position, copied to the host (data(), never dataSync). */
  async trainingState(): Promise<TrainingState> {
    const { optimizerWeights, betaPowers } = await readOptimizerState(this.optimizer);
    return { optimizer: this.params.optimizer, optimizerWeights, betaPowers, drawn: this.drawn };
  }

  /**
   * Continues a saved run: its weights (matched by name, shapes checked), step and stage, and with
   * `training` the optimiser's state and the batch order, so that the next steps are the ones the
   * saved run would have taken. Without it Adam's moments restart. Throws one sentence on a mismatch.
   */
  async restore(saved: {
    weights: readonly NamedWeights[];
    step: number;
    stage: StageState;
    training?: TrainingState | null;
  }): Promise<void> {
    const names = this.model.trainableWeights.map((w) => w.originalName);
    const weights = matchSavedWeights(names, this.vars, saved.weights);
    if (saved.training) checkOptimizerState(saved.training, this.params.optimizer, this.vars);
    this.loadWeights({ step: saved.step, weights });
    this.checkpoint = null;
    this.stage.restoreState(saved.stage);
    if (saved.training) await this.loadTrainingState(saved.training);
  }

  /** Into a fresh optimiser: its saved state, then the batch order replayed to the saved position. */
  private async loadTrainingState(state: TrainingState): Promise<void> {
    this.batchRng = new Rng(deriveSeed(this.params.seed, 7));
    this.order = [];
    this.drawn = 0;
    for (let i = 0; i < state.drawn; i++) this.drawIndex();
    await writeOptimizerState(this.optimizer, state);
  }

  private async recoverFromNaN(loss: number): Promise<StepOutcome> {
    const failedStep = this.stepCount + 1;
    const cp = this.checkpoint as Checkpoint;
    // The optimiser's moments may hold NaN now: they come back from the checkpoint too.
    await this.resumeFrom(cp);
    const cause =
      this.params.lr >= 0.05 ? `the learning rate ${this.params.lr} is probably too high` : 'the update diverged';
    return {
      kind: 'nan',
      step: failedStep,
      restoredStep: cp.step,
      message: `The loss became ${loss} at step ${failedStep}: ${cause}. Training paused; the weights and optimiser state from step ${cp.step} were restored.`,
    };
  }

  /** The validation predictions alone (a sweep's learning curve), without the panels' extras. */
  async validationP(): Promise<Float32Array> {
    const valPT = tf.tidy(() => this.model.predict(this.valX, { batchSize: 8 }) as tf.Tensor4D);
    const out = new Float32Array(await valPT.data());
    valPT.dispose();
    return out;
  }

  /** Everything the panels need, read back in one go (docs/design.md §2). */
  async snapshot(backend: BackendName, stepsPerSecond: number): Promise<Snapshot> {
    const { tHard, eps } = lossOptionsOf(this.params);
    const valPT = tf.tidy(() => this.model.predict(this.valX, { batchSize: 8 }) as tf.Tensor4D);
    const batch = this.lastBatch;
    const componentsT =
      batch && ['balance', 'intra', 'inter'].includes(this.params.loss)
        ? tf.tidy(() => tf.stack([intraCBL(batch.p, batch.y, { tHard }), interCBL(batch.p, batch.y, { eps })]))
        : null;
    // Copies: a backend may hand out its own storage (the CPU backend does), and snapshot
    // buffers are transferred to the UI, which detaches them.
    const own = async (t: tf.Tensor): Promise<Float32Array> => new Float32Array(await t.data());
    const [valP, batchP, batchY, comps] = await Promise.all([
      own(valPT),
      batch ? own(batch.p) : Promise.resolve(new Float32Array(0)),
      batch ? own(batch.y) : Promise.resolve(new Float32Array(0)),
      componentsT ? componentsT.data() : Promise.resolve(null),
    ]);
    valPT.dispose();
    componentsT?.dispose();
    const t = this.params.t;
    const valY = this.dataset.val.masks;
    const valEps = displayEps(this.params, valY);
    const batchEps = displayEps(this.params, batchY);
    const steps = this.pendingSteps;
    this.pendingSteps = [];
    return {
      runId: this.runId,
      step: this.stepCount,
      stage: { ...this.stage.current },
      backend,
      stepsPerSecond,
      steps,
      loss: this.lastLoss,
      components: comps ? { intra: comps[0], inter: comps[1] } : null,
      valP,
      batchP,
      batchY,
      batchN: batch ? batch.p.shape[0] : 0,
      t,
      // Test metrics binarise at p > 0.5 whatever t is (docs/design.md §1.4b).
      valMetrics: metrics(valP, valY, 0.5),
      valDecomposition: decompose(valP, valY, { t, eps: valEps }),
      batchDecomposition: decompose(batchP, batchY, { t, eps: batchEps }),
      valHistogram: histogram(valP, valY, HISTOGRAM_BINS),
      grad: gradientTrace(valP, valY, this.dataset.val.n, this.params, this.stage.current.stage),
      tensors: tf.memory().numTensors,
    };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.lastBatch?.p.dispose();
    this.lastBatch?.y.dispose();
    disposeOptimizer(this.optimizer);
    this.model.dispose();
    tf.dispose([this.trainX, this.trainY, this.valX, this.valY]);
  }
}
