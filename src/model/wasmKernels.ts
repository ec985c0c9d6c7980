import * as tf from '@tensorflow/tfjs';
import { wasmConcat, wasmSplitV } from './wasm/blockCopies';
import { wasmClipByValue } from './wasm/clipByValue';
import { wasmConv2DBackpropFilter } from './wasm/convFilterGrad';
import { wasmConv2DBackpropInput } from './wasm/convInputGrad';
import { wasmGatherV2 } from './wasm/gatherV2';
import { wasmMaxPoolGrad } from './wasm/maxPoolGrad';
import { BACKEND, type KernelArgs } from './wasm/wasmBackend';

/**
 * Kernels this project adds to or replaces in the WASM backend (tfjs-backend-wasm 4.22), one
 * family per file in ./wasm/: Conv2DBackpropFilter (missing; convFilterGrad.ts), a faster
 * Conv2DBackpropInput (convInputGrad.ts), GatherV2 with batchDims > 0 (the stock one reads out
 * of bounds; gatherV2.ts), a ClipByValue that keeps NaN (the stock one maps it to the lower
 * bound, which hid a diverged run behind a finite loss; clipByValue.ts), and JavaScript loops
 * for the data movement of U-Net skips and pooling (Concat, SplitV in blockCopies.ts,
 * MaxPoolGrad in maxPoolGrad.ts), whose stock versions copy a few floats per call or run generic
 * strided C++ loops: 5–10× slower here. Each is checked against the CPU backend in
 * tests/unit/model.wasmKernels.test.ts.
 *
 * The wasm kernels are called directly with TensorInfos, as the backends do internally: no
 * tensors pass through the engine, so nothing of the caller's (x, dy) can be freed early, and
 * every intermediate is released with disposeData.
 */

const KERNEL = 'Conv2DBackpropFilter';

type Replacement = (args: KernelArgs, stock: tf.KernelConfig) => tf.TensorInfo | tf.TensorInfo[];

/** Puts `kernel` in place of the stock wasm kernel `name`, which it may call as its fallback. */
function replace(name: string, kernel: Replacement): void {
  const stock = tf.getKernel(name, BACKEND);
  if (!stock) return;
  tf.unregisterKernel(name, BACKEND);
  tf.registerKernel({ ...stock, kernelFunc: ((args: KernelArgs) => kernel(args, stock)) as tf.KernelFunc });
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
  replace('Conv2DBackpropInput', wasmConv2DBackpropInput);
  replace('ClipByValue', wasmClipByValue);
  replace('Concat', wasmConcat);
  replace('SplitV', wasmSplitV);
  replace('MaxPoolGrad', wasmMaxPoolGrad);
  replace('GatherV2', wasmGatherV2);
}
