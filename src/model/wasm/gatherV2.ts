/**
 * GatherV2 with batchDims > 0 (a per-row index, as the stage check and the composed CBL weights
 * use to read each row's k-th largest value): the stock wasm kernel accesses memory out of
 * bounds. These gathers are tiny (one value per row), so a copy loop over heap views does them;
 * batchDims = 0 (batch selection) stays with the stock kernel.
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelArgs, WasmBackendLike } from './wasmBackend';

export function wasmGatherV2(args: KernelArgs, stock: tf.KernelConfig): tf.TensorInfo {
  const { axis, batchDims } = args.attrs as unknown as { axis: number; batchDims: number };
  if (!batchDims) return stock.kernelFunc(args) as tf.TensorInfo;
  const x = args.inputs.x as tf.TensorInfo;
  const indices = args.inputs.indices as tf.TensorInfo;
  const backend = args.backend as unknown as WasmBackendLike;
  const parsedAxis = axis < 0 ? axis + x.shape.length : axis;
  const info = tf.backend_util.segment_util.collectGatherOpShapeInfo(
    x as tf.Tensor,
    indices as tf.Tensor,
    parsedAxis,
    batchDims,
  );
  const { batchSize, outerSize, dimSize, sliceSize, outputShape } = info;
  const perBatch = tf.util.sizeFromShape(indices.shape) / batchSize;
  // Allocate first: allocation can grow the heap, which detaches views taken before it.
  const out = backend.makeOutput(outputShape, x.dtype);
  const xs = backend.typedArrayFromHeap(x);
  const idx = backend.typedArrayFromHeap(indices);
  const os = backend.typedArrayFromHeap(out);
  let o = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let outer = 0; outer < outerSize; outer++) {
      for (let k = 0; k < perBatch; k++) {
        const index = idx[b * perBatch + k];
        if (!(index >= 0 && index < dimSize))
          throw new Error(`GatherV2: the index value ${index} is not in [0, ${dimSize - 1}]`);
        const from = ((b * outerSize + outer) * dimSize + index) * sliceSize;
        for (let s = 0; s < sliceSize; s++) os[o++] = xs[from + s];
      }
    }
  }
  return out;
}
