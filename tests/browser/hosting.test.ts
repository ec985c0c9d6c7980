/**
 * Static hosting anywhere, offline after one visit (issue #13). The production build is served
 * by a tiny Node static server from /some/sub/path/ — no COOP/COEP headers, as GitHub Pages or a
 * department web server would — and must draw, train on WASM (its .wasm files found relative to
 * the worker), register its service worker, and reload with the network off.
 */
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeAllPages,
  expectBackend,
  launch,
  openPage,
  screenshotPainted,
  scrollInLive,
  waitForStep,
} from './harness';
import { startStaticHost, SUB_PATH as PREFIX, type StaticHost } from './staticHost';

const OUT = resolve('test-results/dist-subpath');

let host: StaticHost | undefined;
let browser: Browser;
let origin = '';

beforeAll(async () => {
  await build({ configFile: 'vite.config.ts', logLevel: 'error', build: { outDir: OUT, emptyOutDir: true } });
  host = await startStaticHost(OUT);
  origin = host.origin;
  browser = await launch();
});
afterAll(async () => {
  await closeAllPages();
  await browser?.close();
  await host?.close();
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
    // Code loaded on demand comes from the precache too: KaTeX near the equations, the help overlay.
    await scrollInLive(page, 'panel-equations');
    await page.getByTestId('panel-equations').locator('.katex').first().waitFor({ timeout: 30_000 });
    await page.getByTestId('btn-help').click();
    await page.getByTestId('help-overlay').waitFor({ timeout: 30_000 });
    await screenshotPainted(page, 'test-results/hosting-offline.png');
    expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
  });
});
