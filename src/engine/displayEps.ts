import { effectiveEps, type Params } from '../params/schema';

/**
 * The ε to show in decompositions. With the authors' 'reference' weighting an easy background
 * pixel weighs f/N of a hard one, so the pooled equivalent ε is f/N over the shown pixels.
 */
export function displayEps(params: Pick<Params, 'eps' | 'epsMode'>, labels: ArrayLike<number>): number {
  const eps = effectiveEps(params);
  if (eps !== 'reference') return eps;
  if (labels.length === 0) return 0;
  let f = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] > 0.5) f++;
  return f / labels.length;
}
