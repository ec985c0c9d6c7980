/**
 * Panels redrawn in place on a slider input (issue 19: d3 selections kept between redraws, text
 * and attributes written only where they changed, src/panels/kit/setIfChanged.ts) end exactly as
 * a page opened at those values draws them: the same elements, attributes and text.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { drawAllIn, openPage } from './harness';
import { browserSuite } from './suite';

const suite = browserSuite();

/** ε from the slider (so ε moves Fig. 2 and the bars), on the CPU backend (no GPU needed here). */
const BASE = 'epsm=value&be=cpu';

/** The concept explorer's markup, once its Fig. 2 is drawn and its equations typeset. */
async function conceptMarkup(page: Page): Promise<string> {
  await page.getByTestId('concept-sorted').locator('svg[role="img"]').first().waitFor({ state: 'attached' });
  // Every panel drawn (the ones after Fig. 2 draw when a reader scrolls near them) and typeset.
  await drawAllIn(page, '[data-testid="concept-explorer"]');
  await page.waitForFunction(
    () => !document.querySelector('[data-testid="concept-explorer"] :is([data-loading], .panel-pending)'),
  );
  // Two frames: every layout effect of the last input has run.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return page.evaluate(() => document.querySelector('[data-testid="concept-explorer"]')?.innerHTML ?? '');
}

/** Moves a slider to a track position (0–1000) as a drag does, and waits for the shown value. */
async function setSlider(page: Page, name: string, position: number, shown: string): Promise<void> {
  await page.getByTestId(`slider-${name}`).evaluate((el, v) => {
    const input = el as HTMLInputElement;
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, String(v));
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, position);
  await page.getByTestId(`value-${name}`).filter({ hasText: shown }).waitFor();
}

describe('panels redrawn in place', () => {
  it('draw what a page opened at the same t and ε draws', async () => {
    const fresh = await openPage(suite.browser, `${suite.origin}/?${BASE}&t=0.7&eps=0.0631`);
    await fresh.page.getByTestId('value-t').filter({ hasText: '0.700' }).waitFor({ timeout: 180_000 });
    const expected = await conceptMarkup(fresh.page);
    expect(fresh.errors).toEqual([]);

    const moved = await openPage(suite.browser, `${suite.origin}/?${BASE}`);
    await moved.page.getByTestId('value-t').filter({ hasText: '0.500' }).waitFor({ timeout: 180_000 });
    await conceptMarkup(moved.page);
    // Through values that change the crossing's side, the labels' spots and the ε case, then back.
    for (const [name, position, shown] of [
      ['eps', 900, '0.398'],
      ['t', 50, '0.050'],
      ['t', 950, '0.950'],
      ['eps', 700, '0.0631'],
      ['t', 300, '0.300'],
      ['t', 700, '0.700'],
    ] as const)
      await setSlider(moved.page, name, position, shown);
    const markup = await conceptMarkup(moved.page);
    // Chart by chart first, so a failure names the panel; then everything else.
    const charts = (html: string) => html.match(/<svg[^>]*role="img"[\s\S]*?<\/svg>/g) ?? [];
    expect(charts(markup).length).toBeGreaterThan(1);
    expect(charts(markup)).toEqual(charts(expected));
    expect(markup).toBe(expected);
    expect(moved.errors).toEqual([]);
  });
});
