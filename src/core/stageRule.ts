/**
 * Algorithm 1's switch test without tensors (docs/design.md §1.4): the rule, its options, its
 * verdict and the count of read-back flags. The tensor half (the per-image flags of a batch) is
 * `losses/stageCheck.ts`; this half is shared with the page, which must not load TensorFlow.js.
 */

/** Which convergence test of Algorithm 1 to use (docs/design.md §1.4). */
export type SwitchRule = 'code' | 'algorithm1';

export interface StageCheckOptions {
  tHard?: number;
  rule?: SwitchRule;
}

export interface StageCheckResult {
  numF: number;
  numB: number;
  n: number;
  converged: boolean;
}

/** Counts the flags of `stageFlags` (as read back) into Algorithm 1's verdict. */
export function countStageFlags(values: ArrayLike<number>, n: number, offset = 0): StageCheckResult {
  let numF = 0;
  let numB = 0;
  for (let i = 0; i < n; i++) {
    numF += values[offset + i];
    numB += values[offset + n + i];
  }
  return { numF, numB, n, converged: numF >= n / 2 && numB >= n / 2 };
}
