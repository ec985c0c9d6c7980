/**
 * k-th largest value (1-based) of an array, in expected O(n), by an in-place three-way
 * quickselect. Three-way partitioning keeps heavy ties (e.g. all pixels equal, or many exact
 * zeros) linear instead of quadratic. The input array is reordered.
 */
export function kthLargestInPlace(values: Float64Array, k: number): number {
  if (k < 1 || k > values.length) throw new RangeError(`k=${k} out of range 1..${values.length}`);
  // Looking for index k-1 in descending order.
  const target = k - 1;
  let lo = 0;
  let hi = values.length - 1;
  let seed = 0x9e3779b9;
  while (lo < hi) {
    // Deterministic pseudo-random pivot: cheap, and avoids adversarial sorted inputs.
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    const pivot = values[lo + (seed % (hi - lo + 1))];
    // Partition into [ > pivot | == pivot | < pivot ] (descending).
    let lt = lo;
    let i = lo;
    let gt = hi;
    while (i <= gt) {
      const v = values[i];
      if (v > pivot) {
        values[i] = values[lt];
        values[lt] = v;
        lt++;
        i++;
      } else if (v < pivot) {
        values[i] = values[gt];
        values[gt] = v;
        gt--;
      } else {
        i++;
      }
    }
    if (target < lt) hi = lt - 1;
    else if (target > gt) lo = gt + 1;
    else return pivot;
  }
  return values[target];
}
