import * as tf from '@tensorflow/tfjs';
import { nhwcConvInfo, type ConvGradAttrs } from './convGeometry';

/**
 * Kernels this project adds to or replaces in the WASM backend (tfjs-backend-wasm 4.22):
 * Conv2DBackpropFilter (missing), a faster Conv2DBackpropInput, GatherV2 with batchDims > 0
 * (the stock one reads out of bounds), a ClipByValue that keeps NaN (the stock one maps it
 * to the lower bound, which hid a diverged run behind a finite loss), and JavaScript loops for
 * the data movement of U-Net skips and pooling (Concat, SplitV, MaxPoolGrad), whose stock
 * versions copy a few floats per call or run generic strided C++ loops: 5–10× slower here. Each is checked against the CPU backend in
 * tests/unit/model.wasmKernels.test.ts.
 *
 * tfjs-backend-wasm has every kernel a U-Net training step needs except
 * Conv2DBackpropFilter (the weight gradient of conv2d and conv2dTranspose). This file registers
 * one for 'wasm' that reuses the backend's own XNNPACK convolution:
 *
 *   dW[kh, kw, ci, co] = Σ_{n, y, x} X[n, y·s + kh − top, x·s + kw − left, ci] · dY[n, y, x, co]
 *
 * is a stride-1 convolution of the transposed input Xᵀ = [ci, H, W, n] (ci as the batch, n as the
 * channels) with the transposed gradient dYᵀ = [Ho, Wo, n, co] as the filter, dilated by the
 * forward stride; its [ci, kh, kw, co] output is transposed back to [kh, kw, ci, co]. Three
 * transposes and one convolution, all native; a loop over the same sum in JavaScript is two
 * orders of magnitude slower.
 *
 * The wasm kernels are called directly with TensorInfos, as the backends do internally: no
 * tensors pass through the engine, so nothing of the caller's (x, dy) can be freed early, and
 * every intermediate is released here with disposeData.
 */

const KERNEL = 'Conv2DBackpropFilter';
const BACKEND = 'wasm';

/** The slice of BackendWasm these kernels need (the class is not part of tfjs's public types). */
interface WasmBackendLike {
  disposeData(dataId: object, force?: boolean): boolean;
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): tf.TypedArray;
}

type Attrs = ConvGradAttrs;

type KernelArgs = Parameters<tf.KernelFunc>[0];

/** Runs another registered wasm kernel on TensorInfos (its setup ran when the backend started). */
function run(
  name: string,
  backend: KernelArgs['backend'],
  inputs: tf.NamedTensorInfoMap,
  attrs: object,
): tf.TensorInfo {
  const kernel = tf.getKernel(name, BACKEND);
  if (!kernel) throw new Error(`The wasm backend has no ${name} kernel.`);
  return kernel.kernelFunc({ inputs, backend, attrs: attrs as unknown as tf.NamedAttrMap }) as tf.TensorInfo;
}

function wasmConv2DBackpropFilter(args: KernelArgs): tf.TensorInfo {
  const attrs = args.attrs as unknown as Attrs;
  const x = args.inputs.x as tf.TensorInfo;
  const dy = args.inputs.dy as tf.TensorInfo;
  const backend = args.backend;
  const disposer = backend as unknown as WasmBackendLike;
  if (attrs.dataFormat !== 'NHWC') throw new Error('The wasm Conv2DBackpropFilter kernel supports NHWC only.');
  const info = nhwcConvInfo(x.shape as [number, number, number, number], attrs.filterShape, attrs);
  const { inHeight, inWidth, outHeight, outWidth, filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  // Padding that makes the correlation's output exactly kh × kw; negative means the forward conv
  // never read the last rows/columns (stride and 'valid' padding), which are then cropped.
  const bottom = filterHeight + (outHeight - 1) * strideHeight - inHeight - top;
  const right = filterWidth + (outWidth - 1) * strideWidth - inWidth - left;

  const temps: tf.TensorInfo[] = [];
  let xT = run('Transpose', backend, { x }, { perm: [3, 1, 2, 0] });
  temps.push(xT);
  if (bottom < 0 || right < 0) {
    const [c, h, w, n] = xT.shape;
    xT = run(
      'Slice',
      backend,
      { x: xT },
      { begin: [0, 0, 0, 0], size: [c, h + Math.min(bottom, 0), w + Math.min(right, 0), n] },
    );
    temps.push(xT);
  }
  const dyT = run('Transpose', backend, { x: dy }, { perm: [1, 2, 0, 3] });
  temps.push(dyT);
  const corr = run(
    'Conv2D',
    backend,
    { x: xT, filter: dyT },
    {
      strides: [1, 1],
      pad: [
        [0, 0],
        [top, Math.max(bottom, 0)],
        [left, Math.max(right, 0)],
        [0, 0],
      ],
      dataFormat: 'NHWC',
      dilations: [strideHeight, strideWidth],
    },
  );
  temps.push(corr);
  const dw = run('Transpose', backend, { x: corr }, { perm: [1, 2, 0, 3] });
  for (const t of temps) disposer.disposeData(t.dataId);
  return dw;
}

type InputAttrs = Omit<ConvGradAttrs, 'filterShape'> & { inputShape: [number, number, number, number] };

let stockBackpropInput: tf.KernelConfig | null = null;

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
function wasmConv2DBackpropInput(args: KernelArgs): tf.TensorInfo {
  const attrs = args.attrs as unknown as InputAttrs;
  const dy = args.inputs.dy as tf.TensorInfo;
  const filter = args.inputs.filter as tf.TensorInfo;
  const backend = args.backend;
  const disposer = backend as unknown as WasmBackendLike;
  const stock = () => (stockBackpropInput as tf.KernelConfig).kernelFunc(args) as tf.TensorInfo;
  if (attrs.dataFormat !== 'NHWC') return stock();
  const info = nhwcConvInfo(attrs.inputShape, filter.shape as [number, number, number, number], attrs);
  const {
    inHeight,
    inWidth,
    inChannels,
    outHeight,
    outWidth,
    outChannels,
    filterHeight,
    filterWidth,
    strideHeight,
    strideWidth,
  } = info;
  const { top, left } = info.padInfo;
  const temps: tf.TensorInfo[] = [];
  const release = (result: tf.TensorInfo): tf.TensorInfo => {
    for (const t of temps) disposer.disposeData(t.dataId);
    return result;
  };

  if (strideHeight === 1 && strideWidth === 1) {
    const bottom = inHeight - outHeight + filterHeight - 1 - (filterHeight - 1 - top);
    const right = inWidth - outWidth + filterWidth - 1 - (filterWidth - 1 - left);
    if (top > filterHeight - 1 || left > filterWidth - 1 || bottom < 0 || right < 0) return stock();
    const flipped = run('Reverse', backend, { x: filter }, { dims: [0, 1] });
    temps.push(flipped);
    const swapped = run('Transpose', backend, { x: flipped }, { perm: [0, 1, 3, 2] });
    temps.push(swapped);
    const pad: tf.backend_util.ExplicitPadding = [
      [0, 0],
      [filterHeight - 1 - top, bottom],
      [filterWidth - 1 - left, right],
      [0, 0],
    ];
    return release(
      run(
        'Conv2D',
        backend,
        { x: dy, filter: swapped },
        { strides: [1, 1], pad, dataFormat: 'NHWC', dilations: [1, 1] },
      ),
    );
  }

  const exactTiles =
    filterHeight === strideHeight &&
    filterWidth === strideWidth &&
    strideHeight === strideWidth &&
    top === 0 &&
    left === 0;
  if (exactTiles && outHeight * strideHeight === inHeight && outWidth * strideWidth === inWidth) {
    const s = strideHeight;
    // [s, s, ci, co] → [co, s, s, ci] → a 1×1 filter whose output channel (i·s + j)·ci + c is
    // what DepthToSpace puts at offset (i, j) of each s×s tile, channel c.
    const byOutput = run('Transpose', backend, { x: filter }, { perm: [3, 0, 1, 2] });
    temps.push(byOutput);
    const oneByOne = run('Reshape', backend, { x: byOutput }, { shape: [1, 1, outChannels, s * s * inChannels] });
    temps.push(oneByOne);
    const tiles = run(
      'Conv2D',
      backend,
      { x: dy, filter: oneByOne },
      { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', dilations: [1, 1] },
    );
    temps.push(tiles);
    // DepthToSpace, as a copy loop: the stock kernel's generic strided C++ loop took 8 ms here.
    const dx = disposer.makeOutput(attrs.inputShape, 'float32');
    const from = disposer.typedArrayFromHeap(tiles);
    const to = disposer.typedArrayFromHeap(dx);
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
    return release(dx);
  }
  return stock();
}

let stockGather: tf.KernelConfig | null = null;

/**
 * GatherV2 with batchDims > 0 (a per-row index, as the stage check and the composed CBL weights
 * use to read each row's k-th largest value): the stock wasm kernel accesses memory out of
 * bounds. These gathers are tiny (one value per row), so a copy loop over heap views does them;
 * batchDims = 0 (batch selection) stays with the stock kernel.
 */
function wasmGatherV2(args: KernelArgs): tf.TensorInfo {
  const { axis, batchDims } = args.attrs as unknown as { axis: number; batchDims: number };
  if (!batchDims) return (stockGather as tf.KernelConfig).kernelFunc(args) as tf.TensorInfo;
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

/**
 * Concat as block copies. The stock wasm kernel calls TypedArray.set on a fresh subarray for
 * every (row, input), i.e. twice per pixel for a channel concat of the U-Net's skips.
 */
function wasmConcat(args: KernelArgs, stock: tf.KernelConfig): tf.TensorInfo {
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
function wasmSplitV(args: KernelArgs, stock: tf.KernelConfig): tf.TensorInfo[] {
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

/**
 * MaxPoolGrad for windows that tile the input exactly (the U-Net's 2×2 stride-2 pools): each
 * dy value goes to the first maximum of its window in scan order, as the CPU kernel does (ties
 * are common: ReLU zeros). Other shapes go to the stock kernel.
 */
function wasmMaxPoolGrad(args: KernelArgs, stock: tf.KernelConfig): tf.TensorInfo {
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

let stockClip: tf.KernelConfig | null = null;

/**
 * XNNPACK's clamp turns NaN into the lower bound, so the losses' clamped probabilities made a
 * diverged network (NaN weights) report a finite loss and NaN recovery never ran. The CPU and
 * GPU backends keep NaN; this restores that after the stock kernel.
 */
function wasmClipByValue(args: KernelArgs): tf.TensorInfo {
  const out = (stockClip as tf.KernelConfig).kernelFunc(args) as tf.TensorInfo;
  const x = args.inputs.x as tf.TensorInfo;
  if (x.dtype !== 'float32') return out;
  const backend = args.backend as unknown as WasmBackendLike;
  const xs = backend.typedArrayFromHeap(x);
  const os = backend.typedArrayFromHeap(out);
  for (let i = 0; i < xs.length; i++) if (xs[i] !== xs[i]) os[i] = NaN;
  return out;
}

let registered = false;

/**
 * Registers the wasm Conv2DBackpropFilter kernel and swaps in the faster Conv2DBackpropInput and
 * the batched GatherV2 and NaN-keeping ClipByValue (idempotent). Needs the wasm backend's module loaded (its Conv2D,
 * Transpose, Reverse, Slice, Reshape and DepthToSpace kernels registered); a no-op before.
 */
export function registerWasmKernels(): void {
  if (registered || !tf.getKernel('Conv2D', BACKEND)) return;
  registered = true;
  if (!tf.getKernel(KERNEL, BACKEND))
    tf.registerKernel({
      kernelName: KERNEL,
      backendName: BACKEND,
      kernelFunc: wasmConv2DBackpropFilter as tf.KernelFunc,
    });
  const stock = tf.getKernel('Conv2DBackpropInput', BACKEND);
  if (stock) {
    stockBackpropInput = stock;
    tf.unregisterKernel('Conv2DBackpropInput', BACKEND);
    tf.registerKernel({ ...stock, kernelFunc: wasmConv2DBackpropInput as tf.KernelFunc });
  }
  const clip = tf.getKernel('ClipByValue', BACKEND);
  if (clip) {
    stockClip = clip;
    tf.unregisterKernel('ClipByValue', BACKEND);
    tf.registerKernel({ ...clip, kernelFunc: wasmClipByValue as tf.KernelFunc });
  }
  const wrap = (
    name: string,
    kernel: (args: KernelArgs, stock: tf.KernelConfig) => tf.TensorInfo | tf.TensorInfo[],
  ) => {
    const stockKernel = tf.getKernel(name, BACKEND);
    if (!stockKernel) return;
    tf.unregisterKernel(name, BACKEND);
    tf.registerKernel({
      ...stockKernel,
      kernelFunc: ((args: KernelArgs) => kernel(args, stockKernel)) as tf.KernelFunc,
    });
  };
  wrap('Concat', wasmConcat);
  wrap('SplitV', wasmSplitV);
  wrap('MaxPoolGrad', wasmMaxPoolGrad);
  const gather = tf.getKernel('GatherV2', BACKEND);
  if (gather) {
    stockGather = gather;
    tf.unregisterKernel('GatherV2', BACKEND);
    tf.registerKernel({ ...gather, kernelFunc: wasmGatherV2 as tf.KernelFunc });
  }
}
