import { gradientHistogram, type GradientHistogram } from '../core/gradientHistogram';
import { pixelGradients, type LossId } from '../core';
import type { DatasetInfo, Snapshot } from '../engine/protocol';
import { effectiveEps, type Params } from '../params/schema';
import { trainedLossAt } from '../engine/stage';

export { trainedLossAt };

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

export function gradientTrace(s: Snapshot, dataset: DatasetInfo | null, params: Params): GradientTrace | null {
  if (!dataset || dataset.runId !== s.runId || s.valP.length !== dataset.valMasks.length || dataset.nVal === 0)
    return null;
  const trained = trainedLossAt(params.loss, s.stage.stage);
  const opts = { tHard: params.tHard, eps: effectiveEps(params), a: params.a };
  const y = dataset.valMasks;
  const bceHist = gradientHistogram(pixelGradients('bce', s.valP, y, dataset.nVal, opts), s.valP, y);
  const trainedHist =
    trained === 'bce' ? bceHist : gradientHistogram(pixelGradients(trained, s.valP, y, dataset.nVal, opts), s.valP, y);
  return { trained, trainedHist, bceHist };
}
