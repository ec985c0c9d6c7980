import type * as tf from '@tensorflow/tfjs';
import type { KernelArgs, WasmBackendLike } from './wasmBackend';

/**
 * XNNPACK's clamp turns NaN into the lower bound, so the losses' clamped probabilities made a
 * diverged network (NaN weights) report a finite loss and NaN recovery never ran. The CPU and
 * GPU backends keep NaN; this restores that after the stock kernel.
 */
export function wasmClipByValue(args: KernelArgs, stock: tf.KernelConfig): tf.TensorInfo {
  const out = stock.kernelFunc(args) as tf.TensorInfo;
  const x = args.inputs.x as tf.TensorInfo;
  if (x.dtype !== 'float32') return out;
  const backend = args.backend as unknown as WasmBackendLike;
  const xs = backend.typedArrayFromHeap(x);
  const os = backend.typedArrayFromHeap(out);
  for (let i = 0; i < xs.length; i++) if (xs[i] !== xs[i]) os[i] = NaN;
  return out;
}
