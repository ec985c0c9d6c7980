/**
 * Concat and SplitV, the data movement of the U-Net's skip connections, as block copies over
 * heap views: the stock wasm kernels copy a few floats per call or run generic strided loops.
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelArgs, WasmBackendLike } from './wasmBackend';

/**
 * Concat as block copies. The stock wasm kernel calls TypedArray.set on a fresh subarray for
 * every (row, input), i.e. twice per pixel for a channel concat of the U-Net's skips.
 */
export function wasmConcat(args: KernelArgs, stock: tf.KernelConfig): tf.TensorInfo {
  const { axis } = args.attrs as unknown as { axis: number };
  const all = Object.values(args.inputs) as tf.TensorInfo[];
  const inputs = all.filter((t) => tf.util.sizeFromShape(t.shape) > 0);
  if (inputs.length < 2 || inputs.some((t) => t.dtype === 'string' || t.dtype === 'complex64'))
    return stock.kernelFunc(args) as tf.TensorInfo;
  const ax = tf.util.parseAxisParam(axis, inputs[0].shape)[0];
  const outShape = tf.backend_util.computeOutShape(
    inputs.map((t) => t.shape),
    ax,
  );
  const backend = args.backend as unknown as WasmBackendLike;
  const out = backend.makeOutput(outShape, inputs[0].dtype);
  const views = inputs.map((t) => backend.typedArrayFromHeap(t));
  const to = backend.typedArrayFromHeap(out);
  const rows = tf.util.sizeFromShape(outShape.slice(0, ax));
  const inner = inputs.map((t) => tf.util.sizeFromShape(t.shape.slice(ax)));
  copyBlocks(rows, views, inner, to, tf.util.sizeFromShape(outShape.slice(ax)), 'gather');
  return out;
}

/** SplitV as block copies (the stock kernel slices each output with a generic strided loop). */
export function wasmSplitV(args: KernelArgs, stock: tf.KernelConfig): tf.TensorInfo[] {
  const { numOrSizeSplits, axis } = args.attrs as unknown as { numOrSizeSplits: number[] | number; axis: number };
  const x = args.inputs.x as tf.TensorInfo;
  if (x.dtype === 'string' || x.dtype === 'complex64') return stock.kernelFunc(args) as tf.TensorInfo[];
  const ax = tf.util.parseAxisParam(axis, x.shape)[0];
  const sizes = tf.backend_util.prepareSplitSize(x as tf.Tensor, numOrSizeSplits, ax);
  const backend = args.backend as unknown as WasmBackendLike;
  const outs = sizes.map((size) =>
    backend.makeOutput(
      x.shape.map((d, i) => (i === ax ? size : d)),
      x.dtype,
    ),
  );
  const from = backend.typedArrayFromHeap(x);
  const views = outs.map((o) => backend.typedArrayFromHeap(o));
  const rows = tf.util.sizeFromShape(x.shape.slice(0, ax));
  const inner = outs.map((o) => tf.util.sizeFromShape(o.shape.slice(ax)));
  copyBlocks(rows, views, inner, from, tf.util.sizeFromShape(x.shape.slice(ax)), 'scatter');
  return outs;
}

/**
 * Row by row, the parts' blocks (`inner[p]` values each) laid side by side in `whole`
 * (`wholeInner` per row): 'gather' copies parts into whole, 'scatter' whole into parts. Short
 * blocks use a plain loop (a subarray per block costs more than the copy).
 */
function copyBlocks(
  rows: number,
  parts: tf.TypedArray[],
  inner: number[],
  whole: tf.TypedArray,
  wholeInner: number,
  direction: 'gather' | 'scatter',
): void {
  let offset = 0;
  parts.forEach((part, p) => {
    const len = inner[p];
    for (let r = 0; r < rows; r++) {
      const w = r * wholeInner + offset;
      const q = r * len;
      if (len >= 64) {
        if (direction === 'gather') whole.set(part.subarray(q, q + len), w);
        else part.set(whole.subarray(w, w + len), q);
      } else if (direction === 'gather') {
        for (let i = 0; i < len; i++) whole[w + i] = part[q + i];
      } else {
        for (let i = 0; i < len; i++) part[q + i] = whole[w + i];
      }
    }
    offset += len;
  });
}
