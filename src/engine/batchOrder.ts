import type { Rng } from '../data';

/** A seeded Fisher–Yates permutation of 0..n−1: each epoch visits every image once. */
export function shuffledIndices(n: number, rng: Rng): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
