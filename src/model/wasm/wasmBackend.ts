/** What the wasm kernels of this folder share: the backend's name, its internals they use, and kernel-to-kernel calls. */
import * as tf from '@tensorflow/tfjs';

export const BACKEND = 'wasm';

/** The slice of BackendWasm these kernels need (the class is not part of tfjs's public types). */
export interface WasmBackendLike {
  disposeData(dataId: object, force?: boolean): boolean;
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): tf.TypedArray;
}

export type KernelArgs = Parameters<tf.KernelFunc>[0];

/** Runs another registered wasm kernel on TensorInfos (its setup ran when the backend started). */
export function run(
  name: string,
  backend: KernelArgs['backend'],
  inputs: tf.NamedTensorInfoMap,
  attrs: object,
): tf.TensorInfo {
  const kernel = tf.getKernel(name, BACKEND);
  if (!kernel) throw new Error(`The wasm backend has no ${name} kernel.`);
  return kernel.kernelFunc({ inputs, backend, attrs: attrs as unknown as tf.NamedAttrMap }) as tf.TensorInfo;
}
