import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { defineConfig, searchForWorkspaceRoot, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { startAfterPaint } from './scripts/startAfterPaint';

/**
 * Cross-origin isolation: with these two headers the page gets SharedArrayBuffer, so the WASM
 * backend runs its multi-threaded SIMD build. Everything the app loads is same-origin, so
 * require-corp blocks nothing. A static host must send the same headers (README, "Host it for a class").
 */
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * Offline after one visit, installable (issue #13): Workbox precaches every built file (scripts,
 * the training worker, the WASM binaries, KaTeX fonts) and the manifest makes the app installable.
 * 'prompt': a new deployment waits until the user accepts it (src/ui/UpdatePrompt.tsx), so the
 * page never changes under a lecture. The dev server registers no service worker.
 */
const pwa = VitePWA({
  registerType: 'prompt',
  injectRegister: false,
  includeAssets: ['favicon.svg', 'apple-touch-icon.png'],
  manifest: {
    name: 'Balance-loss lab',
    short_name: 'Balance lab',
    description: 'In-browser laboratory for class imbalance in segmentation losses: the Balance loss, live.',
    theme_color: '#0072b2',
    background_color: '#f6f7f9',
    display: 'standalone',
    start_url: '.',
    scope: '.',
    icons: [
      { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{js,css,html,wasm,woff2,woff,ttf,svg,png,webmanifest}'],
    // tfjs and its WASM binaries are several MB each; the default 2 MiB cap would leave them out.
    maximumFileSizeToCacheInBytes: 30 * 1024 * 1024,
    // Links carry the whole lab state in the query (?t=…&loss=…): any of them is the app shell.
    navigateFallback: 'index.html',
    ignoreURLParametersMatching: [/.*/],
  },
});

/**
 * The first screen as static HTML inside #root (scripts/firstScreen.ts; docs/architecture.md,
 * "First screen"): the title, toolbar and sliders paint with the HTML and CSS instead of after the
 * scripts. The file is captured from the app (`npm run shell:capture`), never written by hand.
 */
function firstScreen(): Plugin {
  const file = 'src/ui/shell/firstScreen.html';
  return {
    name: 'first-screen',
    transformIndexHtml(html) {
      if (!existsSync(file)) return html;
      return html.replace('<div id="root"></div>', `<div id="root">${readFileSync(file, 'utf8').trim()}</div>`);
    },
  };
}

/**
 * The built page requests its scripts after the static first screen has painted
 * (scripts/startAfterPaint.ts): 'post' runs after Vite has written the entry and preload tags.
 */
function scriptsAfterFirstPaint(): Plugin {
  return {
    name: 'scripts-after-first-paint',
    apply: 'build',
    transformIndexHtml: { order: 'post', handler: startAfterPaint },
  };
}

export default defineConfig({
  // Relative asset URLs: the build runs from any sub-path of any static host, WASM binaries included
  // (README, "Host it for a class").
  base: './',
  plugins: [react(), pwa, firstScreen(), scriptsAfterFirstPaint()],
  // The pre-bundled dependencies live with the project, not in node_modules/.vite: a worktree's
  // node_modules may be a link shared with other checkouts, whose dev servers would otherwise
  // re-bundle into the same folder under each other ("Failed to fetch dynamically imported module").
  cacheDir: '.vite',
  worker: {
    format: 'es',
    // Whitespace-only minification of the worker bundle: tfjs-backend-wasm starts its threads
    // from its factory's source text (Function.prototype.toString), evaluated in a fresh worker.
    // Mangled, every thread died on "e is not defined"; compressed, a `typeof _scriptDir`
    // guard was folded away and they died on "_scriptDir is not defined".
    rolldownOptions: { output: { minify: { mangle: false, compress: false } } },
  },
  server: {
    host: '127.0.0.1',
    headers: ISOLATION_HEADERS,
    // node_modules may be a link to a shared install (a git worktree's); its files must still be served.
    fs: { allow: [searchForWorkspaceRoot(process.cwd()), realpathSync('node_modules')] },
  },
  preview: { headers: ISOLATION_HEADERS },
  // Pre-bundle every dependency up front, including the worker's: otherwise the dev server
  // discovers tfjs only when the worker starts and reloads the page a few seconds after load.
  optimizeDeps: {
    entries: ['index.html', 'src/engine/worker.ts'],
    include: [
      'react',
      'react-dom',
      'react-dom/client',
      'zustand',
      'd3',
      'katex',
      '@tensorflow/tfjs',
      '@tensorflow/tfjs-backend-webgpu',
      '@tensorflow/tfjs-backend-wasm',
      'fast-png',
      'fflate',
    ],
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
});
