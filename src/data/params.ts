/** Parameters of the synthetic lesion-segmentation dataset and their valid ranges. */
export interface SyntheticParams {
  /** Integer; the whole dataset is a pure function of the params. */
  seed: number;
  /** Image side in px. */
  size: 32 | 64 | 128;
  /** Target foreground fraction of pixels, 1/501 .. 1/3 (fg:bg from 1:500 to 1:2). */
  fgFraction: number;
  /** Each image draws 1..lesionCount lesions; 1..3. */
  lesionCount: number;
  /** Lesion intensity minus local tissue intensity, 0..1. */
  contrast: number;
  /** Std of the additive Gaussian noise (speckle is scaled with it), 0..1. */
  noise: number;
  /** Number of training images, 1..512. */
  trainSize: number;
  /** Number of validation images, 1..128. */
  valSize: number;
}

export const SYNTHETIC_DEFAULTS: SyntheticParams = {
  seed: 1,
  size: 64,
  fgFraction: 1 / 51,
  lesionCount: 2,
  contrast: 0.5,
  noise: 0.15,
  trainSize: 64,
  valSize: 16,
};

export const FG_FRACTION_MIN = 1 / 501;
export const FG_FRACTION_MAX = 1 / 3;

/** Throws a RangeError naming every invalid field; silent clamping would hide UI bugs. */
export function validateParams(p: SyntheticParams): void {
  const bad: string[] = [];
  const intIn = (v: number, lo: number, hi: number): boolean => Number.isInteger(v) && v >= lo && v <= hi;
  const numIn = (v: number, lo: number, hi: number): boolean => Number.isFinite(v) && v >= lo && v <= hi;
  if (!Number.isSafeInteger(p.seed)) bad.push(`seed=${p.seed} (integer)`);
  if (p.size !== 32 && p.size !== 64 && p.size !== 128) bad.push(`size=${String(p.size)} (32|64|128)`);
  // A hair of slack so that 1/501 and 1/3 computed elsewhere in floating point still pass.
  if (!numIn(p.fgFraction, FG_FRACTION_MIN * (1 - 1e-9), FG_FRACTION_MAX * (1 + 1e-9))) {
    bad.push(`fgFraction=${p.fgFraction} (1/501..1/3)`);
  }
  if (!intIn(p.lesionCount, 1, 3)) bad.push(`lesionCount=${p.lesionCount} (1..3)`);
  if (!numIn(p.contrast, 0, 1)) bad.push(`contrast=${p.contrast} (0..1)`);
  if (!numIn(p.noise, 0, 1)) bad.push(`noise=${p.noise} (0..1)`);
  if (!intIn(p.trainSize, 1, 512)) bad.push(`trainSize=${p.trainSize} (1..512)`);
  if (!intIn(p.valSize, 1, 128)) bad.push(`valSize=${p.valSize} (1..128)`);
  if (bad.length > 0) throw new RangeError(`Invalid synthetic params: ${bad.join(', ')}`);
}
