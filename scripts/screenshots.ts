/**
 * `npm run screenshots`: the README's pictures, taken from the production build in headless
 * Chromium so they stay current. Writes docs/images/*.png; look at each before committing.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { closeAllPages, launch, NO_GPU_FLAGS, openPage, scrollInLive, startPreview } from '../tests/browser/harness';

const OUT = 'docs/images';
/** A small model on WASM, so a few dozen steps give every training panel data within a minute. */
const SMALL_RUN = 'be=wasm&px=32&lv=2&w=4&bs=8';

async function trainFor(page: Page, steps: number): Promise<void> {
  await page.getByTestId('btn-play').click();
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid="step-counter"]')?.textContent) >= n,
    steps,
    { timeout: 300_000 },
  );
  await page.getByTestId('btn-pause').click();
  await page.waitForTimeout(1500);
}

/** The "works offline" toast is for users, not for pictures of the panels. */
async function dismissToasts(page: Page): Promise<void> {
  const ok = page.getByRole('button', { name: 'OK', exact: true });
  if (await ok.isVisible().catch(() => false)) await ok.click();
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const { server, origin } = await startPreview();
  const browser = await launch(NO_GPU_FLAGS);
  try {
    const desktop = { width: 1440, height: 900 };
    const app = await openPage(browser, `${origin}/?${SMALL_RUN}`, desktop);
    await app.page.getByTestId('concept-sorted').waitFor();
    await trainFor(app.page, 200);
    await dismissToasts(app.page);
    await app.page.evaluate(() => window.scrollTo(0, 0));
    await app.page.screenshot({ path: `${OUT}/app.png` });
    const pushes = app.page.getByTestId('concept-gradient');
    await scrollInLive(app.page, 'concept-gradient');
    await pushes.screenshot({ path: `${OUT}/where-it-pushes.png` });
    const training = app.page.getByTestId('training-section');
    await training.scrollIntoViewIfNeeded();
    await scrollInLive(app.page, 'panel-history');
    await app.page.getByTestId('panel-history').screenshot({ path: `${OUT}/history.png` });
    await closeAllPages();

    const present = await openPage(browser, `${origin}/?present=1&sc=bias`, { width: 1920, height: 1080 });
    await present.page.getByTestId('concept-sorted').waitFor();
    await present.page.waitForTimeout(1500);
    await dismissToasts(present.page);
    await present.page.screenshot({ path: `${OUT}/present.png` });
    await closeAllPages();

    const experiments = await openPage(browser, `${origin}/?x=1`, desktop);
    await experiments.page.getByTestId('input-open-experiment').setInputFiles('docs/experiments/results.json');
    await experiments.page.getByTestId('experiment-plot').waitFor();
    await experiments.page.waitForTimeout(1000);
    await dismissToasts(experiments.page);
    await experiments.page.getByTestId('experiment-plot').screenshot({ path: `${OUT}/experiments.png` });
    await closeAllPages();
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`screenshots written to ${OUT}/`);
}

await main();
