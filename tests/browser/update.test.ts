/**
 * A new deployment, as a class sees it (src/ui/UpdatePrompt.tsx, issue 18): two production builds,
 * A and B, differ only by a marker in index.html; the static server serves A, the page's service
 * worker takes control, then the server serves B and the page checks for an update. The prompt
 * appears, "Reload to update" loads B; with training steps no run file holds, it asks first.
 */
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build, type Plugin } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeAllPages, launch, openPage, textOf, waitForStep } from './harness';
import { startStaticHost, SUB_PATH as PREFIX, type StaticHost } from './staticHost';

const BUILDS = { A: resolve('test-results/dist-update-a'), B: resolve('test-results/dist-update-b') };
const URL_QUERY = '?px=32&lv=2&w=4&bs=2&ntr=8&nva=4&be=wasm';

/** Marks a build in its index.html, so the page can tell which one it runs. */
const marker = (name: string): Plugin => ({
  name: 'test-build-marker',
  transformIndexHtml: (html) => html.replace('</head>', `<meta name="test-build" content="${name}" />\n</head>`),
});

let served: keyof typeof BUILDS = 'A';
let host: StaticHost | undefined;
let browser: Browser;
let origin = '';

beforeAll(async () => {
  for (const name of ['A', 'B'] as const) {
    await build({
      configFile: 'vite.config.ts',
      logLevel: 'error',
      plugins: [marker(name)],
      build: { outDir: BUILDS[name], emptyOutDir: true },
    });
  }
  host = await startStaticHost(() => BUILDS[served]);
  origin = host.origin;
  browser = await launch();
}, 900_000); // two production builds: minutes on a busy two-core machine
afterEach(closeAllPages);
afterAll(async () => {
  await closeAllPages();
  await browser?.close();
  await host?.close();
});

const buildOf = (page: Page): Promise<string | null> =>
  page.evaluate(() => document.querySelector('meta[name="test-build"]')?.getAttribute('content') ?? null);

/** Opens build A and reloads once its service worker is active, so that the page is controlled by it. */
async function openControlledA(): Promise<{ page: Page; errors: string[] }> {
  served = 'A';
  const { page, errors } = await openPage(browser, `${origin}${PREFIX}${URL_QUERY}`);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await page.getByTestId('step-counter').waitFor({ timeout: 120_000 });
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  expect(await buildOf(page)).toBe('A');
  return { page, errors };
}

/** Deploys B and lets the page look for it without reloading (the run in memory stays). */
async function deployB(page: Page): Promise<void> {
  served = 'B';
  await page.evaluate(async () => {
    await (await navigator.serviceWorker.getRegistration())?.update();
  });
  await page.getByTestId('update-prompt').waitFor({ timeout: 120_000 });
}

/** Clicks `testId` and waits for the page to load again (the new service worker reloads it). */
async function clickAndReload(page: Page, testId: string): Promise<void> {
  await Promise.all([
    page.waitForEvent('load', { timeout: 120_000 }),
    page.getByTestId(testId).click({ timeout: 120_000 }),
  ]);
  await page.getByTestId('step-counter').waitFor({ timeout: 120_000 });
}

/** Trains a few steps and pauses; returns the step reached. */
async function trainAFewSteps(page: Page): Promise<number> {
  await page.getByTestId('btn-play').click({ timeout: 120_000 });
  await waitForStep(page, 2);
  // A dispatched click: while WASM trains on a busy machine, a real click's hit-target check waits on
  // animation frames that may not come for minutes (what is tested here is the update prompt).
  await page.getByTestId('btn-pause').dispatchEvent('click');
  // Paused once the play button is back; the worker then posts no more steps.
  await page.getByTestId('btn-play').waitFor({ timeout: 120_000 });
  // Steps already under way in the worker still arrive after the button flips: read the counter
  // once it has stood still for a second.
  let last = -1;
  for (;;) {
    const now = Number(await textOf(page, 'step-counter'));
    if (now === last) return now;
    last = now;
    await page.waitForTimeout(1000);
  }
}

describe('update prompt', () => {
  it('a second build is served: the prompt appears, and "Reload to update" loads it at once when nothing is unsaved', async () => {
    const { page, errors } = await openControlledA();
    await deployB(page);
    expect(await buildOf(page)).toBe('A');
    await clickAndReload(page, 'btn-update');
    expect(await buildOf(page)).toBe('B');
    expect(await page.getByTestId('update-prompt').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('with unsaved steps it asks first: "Keep the run" keeps build and run, "Reload anyway" loads the new build', async () => {
    const { page, errors } = await openControlledA();
    const step = await trainAFewSteps(page);
    expect(step).toBeGreaterThanOrEqual(2);
    await deployB(page);
    await page.getByTestId('btn-update').click({ timeout: 120_000 });
    const confirm = page.getByTestId('update-confirm');
    await confirm.waitFor({ timeout: 120_000 });
    expect(await confirm.textContent()).toContain(`${step} unsaved steps`);
    // The safe choice has the focus: Enter keeps the run.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('btn-update-cancel');
    await page.getByTestId('btn-update-cancel').click({ timeout: 120_000 });
    expect(await confirm.count()).toBe(0);
    await page.getByTestId('update-prompt').waitFor({ timeout: 120_000 });
    expect(await buildOf(page)).toBe('A');
    expect(Number(await textOf(page, 'step-counter'))).toBe(step);

    await page.getByTestId('btn-update').click({ timeout: 120_000 });
    await confirm.waitFor({ timeout: 120_000 });
    await clickAndReload(page, 'btn-update-anyway');
    expect(await buildOf(page)).toBe('B');
    expect(errors).toEqual([]);
  });

  it('after "Save run" the steps are on disk, and "Reload to update" reloads without asking', async () => {
    const { page, errors } = await openControlledA();
    await trainAFewSteps(page);
    // Save run sits in the header's Run menu.
    if (!(await page.getByTestId('btn-save-run').isVisible()))
      await page.getByTestId('menu-run').click({ timeout: 120_000 });
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId('btn-save-run').click({ timeout: 120_000 }),
    ]);
    expect(download.suggestedFilename()).toMatch(/^balance-lab-run-step-\d+\.json$/);
    await deployB(page);
    await clickAndReload(page, 'btn-update');
    expect(await buildOf(page)).toBe('B');
    expect(errors).toEqual([]);
  });
});
