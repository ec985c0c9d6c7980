import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Cross-origin isolation: with these two headers the page gets SharedArrayBuffer, so the WASM
 * backend runs its multi-threaded SIMD build. Everything the app loads is same-origin, so
 * require-corp blocks nothing. A static host must send the same headers (README, "Hosting").
 */
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  // Relative asset URLs: the build works from any sub-path (the WASM binaries included).
  base: './',
  plugins: [react()],
  worker: {
    format: 'es',
    // Whitespace-only minification of the worker bundle: tfjs-backend-wasm starts its threads
    // from its factory's source text (Function.prototype.toString), evaluated in a fresh worker.
    // Mangled, every thread died on "e is not defined"; compressed, a `typeof _scriptDir`
    // guard was folded away and they died on "_scriptDir is not defined".
    rolldownOptions: { output: { minify: { mangle: false, compress: false } } },
  },
  server: { host: '127.0.0.1', headers: ISOLATION_HEADERS },
  preview: { headers: ISOLATION_HEADERS },
  // Pre-bundle every dependency up front, including the worker's: otherwise the dev server
  // discovers tfjs only when the worker starts and reloads the page a few seconds after load.
  optimizeDeps: {
    entries: ['index.html', 'src/engine/worker.ts'],
    include: ['react', 'react-dom', 'react-dom/client', 'zustand', 'd3', 'katex', '@tensorflow/tfjs', '@tensorflow/tfjs-backend-webgpu', '@tensorflow/tfjs-backend-wasm', 'fast-png', 'fflate'],
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
});
