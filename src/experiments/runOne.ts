import { decompose, gradientShares, metrics, pixelGradients } from '../core';
import type { BackendName } from '../engine/protocol';
import { Trainer } from '../engine/trainer';
import { trainedLossAt } from '../engine/stage';
import { DEFAULT_PARAMS, effectiveEps, type Params } from '../params/schema';
import {
  CURVE_EVERY,
  type CurvePoint,
  type FinalNumbers,
  type RunResult,
  type RunSpec,
  type SweepConfig,
} from './types';

/** The lab's parameters for one run of the sweep; everything the sweep does not set keeps its default. */
export function runParams(config: SweepConfig, spec: RunSpec): Params {
  return {
    ...DEFAULT_PARAMS,
    loss: spec.loss,
    // Only the Balance loss has stages; the others keep the default, which they never read.
    switchMode: spec.switch ?? DEFAULT_PARAMS.switchMode,
    imbalance: spec.ratio,
    seed: spec.seed,
    size: config.size,
    levels: config.levels,
    width: config.width,
    batchSize: config.batchSize,
    lr: config.lr,
    t: config.t,
    trainSize: config.trainSize,
    valSize: config.valSize,
  };
}

/** One point of the learning curve: Dice at p > 0.5 and the main/bias split at t (docs/design.md §1.4b). */
async function curvePoint(trainer: Trainer, y: Float32Array, t: number): Promise<CurvePoint> {
  const valP = await trainer.validationP();
  const d = decompose(valP, y, { t });
  return {
    step: trainer.stepCount,
    stage: trainer.stageState.stage,
    dice: metrics(valP, y, 0.5).dice,
    fpMain: d.fpMain,
    fpBias: d.fpBias,
    fnMain: d.fnMain,
    fnBias: d.fnBias,
  };
}

/** Trains to `steps` (or until the run diverges), measuring the curve every CURVE_EVERY steps and at the end. */
async function train(
  trainer: Trainer,
  config: SweepConfig,
  y: Float32Array,
  onStep?: (step: number) => void,
): Promise<{ divergedAt: number | null; curve: CurvePoint[] }> {
  const curve = [await curvePoint(trainer, y, config.t)];
  let divergedAt: number | null = null;
  while (trainer.stepCount < config.steps) {
    const outcome = await trainer.step();
    if (outcome.kind === 'nan') {
      // The trainer went back to its last checkpoint; the same seed would diverge again, so the run ends there.
      divergedAt = outcome.step;
      break;
    }
    if (trainer.stepCount % CURVE_EVERY === 0) curve.push(await curvePoint(trainer, y, config.t));
    onStep?.(trainer.stepCount);
  }
  if (curve[curve.length - 1].step !== trainer.stepCount) curve.push(await curvePoint(trainer, y, config.t));
  return { divergedAt, curve };
}

/**
 * Trains one run with the same Trainer the app uses and measures it on the validation set:
 * metrics at p > 0.5 (docs/design.md §1.4b), the main/bias split at t, and the BG-bias share of
 * the gradient of the loss trained at the end (Intra-CBL while a Balance run is still in stage 1).
 */
export async function runOne(
  config: SweepConfig,
  spec: RunSpec,
  backend: BackendName,
  onStep?: (step: number) => void,
): Promise<RunResult> {
  const params = runParams(config, spec);
  const trainer = new Trainer(params);
  try {
    const info = trainer.datasetInfo();
    const y = info.valMasks;
    const { divergedAt, curve } = await train(trainer, config, y, onStep);
    const snap = await trainer.snapshot(backend, 0);
    const m = metrics(snap.valP, y, 0.5);
    const d = decompose(snap.valP, y, { t: config.t });
    const trainedAtEnd = trainedLossAt(params.loss, snap.stage.stage);
    const g = pixelGradients(trainedAtEnd, snap.valP, y, info.nVal, {
      tHard: params.tHard,
      eps: effectiveEps(params),
      a: params.a,
    });
    const final: FinalNumbers = {
      dice: m.dice,
      iou: m.iou,
      precision: m.precision,
      recall: m.recall,
      fpHard: d.fpHard,
      fnHard: d.fnHard,
      fpMain: d.fpMain,
      fpBias: d.fpBias,
      fnMain: d.fnMain,
      fnBias: d.fnBias,
      bgBiasShare: gradientShares(g, snap.valP, y, config.t).bgBias,
    };
    return {
      ...spec,
      steps: trainer.stepCount,
      switchStep: params.loss === 'balance' ? trainer.stageState.switchedAt : null,
      divergedAt,
      trainedAtEnd,
      final,
      curve,
    };
  } finally {
    trainer.dispose();
  }
}
