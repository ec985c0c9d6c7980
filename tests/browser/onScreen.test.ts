/**
 * Slider inputs redraw only the panels in view (issue 19, src/panels/kit/onScreen.tsx): a panel
 * off screen keeps the t it last drew and catches up when it scrolls in; new data still reaches
 * it; printing shows every panel at the current values.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, TINY, waitForSnapshot } from './harness';
import { browserSuite } from './suite';

const suite = browserSuite();

/** The threshold a sorted-predictions panel last drew with, from its svg's text alternative. */
async function drawnT(page: Page, testId: string): Promise<string> {
  const label = await page.getByTestId(testId).locator('svg[role="img"]').first().getAttribute('aria-label');
  return /threshold t = ([\d.]*\d)/.exec(label ?? '')?.[1] ?? '';
}

async function setT(page: Page, position: number, shown: string): Promise<void> {
  // Focused without scrolling, as a slider docked beside the figure would be.
  await page.getByTestId('slider-t').evaluate((el, v) => {
    const input = el as HTMLInputElement;
    input.focus({ preventScroll: true });
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, String(v));
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, position);
  await page.getByTestId('value-t').filter({ hasText: shown }).waitFor();
}

describe('panels off screen', () => {
  it('hold their slider values, catch up when scrolled in, and all print at the current values', async () => {
    const { page, errors } = await openPage(suite.browser, `${suite.origin}/?${TINY}`);
    // Any backend: this is about drawing, not training.
    await page
      .getByTestId('backend-badge')
      .filter({ hasText: /webgpu|webgl|wasm|cpu/ })
      .waitFor({ timeout: 180_000 });
    await page.getByTestId('btn-step').click();
    await waitForSnapshot(page, 1);
    await page.getByTestId('train-sorted-fn').locator('svg[role="img"]').first().waitFor({ state: 'attached' });
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await drawnT(page, 'train-sorted-fn')).toBe('0.5');

    // The concept figure is in view and follows t; the training panel far below holds 0.5.
    await setT(page, 200, '0.200');
    await page.waitForFunction(() =>
      document
        .querySelector('[data-testid="concept-sorted"] svg[role="img"]')
        ?.getAttribute('aria-label')
        ?.includes('t = 0.2.'),
    );
    await page.waitForTimeout(500);
    expect(await drawnT(page, 'train-sorted-fn')).toBe('0.5');

    // Scrolled in, it catches up; the concept explorer, now far above, holds 0.2 in turn.
    await page.getByTestId('train-sorted-fn').scrollIntoViewIfNeeded();
    await page.waitForFunction(() =>
      document
        .querySelector('[data-testid="train-sorted-fn"] svg[role="img"]')
        ?.getAttribute('aria-label')
        ?.includes('t = 0.2.'),
    );
    await page.getByTestId('train-sorted-fn').evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await setT(page, 700, '0.700');
    await page.waitForTimeout(500);
    expect(await drawnT(page, 'concept-sorted')).toBe('0.2');

    // Before printing, every panel draws at the current t.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    expect(await drawnT(page, 'concept-sorted')).toBe('0.7');
    expect(errors).toEqual([]);
  });
});
