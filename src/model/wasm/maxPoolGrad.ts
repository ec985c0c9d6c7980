import * as tf from '@tensorflow/tfjs';
import type { KernelArgs, WasmBackendLike } from './wasmBackend';

/**
 * MaxPoolGrad for windows that tile the input exactly (the U-Net's 2×2 stride-2 pools): each
 * dy value goes to the first maximum of its window in scan order, as the CPU kernel does (ties
 * are common: ReLU zeros). Other shapes go to the stock kernel.
 */
export function wasmMaxPoolGrad(args: KernelArgs, stock: tf.KernelConfig): tf.TensorInfo {
  const { filterSize, strides, pad, dimRoundingMode } = args.attrs as unknown as {
    filterSize: [number, number] | number;
    strides: [number, number] | number;
    pad: 'valid' | 'same' | number;
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
  };
  const dy = args.inputs.dy as tf.TensorInfo;
  const x = args.inputs.input as tf.TensorInfo;
  const info = tf.backend_util.computePool2DInfo(
    x.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const {
    batchSize,
    inHeight,
    inWidth,
    inChannels,
    outHeight,
    outWidth,
    filterHeight,
    filterWidth,
    strideHeight,
    strideWidth,
  } = info;
  const tiles =
    filterHeight === strideHeight && filterWidth === strideWidth && info.padInfo.top === 0 && info.padInfo.left === 0;
  if (!tiles || outHeight * strideHeight !== inHeight || outWidth * strideWidth !== inWidth || x.dtype !== 'float32')
    return stock.kernelFunc(args) as tf.TensorInfo;
  const backend = args.backend as unknown as WasmBackendLike;
  const dx = backend.makeOutput(x.shape, 'float32');
  const xs = backend.typedArrayFromHeap(x);
  const ds = backend.typedArrayFromHeap(dy);
  const out = backend.typedArrayFromHeap(dx);
  out.fill(0);
  const c = inChannels;
  let k = 0;
  for (let n = 0; n < batchSize; n++) {
    for (let y = 0; y < outHeight; y++) {
      for (let xo = 0; xo < outWidth; xo++) {
        const corner = ((n * inHeight + y * strideHeight) * inWidth + xo * strideWidth) * c;
        for (let ch = 0; ch < c; ch++, k++) {
          let best = -Infinity;
          let at = -1;
          for (let i = 0; i < filterHeight; i++) {
            for (let j = 0; j < filterWidth; j++) {
              const o = corner + (i * inWidth + j) * c + ch;
              if (at < 0 || xs[o] > best) {
                best = xs[o];
                at = o;
              }
            }
          }
          out[at] += ds[k];
        }
      }
    }
  }
  return dx;
}
