/**
 * Slider inputs redraw only the panels in view (issue 19, src/panels/kit/onScreen.tsx): a panel
 * off screen keeps the t it last drew and catches up when it scrolls in; new data still reaches
 * it; printing shows every panel at the current values. New data (a snapshot) skips them alike,
 * and an export composes its panel with the current data even right after scrolling it in.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { openPage, scrollInLive, scrollUntilDrawn, TINY, waitForLive, waitForSnapshot } from './harness';
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

/** Whether the panel around `testId` shows current data (its WhileOnScreen wrapper's data-live). */
const isLive = (page: Page, testId: string): Promise<string | null | undefined> =>
  page.evaluate(
    (id) => document.querySelector(`[data-testid="${id}"]`)?.closest('.on-screen')?.getAttribute('data-live'),
    testId,
  );

/** The loss of the run's last step, from the store. */
const storeLoss = (page: Page): Promise<number> =>
  page.evaluate(() => {
    const lab = (window as unknown as { balanceLab: { store: { getState(): { steps: { loss: number }[] } } } })
      .balanceLab;
    const steps = lab.store.getState().steps;
    return steps[steps.length - 1].loss;
  });

/** Training steps up to `step`, each clicked without scrolling the page (as a shortcut would be). */
async function stepTo(page: Page, step: number): Promise<void> {
  for (;;) {
    const now = await page.evaluate(
      () =>
        (
          window as unknown as { balanceLab: { store: { getState(): { snapshot: { step: number } | null } } } }
        ).balanceLab.store.getState().snapshot?.step ?? 0,
    );
    if (now >= step) return;
    await page.getByTestId('btn-step').evaluate((b) => (b as HTMLButtonElement).click());
    await waitForSnapshot(page, now + 1);
  }
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
    // Mounted off screen, the panel draws when a reader first comes near it.
    await scrollUntilDrawn(page, 'train-sorted-fn');
    await page.getByTestId('train-sorted-fn').locator('svg[role="img"]').first().waitFor({ state: 'attached' });
    await page.evaluate(() => window.scrollTo(0, 0));
    await waitForLive(page, 'train-sorted-fn', false);
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

  it('skip new snapshots, show the newest once scrolled in, and export current data right after scrolling in', async () => {
    const { page, errors } = await openPage(suite.browser, `${suite.origin}/?${TINY}`);
    await page
      .getByTestId('backend-badge')
      .filter({ hasText: /webgpu|webgl|wasm|cpu/ })
      .waitFor({ timeout: 180_000 });
    await stepTo(page, 1);
    // Mounted off screen, the loss panel draws when a reader first comes near it.
    await scrollUntilDrawn(page, 'readout-loss');
    await page.evaluate(() => window.scrollTo(0, 0));
    await waitForLive(page, 'panel-loss', false);
    const heldText = await page.getByTestId('readout-loss').textContent();
    // Any change React makes to the panel's DOM is counted.
    await page.getByTestId('panel-loss').evaluate((panel) => {
      const seen = { n: 0 };
      new MutationObserver((records) => (seen.n += records.length)).observe(panel, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
      });
      Object.assign(window, { lossPanelMutations: seen });
    });
    await stepTo(page, 3);
    await page.waitForTimeout(500);
    expect(await isLive(page, 'panel-loss')).toBe('false');
    expect(
      await page.evaluate(() => (window as unknown as { lossPanelMutations: { n: number } }).lossPanelMutations.n),
    ).toBe(0);
    expect(await page.getByTestId('readout-loss').textContent()).toBe(heldText);

    // Scrolled in, it shows the newest step.
    await scrollInLive(page, 'panel-loss');
    const newest = await storeLoss(page);
    expect(Number(await page.getByTestId('readout-loss').textContent())).toBeCloseTo(newest, 4);
    expect(await page.getByTestId('readout-loss').textContent()).not.toBe(heldText);

    // Off screen again, two more steps; then scrolled in and exported in the same task, before the
    // observer can report it: the SVG still holds the newest loss.
    await page.evaluate(() => window.scrollTo(0, 0));
    await waitForLive(page, 'panel-loss', false);
    const heldAgain = await page.getByTestId('readout-loss').textContent();
    await stepTo(page, 5);
    const latest = await storeLoss(page);
    const [file] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId('panel-loss').evaluate((panel) => {
        panel.scrollIntoView();
        panel.querySelector<HTMLButtonElement>('[data-testid="export-svg-panel-loss"]')?.click();
      }),
    ]);
    const svg = readFileSync(await file.path(), 'utf8');
    const exported = await page.evaluate(
      (text) =>
        new DOMParser().parseFromString(text, 'image/svg+xml').querySelector('[data-testid="readout-loss"]')
          ?.textContent ?? '',
      svg,
    );
    expect(exported).not.toBe(heldAgain);
    expect(Number(exported)).toBeCloseTo(latest, 4);
    expect(errors).toEqual([]);
  });
});
