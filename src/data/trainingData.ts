/**
 * What a run trains on: the seeded synthetic scans or the user's own image/mask pairs, resized
 * to the training size and split into training and validation images.
 */
import { resizePair } from './import/resize';
import type { ImageSet } from './synthetic';

export interface TrainingData {
  train: ImageSet;
  val: ImageSet;
  /** Foreground pixels / all pixels over the training set. */
  meanFgFraction: number;
  /** 'synthetic', or a short description of the imported data for the UI. */
  source: string;
}

/** A pair already resized to the square training size (see src/data/import resizePair). */
export interface SizedPair {
  image: Float32Array;
  mask: Float32Array;
}

/**
 * Splits pairs deterministically: every fifth pair with foreground (the 5th, 10th, …) goes to
 * validation, so the split does not depend on a seed and a re-import gives the same split. With
 * fewer than five such pairs there is nothing to spare: each is used for both training and
 * validation (the caller says so). Pairs whose mask is empty go to validation only: the authors'
 * trainer never trains on a batch holding an empty mask (docs/design.md §1.4).
 */
export function splitIndices(
  n: number,
  hasForeground?: readonly boolean[],
): { train: number[]; val: number[]; shared: boolean; emptyValOnly: number } {
  const withFg: number[] = [];
  const empty: number[] = [];
  for (let i = 0; i < n; i++) (hasForeground && !hasForeground[i] ? empty : withFg).push(i);
  if (withFg.length < 5)
    return {
      train: withFg,
      val: [...withFg, ...empty].sort((a, b) => a - b),
      shared: true,
      emptyValOnly: empty.length,
    };
  const train: number[] = [];
  const val: number[] = [...empty];
  withFg.forEach((index, k) => (k % 5 === 4 ? val : train).push(index));
  return { train, val: val.sort((a, b) => a - b), shared: false, emptyValOnly: empty.length };
}

/** One sentence on how imported pairs are used, for the import summary. */
export function splitSummary(hasForeground: readonly boolean[]): string {
  const n = hasForeground.length;
  const split = splitIndices(n, hasForeground);
  const parts: string[] = [];
  if (split.train.length === 0) parts.push('no pair has foreground, so there is nothing to train on');
  else if (split.shared) parts.push('fewer than 5 pairs with foreground: each is used for training and validation');
  else parts.push('every 5th pair with foreground goes to validation');
  if (split.emptyValOnly > 0)
    parts.push(
      `${split.emptyValOnly} with an empty mask ${split.emptyValOnly === 1 ? 'is' : 'are'} used for validation only (training batches never hold an empty mask)`,
    );
  return parts.join('; ');
}

const hasAnyForeground = (mask: ArrayLike<number>): boolean => {
  for (let i = 0; i < mask.length; i++) if (mask[i] > 0.5) return true;
  return false;
};

function imageSet(pairs: readonly SizedPair[], indices: readonly number[], size: number): ImageSet {
  const px = size * size;
  const images = new Float32Array(indices.length * px);
  const masks = new Float32Array(indices.length * px);
  indices.forEach((index, k) => {
    const pair = pairs[index];
    if (pair.image.length !== px || pair.mask.length !== px) throw new Error(`pair ${index} is not ${size}×${size}`);
    images.set(pair.image, k * px);
    masks.set(pair.mask, k * px);
  });
  return { n: indices.length, size, images, masks };
}

/** Training data from resized pairs (at least one). */
export function trainingDataFromPairs(pairs: readonly SizedPair[], size: number, source: string): TrainingData {
  if (pairs.length === 0) throw new Error('No image/mask pairs to train on.');
  const split = splitIndices(
    pairs.length,
    pairs.map((pair) => hasAnyForeground(pair.mask)),
  );
  if (split.train.length === 0)
    throw new Error(
      'Every imported mask is empty: there is no foreground to train on (empty masks are used for validation only).',
    );
  const train = imageSet(pairs, split.train, size);
  const val = imageSet(pairs, split.val, size);
  let fg = 0;
  for (let i = 0; i < train.masks.length; i++) fg += train.masks[i];
  return { train, val, meanFgFraction: fg / train.masks.length, source };
}

/** The user's pairs at their native size, as the UI sends them to the worker. */
export interface UserPairs {
  label: string;
  pairs: { width: number; height: number; image: Float32Array; mask: Uint8Array }[];
}

/** Resizes the user's pairs to the training size and splits them (pure; the worker calls it per run). */
export function trainingDataFromUserPairs(user: UserPairs, size: number): TrainingData {
  const sized = user.pairs.map((pair) => resizePair(pair, size));
  return trainingDataFromPairs(sized, size, user.label);
}
