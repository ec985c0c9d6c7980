/**
 * The stock wasm Conv2DBackpropInput is a plain C++ loop nest, ~10× slower than XNNPACK's
 * forward convolution; on the default U-Net it was two thirds of a training step. It is the
 * input gradient of every 3×3 conv (stride 1) and the forward pass of every 2×2 stride-2
 * up-convolution, and both have an XNNPACK form:
 * - stride 1: a convolution of dy with the filter rotated by 180° and its channels swapped,
 *   padded by K − 1 − pad;
 * - kernel = stride without padding: every output pixel comes from exactly one tap, so a 1×1
 *   convolution to s·s·ci channels followed by DepthToSpace.
 * Anything else goes to the stock kernel.
 */
import type * as tf from '@tensorflow/tfjs';
import { nhwcConvInfo, type ConvGradAttrs } from '../convGeometry';
import { run, type KernelArgs, type WasmBackendLike } from './wasmBackend';

type InputAttrs = Omit<ConvGradAttrs, 'filterShape'> & { inputShape: [number, number, number, number] };

type ConvInfo = tf.backend_util.Conv2DInfo;

export function wasmConv2DBackpropInput(args: KernelArgs, stock: tf.KernelConfig): tf.TensorInfo {
  const attrs = args.attrs as unknown as InputAttrs;
  const dy = args.inputs.dy as tf.TensorInfo;
  const filter = args.inputs.filter as tf.TensorInfo;
  const fallback = () => stock.kernelFunc(args) as tf.TensorInfo;
  if (attrs.dataFormat !== 'NHWC') return fallback();
  const info = nhwcConvInfo(attrs.inputShape, filter.shape as [number, number, number, number], attrs);
  const { inHeight, inWidth, outHeight, outWidth, filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const { top, left } = info.padInfo;

  if (strideHeight === 1 && strideWidth === 1) return strideOne(args.backend, dy, filter, info) ?? fallback();

  const exactTiles =
    filterHeight === strideHeight &&
    filterWidth === strideWidth &&
    strideHeight === strideWidth &&
    top === 0 &&
    left === 0;
  if (exactTiles && outHeight * strideHeight === inHeight && outWidth * strideWidth === inWidth)
    return exactTiling(args.backend, dy, filter, info, attrs.inputShape);
  return fallback();
}

/** Stride 1: dy convolved with the flipped, channel-swapped filter; null when the padding does not allow it. */
function strideOne(
  backend: KernelArgs['backend'],
  dy: tf.TensorInfo,
  filter: tf.TensorInfo,
  info: ConvInfo,
): tf.TensorInfo | null {
  const { inHeight, inWidth, outHeight, outWidth, filterHeight, filterWidth } = info;
  const { top, left } = info.padInfo;
  const bottom = inHeight - outHeight + filterHeight - 1 - (filterHeight - 1 - top);
  const right = inWidth - outWidth + filterWidth - 1 - (filterWidth - 1 - left);
  if (top > filterHeight - 1 || left > filterWidth - 1 || bottom < 0 || right < 0) return null;
  const flipped = run('Reverse', backend, { x: filter }, { dims: [0, 1] });
  const swapped = run('Transpose', backend, { x: flipped }, { perm: [0, 1, 3, 2] });
  const pad: tf.backend_util.ExplicitPadding = [
    [0, 0],
    [filterHeight - 1 - top, bottom],
    [filterWidth - 1 - left, right],
    [0, 0],
  ];
  const dx = run(
    'Conv2D',
    backend,
    { x: dy, filter: swapped },
    { strides: [1, 1], pad, dataFormat: 'NHWC', dilations: [1, 1] },
  );
  release(backend, [flipped, swapped]);
  return dx;
}

/** Kernel = stride, no padding: a 1×1 convolution to s·s·ci channels, then DepthToSpace. */
function exactTiling(
  backend: KernelArgs['backend'],
  dy: tf.TensorInfo,
  filter: tf.TensorInfo,
  info: ConvInfo,
  inputShape: InputAttrs['inputShape'],
): tf.TensorInfo {
  const { inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, strideHeight } = info;
  const s = strideHeight;
  const heap = backend as unknown as WasmBackendLike;
  // [s, s, ci, co] → [co, s, s, ci] → a 1×1 filter whose output channel (i·s + j)·ci + c is
  // what DepthToSpace puts at offset (i, j) of each s×s tile, channel c.
  const byOutput = run('Transpose', backend, { x: filter }, { perm: [3, 0, 1, 2] });
  const oneByOne = run('Reshape', backend, { x: byOutput }, { shape: [1, 1, outChannels, s * s * inChannels] });
  const tiles = run(
    'Conv2D',
    backend,
    { x: dy, filter: oneByOne },
    { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', dilations: [1, 1] },
  );
  // DepthToSpace, as a copy loop: the stock kernel's generic strided C++ loop took 8 ms here.
  const dx = heap.makeOutput(inputShape, 'float32');
  const from = heap.typedArrayFromHeap(tiles);
  const to = heap.typedArrayFromHeap(dx);
  const c = inChannels;
  let k = 0;
  for (let n = 0; n < info.batchSize; n++) {
    for (let y = 0; y < outHeight; y++) {
      for (let x = 0; x < outWidth; x++) {
        for (let i = 0; i < s; i++) {
          let o = ((n * inHeight + y * s + i) * inWidth + x * s) * c;
          for (let j = 0; j < s; j++, o += c) for (let ch = 0; ch < c; ch++) to[o + ch] = from[k++];
        }
      }
    }
  }
  release(backend, [byOutput, oneByOne, tiles]);
  return dx;
}

/** Frees the intermediates (TensorInfos made here, never seen by the engine). */
function release(backend: KernelArgs['backend'], temps: tf.TensorInfo[]): void {
  const heap = backend as unknown as WasmBackendLike;
  for (const t of temps) heap.disposeData(t.dataId);
}
