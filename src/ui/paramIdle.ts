import { lossInfo } from '../core/lossInfo';
import type { ParamKey, Params } from '../params/schema';

/**
 * A control the current loss ignores, shown dimmed: t_h and a when the loss has no Intra-CBL or
 * mix, the switch when it is not the two-stage Balance loss, and ε while the authors' f/N is used.
 */
export function paramIdle(key: ParamKey, loss: Params['loss'], epsMode: Params['epsMode']): boolean {
  if (key === 'eps') return epsMode === 'reference';
  if (key === 'tHard' || key === 'a') return !(lossInfo[loss].params as readonly string[]).includes(key);
  if (key === 'switchRule' || key === 'switchMode') return loss !== 'balance';
  return false;
}
