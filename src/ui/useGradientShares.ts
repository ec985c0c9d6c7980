import { useMemo } from 'react';
import {
  gradGroupOf,
  gradientShares,
  pixelGradients,
  type GradGroup,
  type GradientOptions,
  type GradientShares,
  type LossId,
} from '../core';
import { lossIds } from '../core/lossInfo';

export interface GradientInput {
  p: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Images in p (Dice and Tversky sum over the whole batch; the rest average per image). */
  n: number;
}

export interface GradientView {
  /** Per-pixel |∂L/∂z| of every loss (independent of t). */
  grads: Record<LossId, Float64Array>;
  shares: Record<LossId, GradientShares>;
  counts: Record<GradGroup, number>;
}

/**
 * Gradient shares for the panels. The per-pixel gradients depend on the predictions and on t_h,
 * ε and a but not on t, so a t move only regroups (one pass per loss, docs/design.md §1.3).
 */
export function useGradientShares(input: GradientInput | null, t: number, opts: GradientOptions): GradientView | null {
  const { tHard, eps, a } = opts;
  const grads = useMemo(() => {
    if (!input) return null;
    const out = {} as Record<LossId, Float64Array>;
    for (const id of lossIds) out[id] = pixelGradients(id, input.p, input.y, input.n, { tHard, eps, a });
    return out;
  }, [input, tHard, eps, a]);
  return useMemo(() => {
    if (!input || !grads) return null;
    const shares = {} as Record<LossId, GradientShares>;
    for (const id of lossIds) shares[id] = gradientShares(grads[id], input.p, input.y, t);
    const counts: Record<GradGroup, number> = { fgMain: 0, fgBias: 0, bgMain: 0, bgBias: 0 };
    for (let i = 0; i < input.p.length; i++) counts[gradGroupOf(input.p[i], input.y[i], t)]++;
    return { grads, shares, counts };
  }, [input, grads, t]);
}

/** The loss a run trains with at this moment: Balance trains Intra-CBL until the switch. */
export function trainedLossNow(loss: LossId, stage: 1 | 2 | null): { id: LossId; note?: string } {
  if (loss === 'balance' && stage === 1) return { id: 'intra', note: '(Balance, stage 1)' };
  if (loss === 'balance' && stage === 2) return { id: 'balance', note: '(stage 2)' };
  return { id: loss };
}
