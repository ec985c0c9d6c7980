/**
 * Browser only (imported by the worker): the WASM backend's three binaries as Vite assets, so the
 * build ships them and the page finds them relative to the built worker, also when the app is
 * served from a sub-path. tfjs picks one at start: threaded SIMD when the page is
 * cross-origin isolated (SharedArrayBuffer), SIMD otherwise, plain as a last resort.
 */
import plain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { configureWasmPaths } from './backend';

// Absolute against the worker's own URL: tfjs hands these to fetch from inside its module.
const resolve = (url: string): string => new URL(url, import.meta.url).href;

configureWasmPaths({
  'tfjs-backend-wasm.wasm': resolve(plain),
  'tfjs-backend-wasm-simd.wasm': resolve(simd),
  'tfjs-backend-wasm-threaded-simd.wasm': resolve(threadedSimd),
});
