import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { decompose } from '../../src/core';
import { displayEps } from '../../src/engine/displayEps';
import { conceptPredictions } from '../../src/panels/conceptData';
import { DEFAULT_PARAMS } from '../../src/params/schema';
import {
  expectBackend,
  foreignRequests,
  openPage,
  textOf,
  TINY,
  waitForStep,
  screenshotPainted,
  scrollInLive,
} from './harness';
import { browserSuite } from './suite';

const suite = browserSuite();

/** Sets a schema slider through the UI: position 0..1000 maps linearly onto t ∈ [0, 1]. */
async function setT(page: Page, t: number): Promise<void> {
  await page.getByTestId('slider-t').fill(String(Math.round(t * 1000)));
  await page
    .getByTestId('value-t')
    .filter({ hasText: t.toFixed(3) })
    .waitFor();
}

const numberIn = (text: string): number => Number(/-?\d+(\.\d+)?(e[-+]?\d+)?/i.exec(text.replace(/,/g, ''))?.[0]);

describe('visualizer', () => {
  it('draws the concept explorer on load; t moves the crossing and main/bias exactly as src/core says', async () => {
    const { page, errors, requests } = await openPage(suite.browser, `${suite.origin}/?${TINY}`);
    await page.getByTestId('concept-sorted').locator('svg').first().waitFor({ timeout: 60_000 });
    const { p, y } = conceptPredictions({ ratio: DEFAULT_PARAMS.conceptRatio, quality: DEFAULT_PARAMS.conceptQuality });
    const eps = displayEps(DEFAULT_PARAMS, y);
    const seen: number[] = [];
    for (const t of [0.5, 0.2, 0.8]) {
      await setT(page, t);
      const d = decompose(p, y, { t, eps });
      const crossing = numberIn(await textOf(page, 'concept-sorted-crossing'));
      expect(crossing).toBe(d.fpHard);
      seen.push(crossing);
      const main = numberIn(await textOf(page, 'concept-sorted-main'));
      const bias = numberIn(await textOf(page, 'concept-sorted-bias'));
      expect(Math.abs(main - d.fpMain)).toBeLessThanOrEqual(Math.abs(d.fpMain) * 1e-3 + 1e-9);
      expect(Math.abs(bias - d.fpBias)).toBeLessThanOrEqual(Math.abs(d.fpBias) * 1e-3 + 1e-9);
    }
    expect(new Set(seen).size).toBe(3);
    expect(errors).toEqual([]);
    expect(await page.locator('.notice-error').allTextContents()).toEqual([]);
    expect(foreignRequests(requests, suite.origin)).toEqual([]);
  });

  it('trains live: the step counter rises, panels update, the stage is shown; screenshots', async () => {
    const { page, errors, requests } = await openPage(suite.browser, `${suite.origin}/?${TINY}`);
    await expectBackend(page, 'webgpu');
    await page.getByTestId('btn-play').click();
    await waitForStep(page, 4);
    // Off screen a panel holds what it drew; a reader scrolls to it (src/panels/kit/onScreen.tsx).
    await scrollInLive(page, 'panel-history');
    await page.getByTestId('panel-history').locator('svg path').first().waitFor({ state: 'attached' });
    await page.getByTestId('train-sorted-fp').locator('svg').first().waitFor({ state: 'attached' });
    expect(await textOf(page, 'stage-indicator')).toMatch(/Stage [12]/);
    await page.getByTestId('btn-pause').click();
    // The engine has stopped (a step in flight when Pause was pressed has landed).
    await page.getByTestId('btn-play').waitFor();
    // Moving t re-renders the training panels from cached predictions, without a step.
    const stepBefore = await textOf(page, 'step-counter');
    await setT(page, 0.3);
    expect(await textOf(page, 'step-counter')).toBe(stepBefore);
    await screenshotPainted(page, 'test-results/app-1280x800.png');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshotPainted(page, 'test-results/app-1920x1080.png');
    await screenshotPainted(page, 'test-results/app-full.png', true);
    expect(errors).toEqual([]);
    expect(await page.locator('.notice-error').allTextContents()).toEqual([]);
    expect(foreignRequests(requests, suite.origin)).toEqual([]);
  });

  it('clamps invalid URL parameters and says so', async () => {
    const { page, errors } = await openPage(suite.browser, `${suite.origin}/?${TINY}&t=7&loss=nonsense&bogus=1`);
    const notices = page.getByTestId('notices');
    await notices.waitFor();
    const text = await notices.textContent();
    expect(text).toMatch(/Threshold t: 7 is outside 0–1; using 1/);
    expect(text).toMatch(/Loss: “nonsense” is not one of/);
    expect(text).toMatch(/Unknown URL parameter “bogus”/);
    expect(await textOf(page, 'value-t')).toBe('1.000');
    expect(errors).toEqual([]);
    expect(await page.locator('.notice-error').allTextContents()).toEqual([]);
  });
});
