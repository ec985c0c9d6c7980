import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
  // Pre-bundle every dependency up front, including the worker's: otherwise the dev server
  // discovers tfjs only when the worker starts and reloads the page a few seconds after load.
  optimizeDeps: {
    entries: ['index.html', 'src/engine/worker.ts'],
    include: ['react', 'react-dom', 'react-dom/client', 'zustand', 'd3', 'katex', '@tensorflow/tfjs', '@tensorflow/tfjs-backend-webgpu', 'fast-png', 'fflate'],
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
});
