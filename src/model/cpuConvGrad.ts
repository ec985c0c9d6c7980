import * as tf from '@tensorflow/tfjs';
import { nhwcConvInfo, type ConvGradAttrs } from './convGeometry';

/**
 * The tfjs 4.22 CPU kernel for Conv2DBackpropFilter reads every element through
 * TensorBuffer.get(...) in a loop nest that strides across channels, so on the default U-Net it
 * costs ~40× the forward convolution and makes one Node training step take over a minute. This
 * file swaps in a kernel with the same math (and the same loop shape as the CPU forward conv:
 * flat typed-array offsets, contiguous innermost loop). Only NHWC is handled; any other layout
 * falls back to the original kernel. WebGL/WebGPU kernels are untouched.
 */

const KERNEL = 'Conv2DBackpropFilter';
const BACKEND = 'cpu';

/** The slice of MathBackendCPU this kernel needs (the class itself is not a public export). */
interface CpuBackendLike {
  data: { get(dataId: object): { values?: unknown } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
}

type Attrs = ConvGradAttrs;

let original: tf.KernelConfig | null = null;

function fastConv2DBackpropFilter(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo | tf.TensorInfo[] {
  const attrs = args.attrs as unknown as Attrs;
  const x = args.inputs.x as tf.TensorInfo;
  const dy = args.inputs.dy as tf.TensorInfo;
  const backend = args.backend as CpuBackendLike;
  const xVals = backend.data.get(x.dataId).values;
  const dyVals = backend.data.get(dy.dataId).values;
  if (attrs.dataFormat !== 'NHWC' || !(xVals instanceof Float32Array) || !(dyVals instanceof Float32Array)) {
    return (original as tf.KernelConfig).kernelFunc(args);
  }
  const info = nhwcConvInfo(x.shape as [number, number, number, number], attrs.filterShape, attrs);
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  // Float64 accumulation: each weight sums batch·H·W products, too many for float32 to hold exactly.
  const acc = new Float64Array(filterHeight * filterWidth * inChannels * outChannels);

  for (let b = 0; b < batchSize; b++) {
    for (let yR = 0; yR < outHeight; yR++) {
      const xRCorner = yR * strideHeight - top;
      for (let wR = 0; wR < filterHeight; wR++) {
        const xR = xRCorner + wR;
        if (xR < 0 || xR >= inHeight) continue;
        for (let yC = 0; yC < outWidth; yC++) {
          const dyOff = ((b * outHeight + yR) * outWidth + yC) * outChannels;
          const xCCorner = yC * strideWidth - left;
          for (let wC = 0; wC < filterWidth; wC++) {
            const xC = xCCorner + wC;
            if (xC < 0 || xC >= inWidth) continue;
            const xOff = ((b * inHeight + xR) * inWidth + xC) * inChannels;
            let wOff = (wR * filterWidth + wC) * inChannels * outChannels;
            for (let ci = 0; ci < inChannels; ci++, wOff += outChannels) {
              const xv = xVals[xOff + ci];
              if (xv === 0) continue; // post-ReLU activations are about half zeros
              for (let co = 0; co < outChannels; co++) acc[wOff + co] += xv * dyVals[dyOff + co];
            }
          }
        }
      }
    }
  }
  return backend.makeTensorInfo(attrs.filterShape, 'float32', Float32Array.from(acc));
}

/**
 * Replaces the CPU Conv2DBackpropFilter kernel process-wide (idempotent). Call once before
 * training on the CPU backend (Node engine, unit tests); harmless elsewhere.
 */
export function enableFastCpuConvGrad(): void {
  if (original) return;
  const current = tf.getKernel(KERNEL, BACKEND);
  if (!current) return; // CPU backend not bundled: nothing to speed up
  original = current;
  tf.unregisterKernel(KERNEL, BACKEND);
  tf.registerKernel({ ...current, kernelFunc: fastConv2DBackpropFilter as tf.KernelFunc });
}

/** Restores the stock tfjs kernel (used by tests to compare the two). */
export function disableFastCpuConvGrad(): void {
  if (!original) return;
  tf.unregisterKernel(KERNEL, BACKEND);
  tf.registerKernel(original);
  original = null;
}

export function isFastCpuConvGradEnabled(): boolean {
  return original !== null;
}
