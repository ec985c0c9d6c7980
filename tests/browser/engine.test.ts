import type { Browser } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  closeAllPages,
  expectBackend,
  foreignRequests,
  launch,
  NO_GPU_FLAGS,
  NO_WEBGPU_FLAGS,
  openPage,
  startServer,
  textOf,
  TINY,
  waitForSnapshot,
  waitForStep,
  screenshotPainted,
  scrollInLive,
} from './harness';

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
    await scrollInLive(page, 'stage-indicator');
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
    await page.evaluate(() =>
      (window as unknown as { balanceLab: { debugLoseDevice(): void } }).balanceLab.debugLoseDevice(),
    );
    await page.getByTestId('backend-badge').filter({ hasText: 'webgl' }).waitFor({ timeout: 120_000 });
    await page.getByTestId('notices').filter({ hasText: 'device was lost' }).waitFor();
    // The run continues from its last host checkpoint, which the notice names.
    const restored = Number(/from step (\d+)/.exec(await textOf(page, 'notices'))?.[1]);
    expect(restored).toBeGreaterThanOrEqual(0);
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="step-counter"]')?.textContent === String(n),
      restored,
    );
    await page.getByTestId('btn-step').click();
    await waitForStep(page, restored + 1);
    await waitForSnapshot(page, restored + 1);
    expect(await labState<string>(page, 's.snapshot.backend')).toBe('webgl');
    expect(Number.isFinite(await labState<number>(page, 's.snapshot.loss'))).toBe(true);
  });

  it('device loss: one handler however often WebGPU is chosen, no move when training elsewhere, WebGPU again on a new device', async () => {
    const { page, errors } = await openPage(browser, `${origin}/?${TINY}`);
    const loseDevice = () =>
      page.evaluate(() =>
        (window as unknown as { balanceLab: { debugLoseDevice(): void } }).balanceLab.debugLoseDevice(),
      );
    const lostNotices = async () =>
      (await page.getByTestId('notices').allTextContents()).join(' ').match(/device was lost/g)?.length ?? 0;
    const choose = async (backend: string) => {
      await page.getByTestId('select-backend').selectOption(backend);
      await page.getByTestId('backend-badge').filter({ hasText: backend }).waitFor({ timeout: 120_000 });
    };
    const stepOnce = async () => {
      const at = Number(await textOf(page, 'step-counter'));
      await page.getByTestId('btn-step').click();
      await waitForStep(page, at + 1);
    };
    await expectBackend(page, 'webgpu');
    await stepOnce();
    // webgpu → wasm → webgpu → wasm: the same device each time, so one handler.
    await choose('wasm');
    await choose('webgpu');
    await choose('wasm');
    // Lost while training on WASM: the run stays where it is and nothing is announced.
    await loseDevice();
    await page.waitForTimeout(1000);
    expect(await lostNotices()).toBe(0);
    await stepOnce();
    expect(await labState<string>(page, 's.snapshot.backend')).toBe('wasm');
    // WebGPU can be chosen again: a new device.
    await choose('webgpu');
    await stepOnce();
    await waitForSnapshot(page, Number(await textOf(page, 'step-counter')));
    expect(await labState<string>(page, 's.snapshot.backend')).toBe('webgpu');
    // Lost while training on it: exactly one move and one notice.
    await loseDevice();
    await page.getByTestId('notices').filter({ hasText: 'device was lost' }).waitFor({ timeout: 120_000 });
    await page.waitForTimeout(1000);
    expect(await lostNotices()).toBe(1);
    // The move itself (WebGL here, whose first step on SwiftShader is very slow) is the test above.
    await page.getByTestId('backend-badge').filter({ hasText: 'webgl' }).waitFor({ timeout: 120_000 });
    expect(errors).toEqual([]);
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

describe('without any GPU (WebGPU and WebGL disabled)', () => {
  it('trains the default run on WASM with a finite loss and updates the history panel within 10 s of play', async () => {
    const browser = await launch(NO_GPU_FLAGS);
    try {
      // Default sizes (64 px, 3 levels, width 8, batch 8): the run a classroom machine gets.
      const { page, errors, requests } = await openPage(browser, `${origin}/`);
      await expectBackend(page, 'wasm');
      const title = (await page.getByTestId('backend-badge').getAttribute('title')) ?? '';
      // Each unavailable GPU backend's reason is kept (in the probe table or as a fallback).
      expect(title).toMatch(/webgpu(:| not used:) (navigator\.gpu is missing|no WebGPU adapter)/);
      expect(title).toMatch(/webgl(:| not used:) .*(WebGL|canvas)/);
      expect(title).toMatch(/wasm: \d/);
      // COOP/COEP from the dev server: the threaded WASM build can run.
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
      const history = page.getByTestId('panel-history');
      // Off screen a panel holds what it drew; a reader scrolls to it (src/panels/kit/onScreen.tsx).
      await scrollInLive(page, 'panel-history');
      await history.locator('svg').first().waitFor();
      const before = await history.innerHTML();
      await page.getByTestId('btn-play').click();
      const pressed = Date.now();
      await waitForSnapshot(page, 1, 10_000);
      await scrollInLive(page, 'panel-history');
      await page.waitForFunction(
        (b) => document.querySelector('[data-testid="panel-history"]')?.innerHTML !== b,
        before,
        { timeout: Math.max(1, 10_000 - (Date.now() - pressed)) },
      );
      const liveAfterMs = Date.now() - pressed;
      await page.getByTestId('step-ms').waitFor();
      await page.getByTestId('btn-pause').click();
      expect(await labState<string>(page, 's.snapshot.backend')).toBe('wasm');
      expect(Number.isFinite(await labState<number>(page, 's.snapshot.loss'))).toBe(true);
      // The loss chart has a point for every step taken, not only for snapshot steps.
      const steps = await labState<number[]>(page, 's.steps.map((r) => r.step)');
      expect(steps.slice(0, 2)).toEqual([1, 2].slice(0, steps.length));
      expect(await page.getByTestId('backend-badge').textContent()).toMatch(/^wasm · [\d.]+ ms\/step$/);
      console.log(`no GPU: history panel updated ${liveAfterMs} ms after play; ${await textOf(page, 'backend-badge')}`);
      expect(errors).toEqual([]);
      expect(await page.locator('.notice-error').allTextContents()).toEqual([]);
      expect(foreignRequests(requests, origin)).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

describe('backend probe in the browser', () => {
  it('chooses WASM over the software-emulated WebGPU and WebGL (SwiftShader), and says why in the badge', async () => {
    const browser = await launch();
    try {
      const { page, errors } = await openPage(browser, `${origin}/?px=32&lv=2&w=4&bs=2&ntr=8&nva=4`);
      await expectBackend(page, 'wasm');
      const title = (await page.getByTestId('backend-badge').getAttribute('title')) ?? '';
      expect(title).toMatch(/fastest in the probe/);
      expect(title).toMatch(/webgpu: not timed: emulated in software \(.*swiftshader.*\)/i);
      expect(title).toMatch(/wasm: [\d.]+ ms/);
      // The verdict is cached for this browser: a reload does not probe again.
      await page.reload();
      await expectBackend(page, 'wasm');
      expect((await page.getByTestId('backend-badge').getAttribute('title')) ?? '').toMatch(/cached for this browser/);
      // An explicit choice overrides the probe, and a running run moves over at its step.
      await page.getByTestId('btn-step').click();
      await waitForStep(page, 1);
      await page.getByTestId('select-backend').selectOption('cpu');
      await page.getByTestId('backend-badge').filter({ hasText: /^cpu/ }).waitFor({ timeout: 60_000 });
      expect(Number(await textOf(page, 'step-counter'))).toBe(1);
      await page.getByTestId('btn-step').click();
      await waitForStep(page, 2);
      await waitForSnapshot(page, 2);
      expect(await labState<string>(page, 's.snapshot.backend')).toBe('cpu');
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
