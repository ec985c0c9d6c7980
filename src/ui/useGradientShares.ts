import { useMemo } from 'react';
import { pixelGradients, type GradGroup, type GradientOptions, type GradientShares, type LossId } from '../core';
import { sharesOfEach } from '../core/gradients';
import { lossIds, lossInfo } from '../core/lossInfo';

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

type Knob = 'tHard' | 'eps' | 'a';
const knobsOf = (id: LossId): readonly string[] => lossInfo[id].params;
/** The losses that listen to exactly these sliders (lossInfo), e.g. Intra-CBL to t_h alone. */
const listening = (knobs: readonly Knob[]): LossId[] =>
  lossIds.filter((id) => knobsOf(id).length === knobs.length && knobs.every((k) => knobsOf(id).includes(k)));
const FIXED = listening([]);
const ON_T_HARD = listening(['tHard']);
const ON_EPS = listening(['eps']);
/** Balance, and any loss that fits none of the groups above: recomputed on any of the three. */
const ON_ALL = lossIds.filter((id) => ![...FIXED, ...ON_T_HARD, ...ON_EPS].includes(id));

function gradsOf(
  ids: LossId[],
  input: GradientInput | null,
  opts: GradientOptions,
): Partial<Record<LossId, Float64Array>> {
  const out: Partial<Record<LossId, Float64Array>> = {};
  if (input) for (const id of ids) out[id] = pixelGradients(id, input.p, input.y, input.n, opts);
  return out;
}

/**
 * Gradient shares for the panels. The per-pixel gradients depend on the predictions and, per loss,
 * on the sliders it listens to (t_h, ε, a) but not on t: a t_h move recomputes Intra-CBL and
 * Balance only, and a t move only regroups, once for every loss (docs/design.md §1.3).
 */
export function useGradientShares(input: GradientInput | null, t: number, opts: GradientOptions): GradientView | null {
  const { tHard, eps, a } = opts;
  // The losses that listen to no slider ignore the options; the defaults stand in for them.
  const fixed = useMemo(() => gradsOf(FIXED, input, { tHard: 0.9, eps: 'reference', a: 0.5 }), [input]);
  const onTHard = useMemo(() => gradsOf(ON_T_HARD, input, { tHard, eps: 'reference', a: 0.5 }), [input, tHard]);
  const onEps = useMemo(() => gradsOf(ON_EPS, input, { tHard: 0.9, eps, a: 0.5 }), [input, eps]);
  const onAll = useMemo(() => gradsOf(ON_ALL, input, { tHard, eps, a }), [input, tHard, eps, a]);
  const grads = useMemo(() => {
    if (!input) return null;
    const all = { ...fixed, ...onTHard, ...onEps, ...onAll };
    // In lossIds order, as the panels list them.
    return Object.fromEntries(lossIds.map((id) => [id, all[id] as Float64Array])) as Record<LossId, Float64Array>;
  }, [input, fixed, onTHard, onEps, onAll]);
  return useMemo(() => {
    if (!input || !grads) return null;
    return { grads, ...sharesOfEach(grads, input.p, input.y, t) };
  }, [input, grads, t]);
}

/** The loss a run trains with at this moment: Balance trains Intra-CBL until the switch. */
export function trainedLossNow(loss: LossId, stage: 1 | 2 | null): { id: LossId; note?: string } {
  if (loss === 'balance' && stage === 1) return { id: 'intra', note: '(Balance, stage 1)' };
  if (loss === 'balance' && stage === 2) return { id: 'balance', note: '(stage 2)' };
  return { id: loss };
}
