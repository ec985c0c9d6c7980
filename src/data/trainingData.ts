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
 * Splits pairs deterministically: every fifth pair (the 5th, 10th, …) goes to validation, so the
 * split does not depend on a seed and a re-import gives the same split. With fewer than five pairs
 * there is nothing to spare: every pair is used for both training and validation (the caller says so).
 */
export function splitIndices(n: number): { train: number[]; val: number[]; shared: boolean } {
  if (n < 5) {
    const all = Array.from({ length: n }, (_, i) => i);
    return { train: all, val: all, shared: true };
  }
  const train: number[] = [];
  const val: number[] = [];
  for (let i = 0; i < n; i++) (i % 5 === 4 ? val : train).push(i);
  return { train, val, shared: false };
}

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
  const split = splitIndices(pairs.length);
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
