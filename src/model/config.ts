/** Shape and seed of the segmentation network; plain data so it can cross a Worker boundary. */
export interface UNetConfig {
  /** Input side in pixels; inputs are square grayscale maps [n, size, size, 1]. */
  size: 32 | 64 | 128;
  /** Number of 2×2 max-pool down-sampling steps (encoder depth). */
  levels: 2 | 3 | 4;
  /** Channels at the first level; doubles per level. Integer in [4, 32]. */
  baseWidth: number;
  /** Integer in [0, MAX_SEED]: the same seed always gives identical initial weights. */
  seed: number;
}

/**
 * ~121k parameters, ~35 M multiply-adds per 64×64 image forward: cheap on WebGPU/WebGL, and a
 * batch-8 step takes a few seconds on the tfjs CPU backend (with enableFastCpuConvGrad), while the
 * 8×8 bottleneck still sees context well beyond a single blob.
 */
export const UNET_DEFAULTS: UNetConfig = Object.freeze({ size: 64, levels: 3, baseWidth: 8, seed: 1 });

export const UNET_SIZES: readonly number[] = [32, 64, 128];
export const UNET_LEVELS: readonly number[] = [2, 3, 4];
export const MIN_BASE_WIDTH = 4;
export const MAX_BASE_WIDTH = 32;
/**
 * Per-layer seeds are derived as seed·1000 + layer + 1; capping the seed keeps them exact
 * integers (well below 2^53) so distinct seeds can never collide.
 */
export const MAX_SEED = 2_147_483_647;

/**
 * Lists every problem with a config as a human-readable sentence ([] when valid). Checks run on
 * runtime values, which may come from a form or URL and ignore the literal types above.
 */
export function validateUNetConfig(c: UNetConfig): string[] {
  const problems: string[] = [];
  const { size, levels, baseWidth, seed } = c;
  if (!UNET_SIZES.includes(size)) problems.push(`size must be one of ${UNET_SIZES.join(', ')} (got ${size})`);
  if (!UNET_LEVELS.includes(levels)) problems.push(`levels must be one of ${UNET_LEVELS.join(', ')} (got ${levels})`);
  if (Number.isInteger(size) && Number.isInteger(levels) && levels > 0 && size % 2 ** levels !== 0) {
    problems.push(`size must be divisible by 2^levels = ${2 ** levels} (got size ${size}, levels ${levels})`);
  }
  if (!Number.isInteger(baseWidth) || baseWidth < MIN_BASE_WIDTH || baseWidth > MAX_BASE_WIDTH) {
    problems.push(`baseWidth must be an integer in [${MIN_BASE_WIDTH}, ${MAX_BASE_WIDTH}] (got ${baseWidth})`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    problems.push(`seed must be an integer in [0, ${MAX_SEED}] (got ${seed})`);
  }
  return problems;
}
