/**
 * The Experiments section in a real browser: a 2-loss × 1-ratio × 2-seed sweep from a link fills
 * the table and plot; its JSON export opens again; a second sweep is cancelled after its first run,
 * survives a reload and resumes to the end. Tiny sizes on WASM: SwiftShader in headless Chromium is slow.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { SweepResults } from '../../src/experiments/types';
import { openPage, screenshotPainted } from './harness';
import { browserSuite } from './suite';

const suite = browserSuite();
const SWEEP = 'x=1&x.losses=bce,balance&x.ratios=10&x.seeds=1,2&x.batch=2&x.train=8&x.val=4';

const rowN = (page: Page, id: string): Promise<string | null> =>
  page
    .getByTestId(`experiment-row-${id}`)
    .getAttribute('data-n', { timeout: 1000 })
    .catch(() => null);

async function waitForRows(
  page: Page,
  n: number,
  timeout = 300_000,
  rows: string[] = ['bce-10', 'balance-10'],
): Promise<void> {
  await page.waitForFunction(
    ({ want, ids }) =>
      ids.every(
        (id) => document.querySelector(`[data-testid="experiment-row-${id}"]`)?.getAttribute('data-n') === String(want),
      ),
    { want: n, ids: rows },
    { timeout, polling: 250 },
  );
}

/** The first test's rows: the Balance loss once per switch mode of the link. */
const WITH_SWITCH = ['bce-10', 'balance-10', 'balance-fromStart-10'];

describe('Experiments section', () => {
  it('runs a sweep from a link, shows the table, plot and curves, and reopens its JSON export', async () => {
    const { page } = await openPage(
      suite.browser,
      `${suite.origin}/?backends=wasm&${SWEEP}&x.steps=3&x.switch=auto,fromStart`,
    );
    await page.getByTestId('experiment-section').waitFor();
    expect(await page.getByTestId('exp-steps').inputValue()).toBe('3');
    expect(await page.getByTestId('exp-switch').inputValue()).toBe('auto,fromStart');
    expect(await page.getByTestId('exp-loss-balance').isChecked()).toBe(true);
    expect(await page.getByTestId('exp-loss-dice').isChecked()).toBe(false);
    await page.getByTestId('btn-experiment-run').click();
    await page.getByTestId('experiment-progress').waitFor({ timeout: 30_000 });
    await waitForRows(page, 2, 300_000, WITH_SWITCH);
    const table = await page.getByTestId('experiment-table').innerText();
    expect(table).toMatch(/Dice/);
    expect(table).toMatch(/BCE/);
    expect(table).toMatch(/Balance loss/);
    expect(table).toMatch(/Balance loss \(stage 2 from the start\)/);
    // The plot: two facets (Dice, recall), one line per loss with a point per ratio.
    const plot = page.getByTestId('experiment-plot');
    expect(await plot.locator('g[data-metric]').count()).toBe(2);
    expect(await plot.locator('g[data-loss="balance"] circle').count()).toBe(2);
    expect(await plot.locator('g[data-loss="bce"] circle').count()).toBe(2);
    expect(await plot.locator('g[data-loss="balance-fromStart"] circle').count()).toBe(2);
    expect(await page.getByTestId('export-png-experiment-plot').isVisible()).toBe(true);
    // The learning curves: one facet for the one ratio, a mean line and band per series.
    const curves = page.getByTestId('experiment-curves');
    expect(await curves.locator('g[data-ratio="10"]').count()).toBe(1);
    for (const series of ['bce', 'balance', 'balance-fromStart'])
      expect(await curves.locator(`g[data-series="${series}"] path`).count()).toBeGreaterThanOrEqual(2);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('btn-experiment-json').click(),
    ]);
    const path = await download.path();
    const saved = JSON.parse(readFileSync(path, 'utf8')) as SweepResults;
    expect(saved.runs.map((r) => `${r.loss}/${r.switch}/${r.seed}`)).toEqual([
      'bce/null/1',
      'bce/null/2',
      'balance/auto/1',
      'balance/auto/2',
      'balance/fromStart/1',
      'balance/fromStart/2',
    ]);
    expect(saved.runs.every((r) => r.curve.map((c) => c.step).join() === '0,3')).toBe(true);
    expect(saved.summary).toHaveLength(3);
    expect(saved.config.steps).toBe(3);

    // Opened in a fresh page (no saved sweep there), the file fills the table again.
    await page.evaluate(() => localStorage.clear());
    const fresh = await openPage(suite.browser, `${suite.origin}/?backends=wasm&x=1`);
    await fresh.page.getByTestId('experiment-section').waitFor();
    await fresh.page.getByTestId('input-open-experiment').setInputFiles(path);
    await waitForRows(fresh.page, 2, 10_000, WITH_SWITCH);
    expect(await fresh.page.getByTestId('exp-steps').inputValue()).toBe('3');
  });

  it('cancels a sweep after its first run, keeps it over a reload and resumes it to the end', async () => {
    const { page } = await openPage(suite.browser, `${suite.origin}/?backends=wasm&${SWEEP}&x.steps=30`);
    await page.evaluate(() => localStorage.clear());
    await page.getByTestId('btn-experiment-run').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="experiment-row-bce-10"]')?.getAttribute('data-n') === '1',
      null,
      { timeout: 300_000, polling: 100 },
    );
    await page.getByTestId('btn-experiment-cancel').click();
    expect(await page.getByTestId('experiment-progress').count()).toBe(0);
    const kept = Number(await rowN(page, 'bce-10'));
    expect(kept).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('btn-experiment-resume').isEnabled()).toBe(true);

    await page.reload();
    await page.getByTestId('experiment-section').waitFor();
    expect(Number(await rowN(page, 'bce-10'))).toBe(kept);
    const resume = page.getByTestId('btn-experiment-resume');
    expect(await resume.isEnabled()).toBe(true);
    expect(await resume.innerText()).toContain(`${kept}/4`);
    await resume.click();
    await waitForRows(page, 2);
    // Buttons show only when they can act: nothing runs and nothing is left to resume.
    expect(await page.getByTestId('btn-experiment-resume').count()).toBe(0);
    expect(await page.getByTestId('btn-experiment-cancel').count()).toBe(0);
  });

  it('fits its table in the panel at 1280 px, scrolls it inside the panel on a phone, and exports it', async () => {
    const { page, errors } = await openPage(suite.browser, `${suite.origin}/?backends=wasm&x=1`, {
      width: 1280,
      height: 800,
    });
    await page.evaluate(() => localStorage.clear());
    await page.getByTestId('experiment-section').waitFor();
    // Nothing runs and nothing is saved: no Cancel, no Resume, no downloads yet.
    for (const id of ['btn-experiment-cancel', 'btn-experiment-resume', 'btn-experiment-json', 'btn-experiment-csv'])
      expect(await page.getByTestId(id).count()).toBe(0);
    await page.getByTestId('input-open-experiment').setInputFiles('docs/experiments/stage2/results.json');
    await waitForRows(page, 3, 10_000, ['balance-50', 'bce-500', 'balance-fromStart-500']);
    const fit = () =>
      page.evaluate(() => {
        const panel = document.querySelector('[data-testid="experiment-table-panel"]') as HTMLElement;
        const wrap = document.querySelector('[data-testid="experiment-table-wrap"]') as HTMLElement;
        const table = document.querySelector('[data-testid="experiment-table"]') as HTMLElement;
        return {
          table: table.scrollWidth,
          panel: panel.clientWidth,
          wrapScrolls: getComputedStyle(wrap).overflowX === 'auto',
          wrapWidth: wrap.clientWidth,
          page: document.documentElement.scrollWidth,
          window: window.innerWidth,
        };
      });
    const wide = await fit();
    expect(wide.table).toBeLessThanOrEqual(wide.panel);
    expect(wide.page).toBeLessThanOrEqual(wide.window);
    // The export row of every panel, and the table's CSV; Resume stays hidden for a finished sweep.
    for (const id of ['export-svg-experiment-table-panel', 'export-png-experiment-table-panel', 'btn-experiment-csv'])
      expect(await page.getByTestId(id).isVisible()).toBe(true);
    expect(await page.getByTestId('btn-experiment-resume').count()).toBe(0);
    expect(await page.getByTestId('btn-experiment-json').isVisible()).toBe(true);
    const download = page.waitForEvent('download');
    await page.getByTestId('btn-experiment-csv').click();
    expect((await download).suggestedFilename()).toBe('experiment.summary.csv');

    // All columns: wider than the panel, so the table scrolls inside it and the page does not.
    await page.getByTestId('experiment-columns-toggle').click();
    expect(await page.getByTestId('experiment-table').locator('th', { hasText: 'FP main' }).count()).toBe(1);
    const all = await fit();
    expect(all.wrapScrolls).toBe(true);
    expect(all.wrapWidth).toBeLessThanOrEqual(all.panel);
    expect(all.page).toBeLessThanOrEqual(all.window);
    await page.getByTestId('experiment-columns-toggle').click();

    await page.setViewportSize({ width: 1440, height: 900 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(300);
    await screenshotPainted(page, 'test-results/experiments-1440x900.png');
    await page.getByTestId('experiment-table-panel').scrollIntoViewIfNeeded();
    await screenshotPainted(page, 'test-results/experiments-table-1440x900.png');

    // A phone: the table scrolls inside its panel; the page never scrolls sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    const phone = await fit();
    expect(phone.wrapScrolls).toBe(true);
    expect(phone.table).toBeGreaterThan(phone.wrapWidth);
    expect(phone.page).toBeLessThanOrEqual(phone.window);
    expect(errors).toEqual([]);
  });
});
