/**
 * Static hosting anywhere, offline after one visit (issue #13). The production build is served
 * by a tiny Node static server from /some/sub/path/ — no COOP/COEP headers, as GitHub Pages or a
 * department web server would — and must draw, train on WASM (its .wasm files found relative to
 * the worker), register its service worker, and reload with the network off.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAllPages, expectBackend, launch, openPage, screenshotPainted, waitForStep } from './harness';

const OUT = resolve('test-results/dist-subpath');
const PREFIX = '/some/sub/path/';
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};

/** Serves OUT under PREFIX only; everything else is 404, so a root-relative asset URL fails loudly. */
function staticServer(): Server {
  return createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(PREFIX)) {
      res.writeHead(404).end('not under the sub-path');
      return;
    }
    let file = normalize(join(OUT, path.slice(PREFIX.length)));
    if (!file.startsWith(OUT)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
    });
    createReadStream(file).pipe(res);
  });
}

let server: Server | undefined;
let browser: Browser;
let origin = '';

beforeAll(async () => {
  await build({ configFile: 'vite.config.ts', logLevel: 'error', build: { outDir: OUT, emptyOutDir: true } });
  server = staticServer();
  await new Promise<void>((done) => server?.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  origin = `http://127.0.0.1:${address.port}`;
  browser = await launch();
});
afterAll(async () => {
  await closeAllPages();
  await browser?.close();
  await new Promise((done) => server?.close(done));
});

describe('hosting', () => {
  it('the build draws and trains from a sub-path of a plain static server, then reloads offline', async () => {
    const url = `${origin}${PREFIX}?px=32&lv=2&w=4&bs=2&ntr=8&nva=4&be=wasm`;
    const { page, errors, requests } = await openPage(browser, url);
    await page.getByTestId('concept-sorted').locator('svg').first().waitFor({ timeout: 60_000 });
    await expectBackend(page, 'wasm');
    await page.getByTestId('btn-play').click();
    await waitForStep(page, 3);
    await page.getByTestId('btn-pause').click();
    // Nothing was asked of the server root: every URL stayed under the sub-path.
    expect(requests.filter((u) => u.startsWith(origin) && !u.startsWith(`${origin}${PREFIX}`))).toEqual([]);
    expect(requests.some((u) => u.endsWith('.wasm'))).toBe(true);
    await screenshotPainted(page, 'test-results/hosting-subpath.png');

    // Offline after one visit: the service worker precached everything (app, worker, WASM, fonts);
    // once it is active, a reload is served by it even though this first page was not controlled.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.context().setOffline(true);
    await page.reload();
    await page.getByTestId('concept-sorted').locator('svg').first().waitFor({ timeout: 60_000 });
    await expectBackend(page, 'wasm');
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await screenshotPainted(page, 'test-results/hosting-offline.png');
    expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
  });
});
