/**
 * Fixed data for the panel gallery: every panel fed from pure functions of constants (concept
 * predictions, the synthetic dataset, a made-up but deterministic training history), so two builds
 * draw the same SVG exactly when they draw the same thing (tests/browser/panelSnapshots.test.ts).
 */
import { decompose } from '../../src/core/decompose';
import { histogram } from '../../src/core/histogram';
import { metrics } from '../../src/core/metrics';
import { gradientHistogram } from '../../src/core/gradientHistogram';
import { pixelGradients, type LossId } from '../../src/core';
import { lossIds } from '../../src/core/lossInfo';
import { generateDataset } from '../../src/data/synthetic';
import { SYNTHETIC_DEFAULTS } from '../../src/data/params';
import { displayEps } from '../../src/engine/displayEps';
import type { StepRecord } from '../../src/engine/protocol';
import type { StageState } from '../../src/engine/stage';
import type { SummaryRow } from '../../src/experiments/types';
import { conceptPredictions } from '../../src/panels/conceptData';
import type { HistoryEntry } from '../../src/state/historyTypes';

export const T = 0.5;
export const T_HARD = 0.9;
export const A = 0.5;

/** The concept explorer's defaults: b/f 50, quality 0.5. */
export const concept = conceptPredictions({ ratio: 50, quality: 0.5 });
export const conceptEps = displayEps({ eps: 0.5, epsMode: 'reference' }, concept.y);
export const conceptD = decompose(concept.p, concept.y, { t: T, eps: conceptEps });
/** The issue-23 case, 1:200 (b = 40 000), quality 0.5: on a linear axis FP_main is under 1 px wide. */
export const concept200 = conceptPredictions({ ratio: 200, quality: 0.5 });
export const concept200Eps = displayEps({ eps: 0.5, epsMode: 'reference' }, concept200.y);
export const concept200D = decompose(concept200.p, concept200.y, { t: T, eps: concept200Eps });
/** A poor model at 1:20, where the ε-weighted FP row and Eq. 12 show. */
export const poor = conceptPredictions({ ratio: 20, quality: 0.05 });
export const poorD = decompose(poor.p, poor.y, { t: T, eps: 0.05 });

/** Four 32 px validation images of the synthetic generator, with predictions made from their masks. */
const data = generateDataset({ ...SYNTHETIC_DEFAULTS, size: 32, trainSize: 1, valSize: 4 });
export const val = data.val;
const SIDE = 32;

/** A prediction that is right in the middle of the lesion, unsure at its rim and noisy elsewhere. */
function predictionsAt(quality: number): Float32Array {
  const { masks } = val;
  const p = new Float32Array(masks.length);
  for (let i = 0; i < masks.length; i++) {
    const x = i % SIDE;
    const y = Math.floor(i / SIDE) % SIDE;
    const wobble = 0.5 + 0.5 * Math.sin(0.7 * x + 1.3 * y + 0.1 * i);
    const base = masks[i] > 0.5 ? 0.35 + 0.6 * quality : 0.45 * (1 - quality);
    p[i] = Math.min(0.999, Math.max(0.001, base * (0.6 + 0.8 * wobble)));
  }
  return p;
}

export const valP = predictionsAt(0.6);
export const image0 = { p: valP.subarray(0, SIDE * SIDE), y: val.masks.subarray(0, SIDE * SIDE) };

/** Gradients of every loss on image 0 (what the analysis and training panels show). */
export function gradientsOf(p: ArrayLike<number>, y: ArrayLike<number>, n: number): Record<LossId, Float64Array> {
  const out = {} as Record<LossId, Float64Array>;
  for (const id of lossIds) out[id] = pixelGradients(id, p, y, n, { tHard: T_HARD, eps: 'reference', a: A });
  return out;
}

export const SWITCH_AT = 24;

/**
 * A run of 40 logged steps: quality rises, Balance switches to stage 2 after step 24. `bce`: a
 * BCE run whose quality rises more slowly (compare mode's run B), logged every 4 steps.
 */
export function history(bce = false): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  for (let step = 0; step <= 40; step += bce ? 4 : 2) {
    const q = 0.1 + ((bce ? 0.5 : 0.8) * step) / 40;
    const p = predictionsAt(q);
    const y = val.masks;
    const m = metrics(p, y, 0.5);
    const stage = step > SWITCH_AT && !bce ? 2 : 1;
    const trained: LossId = bce ? 'bce' : stage === 1 ? 'intra' : 'balance';
    const opts = { tHard: T_HARD, eps: 'reference' as const, a: A };
    const bceHist = gradientHistogram(pixelGradients('bce', p, y, val.n, opts), p, y);
    const trainedHist = gradientHistogram(pixelGradients(trained, p, y, val.n, opts), p, y);
    out.push({
      step,
      stage,
      loss: 0.9 * Math.exp(-step / 15) + 0.05,
      intra: 0.5 * Math.exp(-step / 15),
      inter: stage === 2 ? 0.3 * Math.exp(-step / 20) : null,
      dice: m.dice,
      iou: m.iou,
      fpHard: m.fp,
      fnHard: m.fn,
      hist: histogram(p, y, 200),
      eps: 0.02,
      grad: { trained, trainedHist, bceHist },
    });
  }
  return out;
}

export function steps(): StepRecord[] {
  const out: StepRecord[] = [];
  for (let step = 1; step <= 40; step++) {
    const numF = Math.min(8, Math.floor(step / 4));
    out.push({
      step,
      loss: 0.9 * Math.exp(-step / 15) + 0.05,
      stage: step > SWITCH_AT ? 2 : 1,
      check: step % 2 === 0 ? { numF, numB: 8 - numF, n: 8, converged: numF >= 4 } : null,
    });
  }
  return out;
}

export const stage: StageState = { stage: 2, switchedAt: SWITCH_AT, reason: 'switched after step 24' };

const stat = (mean: number, sd: number) => ({ mean, sd });

/** Two losses at three ratios, shaped like the first sweep (docs/experiments.md). */
export function summary(): SummaryRow[] {
  const rows: SummaryRow[] = [];
  const losses: LossId[] = ['balance', 'bce'];
  const ratios = [10, 50, 200];
  for (const loss of losses)
    ratios.forEach((ratio, i) => {
      const dice = loss === 'balance' ? [0.9, 0.76, 0.47][i] : [0.89, 0.75, 0.11][i];
      rows.push({
        loss,
        switch: loss === 'balance' ? 'auto' : null,
        ratio,
        n: 3,
        switched: loss === 'balance' ? 3 - i : 0,
        switchStep: loss === 'balance' ? stat(72 + 50 * i, 10) : null,
        diverged: 0,
        dice: stat(dice, 0.02 + 0.03 * i),
        iou: stat(dice * 0.8, 0.02),
        precision: stat(dice * 0.95, 0.03),
        recall: stat(Math.min(1, dice * 1.05), 0.03 + 0.02 * i),
        fpHard: stat(20, 2),
        fnHard: stat(30, 3),
        fpMain: stat(12, 1),
        fpBias: stat(40, 4),
        fnMain: stat(15, 1),
        fnBias: stat(5, 1),
        bgBiasShare: stat(loss === 'balance' ? 0.33 : 0.8, 0.05),
      });
    });
  return rows;
}
