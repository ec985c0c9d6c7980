/**
 * The setup every browser test file shares: one Vite dev server and one Chromium for the file,
 * pages closed after each test (so a finished test's engine stops using the CPU).
 */
import type { Browser } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { closeAllPages, launch, startServer, WEBGPU_FLAGS } from './harness';

export interface BrowserSuite {
  readonly origin: string;
  readonly browser: Browser;
}

export function browserSuite(flags: string[] = WEBGPU_FLAGS): BrowserSuite {
  let server: ViteDevServer | undefined;
  const suite = { origin: '', browser: undefined as unknown as Browser };
  beforeAll(async () => {
    const started = await startServer();
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
