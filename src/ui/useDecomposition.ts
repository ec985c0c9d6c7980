import { useMemo } from 'react';
import { decomposeAt, type ThresholdIndex } from '../core/thresholdIndex';
import type { DecompositionW } from '../engine/protocol';
import { displayEps } from '../engine/displayEps';
import { effectiveEps, type Params } from '../params/schema';

/**
 * A panel's decomposition at its own t and ε (which it may hold while off screen, see
 * panels/kit/onScreen.tsx) over the current data: two binary searches in the data's index.
 */
export function useDecomposition(
  index: ThresholdIndex | null,
  labels: ArrayLike<number> | null,
  t: number,
  eps: Pick<Params, 'eps' | 'epsMode'>,
): { d: DecompositionW | null; shownEps: number } {
  // 'reference' whatever the slider says: an ε move then recomputes nothing.
  const setting = effectiveEps(eps);
  const shownEps = useMemo(
    () =>
      labels
        ? displayEps(
            setting === 'reference' ? { eps: 0, epsMode: 'reference' } : { eps: setting, epsMode: 'value' },
            labels,
          )
        : 0,
    [labels, setting],
  );
  const d = useMemo(() => (index ? decomposeAt(index, t, shownEps) : null), [index, t, shownEps]);
  return { d, shownEps };
}
