import * as tf from '@tensorflow/tfjs';
import type { BackendName, BackendReport } from './protocol';

/** Training fallback order (DESIGN §1.5): WASM cannot train conv nets, so it is not listed. */
export const TRAINING_BACKENDS: readonly BackendName[] = ['webgpu', 'webgl', 'cpu'];

/** Why a backend cannot be used here, or null when it can be tried. */
async function precondition(name: BackendName): Promise<string | null> {
  if (name === 'webgpu') {
    const gpu = (globalThis.navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } } | undefined)?.gpu;
    if (!gpu) return 'navigator.gpu is missing (this browser or context has no WebGPU)';
    const adapter = await gpu.requestAdapter().catch(() => null);
    if (!adapter) return 'no WebGPU adapter is available (GPU blocked, disabled or unsupported)';
    // The backend registers itself on import; it must happen after navigator.gpu exists.
    await import('@tensorflow/tfjs-backend-webgpu');
    return null;
  }
  if (name === 'webgl') {
    if (typeof OffscreenCanvas === 'undefined' && typeof document === 'undefined') return 'no canvas to create a WebGL context on';
    return null;
  }
  return null;
}

/**
 * Sets the first backend of `order` that initialises, and says why each earlier one was
 * skipped. tf.setBackend returns false on failure instead of throwing (DESIGN §1.5).
 */
export async function selectBackend(order: readonly BackendName[] = TRAINING_BACKENDS): Promise<BackendReport> {
  const fallbacks: BackendReport['fallbacks'] = [];
  for (const name of order) {
    let reason: string | null;
    try {
      reason = await precondition(name);
      if (reason === null && !(await tf.setBackend(name))) reason = `tf.setBackend('${name}') failed to initialise`;
    } catch (err) {
      reason = `initialising ${name} threw: ${err instanceof Error ? err.message : String(err)}`;
    }
    if (reason === null) {
      await tf.ready();
      return { backend: name, fallbacks };
    }
    fallbacks.push({ backend: name, reason });
  }
  throw new Error(`No training backend works here: ${fallbacks.map((f) => `${f.backend}: ${f.reason}`).join('; ')}`);
}

/** The GPUDevice behind the WebGPU backend, to watch for device loss (tfjs does not). */
export function webgpuDevice(): { lost: Promise<{ reason?: string; message?: string }>; destroy(): void } | null {
  if (tf.getBackend() !== 'webgpu') return null;
  const backend = tf.backend() as unknown as { device?: { lost: Promise<{ reason?: string; message?: string }>; destroy(): void } };
  return backend.device ?? null;
}
