/**
 * `node --import tsx scripts/experimentFigure.ts results.json docs/experiments.png [curves.png]`:
 * the app's own Experiments plot for a results file (and, given a second PNG, its learning-curve
 * panel), saved with the panels' PNG export (headless Chromium, the same code path as the
 * buttons), so the figures in docs/experiments.md are exactly what the lab shows.
 */
import { copyFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launch, openPage, SOFTWARE_RASTER_FLAGS, startServer } from '../tests/browser/harness';

const [input, output, curvesOutput] = process.argv.slice(2);
if (!input || !output?.endsWith('.png') || (curvesOutput !== undefined && !curvesOutput.endsWith('.png'))) {
  console.error('Usage: node --import tsx scripts/experimentFigure.ts results.json out.png [curves.png]');
  process.exit(2);
}

async function savePanelPng(page: Page, testId: string, path: string): Promise<void> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(`export-png-${testId}`).click(),
  ]);
  copyFileSync(await download.path(), path);
  console.log(`wrote ${path}`);
}

const { server, origin } = await startServer();
const browser = await launch(SOFTWARE_RASTER_FLAGS);
try {
  const { page } = await openPage(browser, `${origin}/?backends=wasm&x=1`, { width: 1000, height: 900 });
  await page.getByTestId('input-open-experiment').setInputFiles(input);
  await page.getByTestId('experiment-plot').locator('g[data-metric]').first().waitFor();
  await savePanelPng(page, 'experiment-plot', output);
  if (curvesOutput) {
    await page.getByTestId('experiment-curves').locator('g[data-ratio] path').first().waitFor();
    await savePanelPng(page, 'experiment-curves', curvesOutput);
  }
} finally {
  await browser.close();
  await server.close();
}
