import type { Browser } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeAllPages, expectBackend, foreignRequests, launch, NO_WEBGPU_FLAGS, openPage, startServer, textOf, TINY, waitForSnapshot, waitForStep, screenshotPainted } from './harness';

let server: ViteDevServer;
let origin: string;

beforeAll(async () => {
  ({ server, origin } = await startServer());
});
afterEach(closeAllPages);
afterAll(async () => {
  await server?.close();
});

/** Reads the store the app exposes for debugging and tests. */
async function labState<T>(page: import('playwright-core').Page, pick: string): Promise<T> {
  return page.evaluate((expr) => {
    const lab = (window as unknown as { balanceLab: { store: { getState(): Record<string, unknown> } } }).balanceLab;
    return new Function('s', `return ${expr}`)(lab.store.getState());
  }, pick) as Promise<T>;
}

describe('training engine in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('trains on WebGPU in the worker with a finite loss, no console errors, no foreign requests', async () => {
    const { page, errors, requests } = await openPage(browser, `${origin}/?${TINY}`);
    await expectBackend(page, 'webgpu');
    await page.getByTestId('btn-play').click();
    const reached = await waitForStep(page, 3);
    await page.getByTestId('btn-pause').click();
    await waitForSnapshot(page, reached);
    const loss = await labState<number>(page, 's.snapshot.loss');
    expect(Number.isFinite(loss)).toBe(true);
    expect(await labState<string>(page, 's.snapshot.backend')).toBe('webgpu');
    const tensors = await labState<number>(page, 's.snapshot.tensors');
    expect(tensors).toBeGreaterThan(0);
    expect(await textOf(page, 'stage-indicator')).toMatch(/Stage [12]/);
    expect(errors).toEqual([]);
    expect(await page.locator('.notice-error').allTextContents()).toEqual([]);
    expect(foreignRequests(requests, origin)).toEqual([]);
    await screenshotPainted(page, 'test-results/engine-webgpu.png', true);
  });

  it('a lost WebGPU device moves the run to WebGL from its last weights and says why', async () => {
    const { page } = await openPage(browser, `${origin}/?${TINY}`);
    await expectBackend(page, 'webgpu');
    await page.getByTestId('btn-step').click();
    await waitForStep(page, 1);
    await page.evaluate(() => (window as unknown as { balanceLab: { debugLoseDevice(): void } }).balanceLab.debugLoseDevice());
    await page.getByTestId('backend-badge').filter({ hasText: 'webgl' }).waitFor({ timeout: 120_000 });
    await page.getByTestId('notices').filter({ hasText: 'device was lost' }).waitFor();
    // The run continues from its last host checkpoint, which the notice names.
    const restored = Number(/from step (\d+)/.exec(await textOf(page, 'notices'))?.[1]);
    expect(restored).toBeGreaterThanOrEqual(0);
    await page.waitForFunction((n) => document.querySelector('[data-testid="step-counter"]')?.textContent === String(n), restored);
    await page.getByTestId('btn-step').click();
    await waitForStep(page, restored + 1);
    await waitForSnapshot(page, restored + 1);
    expect(await labState<string>(page, 's.snapshot.backend')).toBe('webgl');
    expect(Number.isFinite(await labState<number>(page, 's.snapshot.loss'))).toBe(true);
  });
});

describe('without WebGPU', () => {
  it('falls back to WebGL and says why', async () => {
    const browser = await launch(NO_WEBGPU_FLAGS);
    try {
      const { page, errors } = await openPage(browser, `${origin}/?${TINY}`);
      await expectBackend(page, 'webgl');
      const notices = await textOf(page, 'notices');
      expect(notices).toMatch(/webgpu not used: .+/);
      await page.getByTestId('btn-step').click();
      await waitForStep(page, 1);
      await waitForSnapshot(page, 1);
      expect(Number.isFinite(await labState<number>(page, 's.snapshot.loss'))).toBe(true);
      expect(errors).toEqual([]);
    expect(await page.locator('.notice-error').allTextContents()).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
