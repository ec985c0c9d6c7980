import * as tf from '@tensorflow/tfjs';
import { enableFastCpuConvGrad } from '../model/cpuConvGrad';
import { registerWasmKernels } from '../model/wasmKernels';
import type { BackendName, BackendReport } from './protocol';

/**
 * Every backend training can run on, in the fallback order used when nothing else decides
 * (docs/design.md §1.5). WASM trains since src/model/wasmKernels.ts supplies its missing weight gradient;
 * where there is no real GPU it is the fastest, which the probe (probe.ts) finds out.
 */
export const TRAINING_BACKENDS: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** Where the WASM binaries are served (the worker sets these from Vite `?url` imports). */
export type WasmPaths = Record<
  'tfjs-backend-wasm.wasm' | 'tfjs-backend-wasm-simd.wasm' | 'tfjs-backend-wasm-threaded-simd.wasm',
  string
>;
let wasmPaths: WasmPaths | null = null;

/** Node finds the binaries next to the package; a bundled page must be told where they went. */
export function configureWasmPaths(paths: WasmPaths): void {
  wasmPaths = paths;
}

/** Why a backend cannot be used here, or null when it can be tried. */
async function precondition(name: BackendName): Promise<string | null> {
  if (name === 'webgpu') {
    const gpu = (globalThis.navigator as (Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }) | undefined)
      ?.gpu;
    if (!gpu) return 'navigator.gpu is missing (this browser or context has no WebGPU)';
    const adapter = await gpu.requestAdapter().catch(() => null);
    if (!adapter) return 'no WebGPU adapter is available (GPU blocked, disabled or unsupported)';
    // The backend registers itself on import; it must happen after navigator.gpu exists.
    await import('@tensorflow/tfjs-backend-webgpu');
    return null;
  }
  if (name === 'webgl') {
    if (typeof OffscreenCanvas === 'undefined' && typeof document === 'undefined')
      return 'no canvas to create a WebGL context on';
    return null;
  }
  if (name === 'wasm') {
    if (typeof WebAssembly === 'undefined') return 'WebAssembly is not available';
    // Loaded on demand: pages that train on a GPU never fetch the module or its binaries.
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    if (wasmPaths) wasm.setWasmPaths(wasmPaths);
    return null;
  }
  return null;
}

/**
 * tf.setBackend returns false instead of throwing and only logs why (console.warn, with the
 * error's stack); the log lines are kept so the reason reaches the badge and the notices.
 */
async function setBackendExplained(name: BackendName): Promise<string | null> {
  const logged: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    logged.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
    warn.apply(console, args);
  };
  let ok: boolean;
  try {
    ok = await tf.setBackend(name);
  } finally {
    console.warn = warn;
  }
  if (ok) return null;
  const detail = logged.map((l) => l.split('\n')[0]).filter((l) => !/^Initialization of backend/.test(l));
  return `tf.setBackend('${name}') failed to initialise${detail.length ? `: ${detail.join('; ')}` : ''}`;
}

/** Kernels this project adds or speeds up for a backend, installed once it is active. */
function installKernels(name: BackendName): void {
  if (name === 'wasm') registerWasmKernels();
  // The stock CPU weight-gradient kernel is ~40× slower than the forward conv (src/model).
  if (name === 'cpu') enableFastCpuConvGrad();
}

/** Makes `name` the active backend, or says why it cannot be. */
export async function trySetBackend(name: BackendName): Promise<string | null> {
  let reason: string | null;
  try {
    reason = await precondition(name);
    if (reason === null) reason = await setBackendExplained(name);
  } catch (err) {
    reason = `initialising ${name} threw: ${err instanceof Error ? err.message : String(err)}`;
  }
  if (reason !== null) return reason;
  await tf.ready();
  installKernels(name);
  return null;
}

/**
 * Sets the first backend of `order` that initialises, and says why each earlier one was
 * skipped. tf.setBackend returns false on failure instead of throwing (docs/design.md §1.5).
 */
export async function selectBackend(order: readonly BackendName[] = TRAINING_BACKENDS): Promise<BackendReport> {
  const fallbacks: BackendReport['fallbacks'] = [];
  for (const name of order) {
    const reason = await trySetBackend(name);
    if (reason === null) return { backend: name, fallbacks };
    fallbacks.push({ backend: name, reason });
  }
  throw new Error(`No training backend works here: ${fallbacks.map((f) => `${f.backend}: ${f.reason}`).join('; ')}`);
}

const SOFTWARE_GPU = /swiftshader|llvmpipe|lavapipe|softpipe|software|basic render/i;

interface AdapterLike {
  isFallbackAdapter?: boolean;
  info?: { vendor?: string; architecture?: string; device?: string; description?: string };
}

/**
 * Whether a GPU backend would run on a software emulation of a GPU (SwiftShader, llvmpipe), and
 * which. Such a "GPU" computes on the CPU cores WASM would use, slower, and its first training
 * step compiles dozens of shaders synchronously (over 25 s for WebGL here), which no probe budget
 * can afford: the probe records it as not timed instead. Null when it looks like real hardware.
 */
export async function softwareGpu(name: BackendName): Promise<string | null> {
  try {
    if (name === 'webgpu') {
      const gpu = (
        globalThis.navigator as unknown as { gpu?: { requestAdapter(): Promise<AdapterLike | null> } } | undefined
      )?.gpu;
      const adapter = await gpu?.requestAdapter();
      if (!adapter) return null;
      const info = adapter.info ?? {};
      const text = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ');
      if (adapter.isFallbackAdapter || SOFTWARE_GPU.test(text)) return text || 'a fallback (software) adapter';
      return null;
    }
    if (name === 'webgl') {
      if (typeof OffscreenCanvas === 'undefined') return null;
      const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
      if (!gl) return null;
      const ext = gl.getExtension('WEBGL_debug_renderer_info');
      const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
      gl.getExtension('WEBGL_lose_context')?.loseContext();
      return SOFTWARE_GPU.test(renderer) ? renderer : null;
    }
  } catch {
    return null;
  }
  return null;
}

/**
 * The GPUDevice of the WebGPU backend once it has been created, whether or not it is the active
 * backend now: to watch for device loss (tfjs does not) and to destroy it in tests.
 */
export function webgpuDevice(): { lost: Promise<{ reason?: string; message?: string }>; destroy(): void } | null {
  if (!tf.engine().registry.webgpu) return null;
  const backend = tf.findBackend('webgpu') as unknown as {
    device?: { lost: Promise<{ reason?: string; message?: string }>; destroy(): void };
  } | null;
  return backend?.device ?? null;
}

/** tfjs-backend-webgpu registers its factory with this priority (its base.js). */
const WEBGPU_PRIORITY = 3;

/**
 * Drops the WebGPU backend whose device was lost but keeps its factory, so that choosing WebGPU
 * again creates a backend on a new device (tf.removeBackend alone forgets the factory, and the
 * module registers it only once, on import).
 */
export function resetWebgpuBackend(): void {
  const factory = tf.findBackendFactory('webgpu');
  try {
    tf.removeBackend('webgpu');
  } catch {
    // Disposing a backend whose device is gone may throw; nothing else holds its buffers.
  }
  if (factory) tf.registerBackend('webgpu', factory, WEBGPU_PRIORITY);
}
