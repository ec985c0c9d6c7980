/**
 * Seeded synthetic "scans" with small bright lesions, for training a U-Net under class imbalance.
 * Every image is a pure function of (seed, split, index), so the app and the tests see the same data.
 */
import { placeLesions, renderLesions } from './lesions';
import { FG_FRACTION_MAX, validateParams, type SyntheticParams } from './params';
import { deriveSeed, Rng } from './random';
import { renderTissue } from './tissue';

export { SYNTHETIC_DEFAULTS, validateParams } from './params';
export type { SyntheticParams } from './params';

/** n images of size×size, row-major, image after image. Images in [0, 1]; masks exactly 0 or 1. */
export interface ImageSet {
  n: number;
  size: number;
  images: Float32Array;
  masks: Float32Array;
}

export interface SyntheticDataset {
  train: ImageSet;
  val: ImageSet;
  params: SyntheticParams;
  /** Foreground pixels / all pixels over the training set (what class weights should use). */
  meanFgFraction: number;
}

/** Sub-stream ids; train and validation never share draws, so valSize cannot move train images. */
const TRAIN_STREAM = 1;
const VAL_STREAM = 2;

/** Largest total lesion area as a fraction of the image, so big lesions still fit inside the body. */
const MAX_TOTAL_AREA = 0.45;

/**
 * Total lesion area for one image: fgFraction·size² times a mean-one random factor, so images vary
 * (±40 %) while the dataset mean stays on target. The spread narrows near 1/3 to respect the cap.
 */
function drawTotalArea(rng: Rng, params: SyntheticParams): number {
  const f = Math.min(params.fgFraction, FG_FRACTION_MAX);
  const spread = Math.min(0.4, MAX_TOTAL_AREA / f - 1);
  return f * params.size * params.size * rng.range(1 - spread, 1 + spread);
}

/** Splits the total area over 1..lesionCount lesions with random, not too unequal, weights. */
function drawLesionAreas(rng: Rng, params: SyntheticParams): number[] {
  const total = drawTotalArea(rng, params);
  const k = rng.int(1, params.lesionCount);
  const weights = Array.from({ length: k }, () => rng.range(0.4, 1));
  const sum = weights.reduce((s, w) => s + w, 0);
  return weights.map((w) => (total * w) / sum);
}

export function generateImage(rng: Rng, params: SyntheticParams): { image: Float32Array; mask: Float32Array } {
  const { size, contrast, noise } = params;
  const n = size * size;
  const tissue = renderTissue(rng, size);
  const areas = drawLesionAreas(rng, params);
  const lesions = placeLesions(rng, areas, tissue.body, size);
  const intended = areas.reduce((s, a) => s + a, 0);
  const { alpha, mask, count } = renderLesions(lesions, size, intended);
  if (count === 0) {
    // A lesion smaller than a pixel can miss every pixel centre; keep f ≥ 1 so every image has a
    // foreground (per-image metrics like Dice are undefined otherwise) by marking its centre pixel.
    const l = lesions[0];
    const i = Math.min(size - 1, Math.floor(l.cy)) * size + Math.min(size - 1, Math.floor(l.cx));
    mask[i] = 1;
    alpha[i] = 1;
  }

  const image = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    // Bright lesions: intensity = local tissue + contrast, blended by the soft edge.
    let v = tissue.values[i] + contrast * alpha[i];
    if (noise > 0) {
      // Multiplicative speckle (relative std noise/2), then additive Gaussian (std noise).
      v = v * (1 + 0.5 * noise * rng.normal()) + noise * rng.normal();
    }
    image[i] = v < 0 ? 0 : v > 1 ? 1 : v;
  }
  return { image, mask };
}

function generateSet(params: SyntheticParams, stream: number, n: number): ImageSet {
  const px = params.size * params.size;
  const images = new Float32Array(n * px);
  const masks = new Float32Array(n * px);
  for (let k = 0; k < n; k++) {
    // One stream per image: the k-th image does not depend on how many images come before or after.
    const { image, mask } = generateImage(new Rng(deriveSeed(params.seed, stream, k)), params);
    images.set(image, k * px);
    masks.set(mask, k * px);
  }
  return { n, size: params.size, images, masks };
}

export function generateDataset(params: SyntheticParams): SyntheticDataset {
  validateParams(params);
  const train = generateSet(params, TRAIN_STREAM, params.trainSize);
  const val = generateSet(params, VAL_STREAM, params.valSize);
  let fg = 0;
  for (let i = 0; i < train.masks.length; i++) fg += train.masks[i];
  return { train, val, params: { ...params }, meanFgFraction: fg / train.masks.length };
}
