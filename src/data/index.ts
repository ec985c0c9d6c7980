/** Public entry of the synthetic dataset: pure, seeded, no DOM, no tfjs. */
export { generateDataset, generateImage, SYNTHETIC_DEFAULTS, validateParams } from './synthetic';
export type { ImageSet, SyntheticDataset, SyntheticParams } from './synthetic';
export { FG_FRACTION_MAX, FG_FRACTION_MIN } from './params';
export { Rng, deriveSeed } from './random';
