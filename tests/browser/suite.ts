/**
 * The setup every browser test file shares: one Vite dev server and one Chromium for the file,
 * pages closed after each test (so a finished test's engine stops using the CPU).
 */
import type { Browser } from 'playwright-core';
import type { PreviewServer, ViteDevServer } from 'vite';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { closeAllPages, launch, startPreview, startServer, WEBGPU_FLAGS } from './harness';

export interface BrowserSuite {
  readonly origin: string;
  readonly browser: Browser;
}

/**
 * `production` serves a production build (in `production.outDir`) instead of the dev server: the
 * build users get, without React's development checks, which under an attached inspector cost
 * the main thread many times what the app itself does.
 */
export function browserSuite(flags: string[] = WEBGPU_FLAGS, production?: { outDir: string }): BrowserSuite {
  let server: ViteDevServer | PreviewServer | undefined;
  const suite = { origin: '', browser: undefined as unknown as Browser };
  beforeAll(async () => {
    const started = production ? await startPreview(production.outDir) : await startServer();
    server = started.server;
    suite.origin = started.origin;
    suite.browser = await launch(flags);
  });
  afterEach(closeAllPages);
  afterAll(async () => {
    await closeAllPages();
    await suite.browser?.close();
    await server?.close();
  });
  return suite;
}
