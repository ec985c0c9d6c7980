import * as tf from '@tensorflow/tfjs';
import type { CblMix } from './cblWeights';
import { kthLargestInPlace } from '../core/select';

/**
 * The same weights as composedCblWeights, fused into one JS pass per image as a tfjs kernel for
 * the CPU and WASM backends. Composed ops cost ~0.5 ms each on CPU and the full-row sort dominates; here
 * the k-th largest background value comes from an O(N) quickselect. Arithmetic mirrors the
 * float32 comparisons of the composed path (q and t_h rounded to float32).
 */
export const CBL_WEIGHTS_KERNEL = 'BalanceLossCblWeights';

/** What this kernel needs of the CPU backend (its typed-array storage and tensor factory). */
interface CpuBackendLike {
  data: { get(dataId: object): { values: unknown } };
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): tf.TensorInfo;
}

/** What it needs of the WASM backend: tensors live in the module's heap, viewed as typed arrays. */
interface WasmBackendLike {
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
}

/** The backends this kernel is registered for (cbl.ts takes the fused path on these). */
export const FUSED_CBL_BACKENDS: readonly string[] = ['cpu', 'wasm'];

type KernelAttrs = { intra: number; inter: number; tHard: number; eps: number };

function rowWeights(
  pc: Float32Array,
  fg: Float32Array,
  out: Float32Array,
  attrs: KernelAttrs,
  scratch: Float64Array,
): void {
  const width = pc.length;
  const tHard = Math.fround(attrs.tHard);
  let f = 0;
  let fgHard = 0;
  let bgHard = 0;
  let b = 0;
  for (let i = 0; i < width; i++) {
    const isFg = fg[i] > 0.5;
    const q = isFg ? pc[i] : Math.fround(1 - pc[i]);
    if (isFg) {
      f++;
      if (q <= tHard) fgHard++;
    } else {
      scratch[b++] = pc[i];
      if (q <= tHard) bgHard++;
    }
  }
  const inv = (c: number): number => (c > 0 ? 1 / c : 0);
  const wFgHard = inv(fgHard);
  const wFgEasy = inv(f - fgHard);
  const wBgHard = inv(bgHard);
  const wBgEasy = inv(b - bgHard);
  const k = Math.min(f, b);
  const kth = k > 0 ? kthLargestInPlace(scratch.subarray(0, b), k) : Infinity;
  let above = 0;
  let tied = 0;
  if (k > 0) {
    for (let i = 0; i < width; i++) {
      if (fg[i] > 0.5) continue;
      if (pc[i] > kth) above++;
      else if (pc[i] === kth) tied++;
    }
  }
  const tiedShare = tied > 0 ? (k - above) / tied : 0;
  // Easy background: 1/N in the authors' code ('reference', sent as ε < 0), ε/|H| for a numeric
  // ε (docs/design.md §1.3); with H empty (f = 0) both are Σ_BG ℓ / N.
  const reference = attrs.eps < 0;
  const wH = inv(k);
  const wE = reference || k === 0 ? 1 / width : attrs.eps / k;
  const wFg = inv(f);
  for (let i = 0; i < width; i++) {
    let intra: number;
    let inter: number;
    if (fg[i] > 0.5) {
      intra = pc[i] <= tHard ? wFgHard : wFgEasy;
      inter = wFg;
    } else {
      intra = Math.fround(1 - pc[i]) <= tHard ? wBgHard : wBgEasy;
      const h = pc[i] > kth ? 1 : pc[i] === kth ? tiedShare : 0;
      inter = h * wH + (1 - h) * wE;
    }
    out[i] = attrs.intra * intra + attrs.inter * inter;
  }
}

function weightsInto(
  pc: Float32Array,
  fg: Float32Array,
  out: Float32Array,
  n: number,
  width: number,
  attrs: KernelAttrs,
): void {
  const scratch = new Float64Array(width);
  for (let r = 0; r < n; r++) {
    const span = [r * width, (r + 1) * width] as const;
    rowWeights(pc.subarray(...span), fg.subarray(...span), out.subarray(...span), attrs, scratch);
  }
}

let registered = false;
export function registerCpuCblWeights(): void {
  if (registered) return;
  registered = true;
  tf.registerKernel({
    kernelName: CBL_WEIGHTS_KERNEL,
    backendName: 'cpu',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const cpu = backend as unknown as CpuBackendLike;
      const { pc, fg } = inputs as { pc: tf.TensorInfo; fg: tf.TensorInfo };
      const [n, width] = pc.shape;
      const out = new Float32Array(n * width);
      weightsInto(
        cpu.data.get(pc.dataId).values as Float32Array,
        cpu.data.get(fg.dataId).values as Float32Array,
        out,
        n,
        width,
        attrs as unknown as KernelAttrs,
      );
      return cpu.makeTensorInfo([n, width], 'float32', out);
    },
  });
  // The WASM backend's composed path needs a batched gather that tfjs-backend-wasm 4.22 gets
  // wrong (out-of-bounds access), and its full-row topk is a sort: the same pass runs on heap views.
  tf.registerKernel({
    kernelName: CBL_WEIGHTS_KERNEL,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const wasm = backend as unknown as WasmBackendLike;
      const { pc, fg } = inputs as { pc: tf.TensorInfo; fg: tf.TensorInfo };
      const [n, width] = pc.shape;
      // Allocate first: allocation can grow the heap, which detaches views taken before it.
      const out = wasm.makeOutput([n, width], 'float32');
      weightsInto(
        wasm.typedArrayFromHeap(pc),
        wasm.typedArrayFromHeap(fg),
        wasm.typedArrayFromHeap(out),
        n,
        width,
        attrs as unknown as KernelAttrs,
      );
      return out;
    },
  });
}

/** Runs the fused kernel; the caller checks that the active backend is one of FUSED_CBL_BACKENDS. */
export function fusedCblWeights(pc: tf.Tensor2D, fg: tf.Tensor2D, mix: CblMix): tf.Tensor2D {
  registerCpuCblWeights();
  const attrs = { intra: mix.intra, inter: mix.inter, tHard: mix.tHard, eps: mix.eps === 'reference' ? -1 : mix.eps };
  return tf.engine().runKernel(CBL_WEIGHTS_KERNEL, { pc, fg }, attrs) as tf.Tensor2D;
}
