/**
 * tfjs-backend-wasm has every kernel a U-Net training step needs except Conv2DBackpropFilter
 * (the weight gradient of conv2d and conv2dTranspose). This one reuses the backend's own XNNPACK
 * convolution:
 *
 *   dW[kh, kw, ci, co] = Σ_{n, y, x} X[n, y·s + kh − top, x·s + kw − left, ci] · dY[n, y, x, co]
 *
 * is a stride-1 convolution of the transposed input Xᵀ = [ci, H, W, n] (ci as the batch, n as the
 * channels) with the transposed gradient dYᵀ = [Ho, Wo, n, co] as the filter, dilated by the
 * forward stride; its [ci, kh, kw, co] output is transposed back to [kh, kw, ci, co]. Three
 * transposes and one convolution, all native; a loop over the same sum in JavaScript is two
 * orders of magnitude slower.
 */
import type * as tf from '@tensorflow/tfjs';
import { nhwcConvInfo, type ConvGradAttrs } from '../convGeometry';
import { run, type KernelArgs, type WasmBackendLike } from './wasmBackend';

export function wasmConv2DBackpropFilter(args: KernelArgs): tf.TensorInfo {
  const attrs = args.attrs as unknown as ConvGradAttrs;
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
