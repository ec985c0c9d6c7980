import * as tf from '@tensorflow/tfjs';

/**
 * Hands out per-model layer names and kernel seeds. Explicit names keep the graph independent of
 * tfjs's global auto-naming counter, so the n-th model built in a process looks like the first.
 */
export class LayerFactory {
  private convIndex = 0;

  constructor(
    readonly prefix: string,
    private readonly seed: number,
  ) {}

  name(suffix: string): string {
    return `${this.prefix}_${suffix}`;
  }

  /**
   * Each conv gets its own derived seed. The +1 matters: tfjs treats seed 0 as "no seed" and
   * falls back to Math.random (rand_util `seed ? seed : Math.random()`).
   */
  private kernelInitializer(): ReturnType<typeof tf.initializers.heNormal> {
    const seed = this.seed * 1000 + this.convIndex + 1;
    this.convIndex += 1;
    return tf.initializers.heNormal({ seed });
  }

  conv(
    x: tf.SymbolicTensor,
    suffix: string,
    filters: number,
    opts: { kernelSize?: number; activation?: 'relu' | 'sigmoid'; biasInit?: number } = {},
  ): tf.SymbolicTensor {
    const layer = tf.layers.conv2d({
      name: this.name(suffix),
      filters,
      kernelSize: opts.kernelSize ?? 3,
      padding: 'same',
      activation: opts.activation ?? 'relu',
      kernelInitializer: this.kernelInitializer(),
      biasInitializer: tf.initializers.constant({ value: opts.biasInit ?? 0 }),
    });
    return apply(layer, x);
  }

  /**
   * 2×2 stride-2 transposed conv: doubles H and W, each output pixel fed by exactly one tap.
   * Linear, as in the original U-Net: the 3×3 convs right after the skip concat apply the ReLU.
   */
  upConv(x: tf.SymbolicTensor, suffix: string, filters: number): tf.SymbolicTensor {
    const layer = tf.layers.conv2dTranspose({
      name: this.name(suffix),
      filters,
      kernelSize: 2,
      strides: 2,
      padding: 'same',
      kernelInitializer: this.kernelInitializer(),
      biasInitializer: 'zeros',
    });
    return apply(layer, x);
  }
}

/** Layer.apply is typed for eager and symbolic inputs alike; here it is always symbolic. */
export function apply(layer: tf.layers.Layer, x: tf.SymbolicTensor | tf.SymbolicTensor[]): tf.SymbolicTensor {
  return layer.apply(x) as tf.SymbolicTensor;
}
