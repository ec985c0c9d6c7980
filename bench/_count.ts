import { launch, SOFTWARE_RASTER_FLAGS } from '../tests/browser/harness';
import { serveDist } from './staticServer';
import { openLab, PROFILES } from './sliderKeys';
const server = await serveDist(process.argv[2]);
const browser = await launch(SOFTWARE_RASTER_FLAGS);
const { page, context } = await openLab(
  browser,
  server.origin,
  PROFILES[(process.argv[3] ?? 'desktop') as 'desktop'],
  '?backends=cpu',
);
const count = () =>
  page.evaluate(() => {
    const out: Record<string, number> = { total: document.querySelectorAll('*').length };
    for (const el of document.querySelectorAll('[data-testid]')) {
      const id = el.getAttribute('data-testid')!;
      if (
        /^(panel-|concept-|train-|analysis-|controls|app$|concept-explorer|training-section)/.test(id) &&
        !/-(xscale|crossing|empty|note)/.test(id)
      )
        out[id] = el.querySelectorAll('*').length;
    }
    return out;
  });
console.log('load', await count());
await page.screenshot({ path: `/tmp/instr/shot0-${process.argv[3] ?? 'desktop'}.png` });
await page.getByTestId('btn-step').first().click();
await page.waitForFunction(
  () => Number(document.querySelector('[data-testid="step-counter"]')?.textContent) >= 1,
  null,
  { timeout: 300000 },
);
await page.waitForTimeout(2000);
console.log('after step', await count());
await page.screenshot({ path: `/tmp/instr/shot-new-${process.argv[3] ?? 'desktop'}.png` });
await context.close();
await browser.close();
await server.close();
