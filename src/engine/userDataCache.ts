import { trainingDataFromUserPairs, type TrainingData, type UserPairs } from '../data/trainingData';

/**
 * The user's imported pairs as the Runner keeps them across resets and backend fallbacks:
 * native size, plus their resized copy at the current training size (resizing once per size,
 * not per run).
 */
export class UserDataCache {
  /** The imported pairs (native size), or null for the synthetic scans. */
  private pairs: UserPairs | null = null;
  /** Those pairs at the training size of the current run. */
  private sized: TrainingData | null = null;

  /** New pairs from the page; null goes back to the synthetic scans. */
  set(pairs: UserPairs | null): void {
    this.pairs = pairs;
    this.sized = null;
  }

  /** The user's data at `size`, kept for the next run; undefined for the synthetic scans. */
  at(size: number): TrainingData | undefined {
    if (!this.pairs) return undefined;
    if (this.sized?.train.size !== size) this.sized = trainingDataFromUserPairs(this.pairs, size);
    return this.sized;
  }

  /** As `at`, but the cache stays as it is: a restore that fails must leave the current run untouched. */
  peek(size: number): TrainingData | undefined {
    if (!this.pairs) return undefined;
    return this.sized?.train.size === size ? this.sized : trainingDataFromUserPairs(this.pairs, size);
  }

  /** After a restore, later resets start from the restored run's data (undefined: the synthetic scans). */
  adopt(data: TrainingData | undefined): void {
    if (!data) this.pairs = null;
    this.sized = data ?? null;
  }
}
