/**
 * `node --import tsx scripts/experimentFigure.ts results.json docs/experiments.png`: the app's own
 * Experiments plot for a results file, saved with the panel's PNG export (headless Chromium, the
 * same code path as the button), so the figure in docs/experiments.md is exactly what the lab shows.
 */
import { copyFileSync } from 'node:fs';
import { launch, openPage, SOFTWARE_RASTER_FLAGS, startServer } from '../tests/browser/harness';

const [input, output] = process.argv.slice(2);
if (!input || !output?.endsWith('.png')) {
  console.error('Usage: node --import tsx scripts/experimentFigure.ts results.json out.png');
  process.exit(2);
}
const { server, origin } = await startServer();
const browser = await launch(SOFTWARE_RASTER_FLAGS);
try {
  const { page } = await openPage(browser, `${origin}/?backends=wasm&x=1`, { width: 1000, height: 900 });
  await page.getByTestId('input-open-experiment').setInputFiles(input);
  await page.getByTestId('experiment-plot').locator('g[data-metric]').first().waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-png-experiment-plot').click(),
  ]);
  copyFileSync(await download.path(), output);
  console.log(`wrote ${output}`);
} finally {
  await browser.close();
  await server.close();
}
