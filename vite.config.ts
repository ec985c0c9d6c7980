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
  plugins: [react()],
  worker: { format: 'es' },
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
