import { gradientHistogram, type GradientHistogram } from '../core/gradientHistogram';
import { pixelGradients, type LossId } from '../core';
import { effectiveEps, type Params } from '../params/schema';
import { trainedLossAt, type Stage } from './stage';

/**
 * Per logged step: where the trained loss pushed on the validation predictions, and where BCE
 * would have pushed on the same predictions (the counterfactual), as gradient histograms so the
 * BG-bias share can be re-read at any t (docs/design.md §1.3).
 */
export interface GradientTrace {
  /** The loss trained at that step: Intra-CBL during Balance's stage 1. */
  trained: LossId;
  trainedHist: GradientHistogram;
  bceHist: GradientHistogram;
}

/** What the trace depends on: the run's loss and its options, as the run trains with them. */
export type TraceParams = Pick<Params, 'loss' | 'tHard' | 'eps' | 'epsMode' | 'a'>;

/**
 * The trace of one snapshot, computed where the snapshot is built (Trainer.snapshot, in the
 * worker) with the loss, options and stage the run trains with there, so the page only stores it
 * (issue 19: two float64 gradient passes cost the main thread several ms per snapshot).
 * Null when there is no validation set to trace.
 */
export function gradientTrace(
  valP: Float32Array,
  valMasks: Float32Array,
  nVal: number,
  params: TraceParams,
  stage: Stage,
): GradientTrace | null {
  if (nVal === 0 || valP.length !== valMasks.length) return null;
  const trained = trainedLossAt(params.loss, stage);
  const opts = { tHard: params.tHard, eps: effectiveEps(params), a: params.a };
  const y = valMasks;
  const bceHist = gradientHistogram(pixelGradients('bce', valP, y, nVal, opts), valP, y);
  const trainedHist =
    trained === 'bce' ? bceHist : gradientHistogram(pixelGradients(trained, valP, y, nVal, opts), valP, y);
  return { trained, trainedHist, bceHist };
}
