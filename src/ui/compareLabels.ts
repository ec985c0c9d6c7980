/** How compare mode names its runs: by the settings in which they differ (the loss when none does). */
import { lossInfo } from '../core/lossInfo';
import { schema, type Params } from '../params/schema';
import { COMPARABLE_KEYS, type ComparableKey } from '../state/view';

const describe = (p: Params, keys: readonly ComparableKey[]): string =>
  keys.map((k) => (k === 'loss' ? lossInfo[p.loss].label : `${schema[k].label} ${String(p[k])}`)).join(' · ');

/** Labels of runs A and B, e.g. “Balance loss · ε 0.01” and “BCE · ε 0.01”. */
export function runLabels(a: Params, b: Params): { a: string; b: string } {
  const differing = COMPARABLE_KEYS.filter((k) => a[k] !== b[k]);
  const shown: readonly ComparableKey[] = differing.length ? differing : ['loss'];
  return { a: describe(a, shown), b: describe(b, shown) };
}
