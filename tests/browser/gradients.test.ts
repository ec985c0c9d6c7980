/**
 * "Where the loss pushes" in the browser: the concept explorer's shares equal src/core's at
 * several t; the training section shows them on a validation image and on the batch, with the
 * per-pixel map and the history of the BG-bias share. (The analysis view's panel is checked in
 * yourData.test.ts on imported predictions.)
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { allGradientShares, lossIds } from '../../src/core';
import { conceptPredictions } from '../../src/panels/conceptData';
import { DEFAULT_PARAMS } from '../../src/params/schema';
import {
  expectBackend,
  foreignRequests,
  openPage,
  TINY,
  waitForSnapshot,
  screenshotPainted,
  scrollInLive,
} from './harness';
import { browserSuite } from './suite';

const suite = browserSuite();
const GROUPS = ['fgMain', 'fgBias', 'bgMain', 'bgBias'] as const;
const percent = (text: string | null): number => Number((text ?? '').replace('%', ''));

async function setT(page: Page, t: number): Promise<void> {
  await page.getByTestId('slider-t').fill(String(Math.round(t * 1000)));
  await page
    .getByTestId('value-t')
    .filter({ hasText: t.toFixed(3) })
    .waitFor();
}

/** Every loss row of a gradient panel: four percentages that sum to 100 (within rounding). */
async function rowsOf(page: Page, panel: string): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = {};
  const root = page.getByTestId(panel);
  for (const loss of lossIds)
    out[loss] = await Promise.all(
      GROUPS.map(async (g) => percent(await root.getByTestId(`grad-share-${loss}-${g}`).textContent())),
    );
  return out;
}

describe('where the loss pushes', () => {
  it('concept explorer: every loss’s shares equal src/core at t = 0.5, 0.3 and 0.7 and sum to 100%', async () => {
    const { page, errors, requests } = await openPage(suite.browser, `${suite.origin}/?${TINY}`);
    await page.getByTestId('concept-gradient').waitFor({ timeout: 60_000 });
    const { p, y } = conceptPredictions({ ratio: DEFAULT_PARAMS.conceptRatio, quality: DEFAULT_PARAMS.conceptQuality });
    for (const t of [0.5, 0.3, 0.7]) {
      await setT(page, t);
      const shares = allGradientShares(p, y, 1, t, {
        tHard: DEFAULT_PARAMS.tHard,
        eps: 'reference',
        a: DEFAULT_PARAMS.a,
      });
      const rows = await rowsOf(page, 'concept-gradient');
      for (const loss of lossIds) {
        GROUPS.forEach((g, k) => expect(rows[loss][k]).toBe(Number((100 * shares[loss][g]).toFixed(1))));
        expect(Math.abs(rows[loss].reduce((s, v) => s + v, 0) - 100)).toBeLessThanOrEqual(0.2);
      }
    }
    // The trained loss (Balance by default) is highlighted.
    expect(
      await page.getByTestId('concept-gradient').getByTestId('grad-row-balance').getAttribute('data-trained'),
    ).toBe('true');
    expect(errors).toEqual([]);
    expect(foreignRequests(requests, suite.origin)).toEqual([]);
  });

  it('training: shares on a validation image and on the batch, the per-pixel map, the BG-bias share over training', async () => {
    const { page, errors, requests } = await openPage(suite.browser, `${suite.origin}/?${TINY}`);
    await expectBackend(page, 'webgpu');
    await page.getByTestId('btn-step').click();
    await waitForSnapshot(page, 1);
    const panel = page.getByTestId('train-gradient');
    // Off screen a panel holds what it drew, or has not drawn yet; a reader scrolls to it
    // (src/panels/kit/onScreen.tsx).
    await scrollInLive(page, 'train-gradient');
    // Balance trains Intra-CBL in stage 1 and the mix in stage 2: that row is marked as trained.
    const stage = await page.getByTestId('stage-indicator').textContent();
    const trainedRow = /Stage 2/.test(stage ?? '') ? 'balance' : 'intra';
    const marked = await panel
      .locator('[data-trained="true"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(marked, `stage indicator: ${stage}`).toEqual([`grad-row-${trainedRow}`]);
    const onImage = await rowsOf(page, 'train-gradient');
    for (const loss of lossIds)
      expect(Math.abs(onImage[loss].reduce((s, v) => s + v, 0) - 100)).toBeLessThanOrEqual(0.2);
    await page.getByTestId('train-gradient-map-canvas').waitFor();
    await page.getByTestId('train-gradient-map-loss').selectOption('bce');
    expect(await page.getByTestId('train-gradient-map-loss').inputValue()).toBe('bce');
    await scrollInLive(page, 'grad-history-summary');
    await page
      .getByTestId('grad-history-summary')
      .filter({ hasText: /BCE on the same predictions would put \d+\.\d% there/ })
      .waitFor();
    await screenshotPainted(page, 'test-results/gradients-training.png', true);
    await scrollInLive(page, 'train-sorted-fp');
    expect(await page.getByTestId('train-sorted-fp-note').count()).toBe(0); // one image: nothing pooled
    // The batch as the subject (clicking the selected image again deselects it).
    await page.getByTestId('image-0').click();
    await scrollInLive(page, 'train-gradient');
    await panel.filter({ hasText: 'training batch' }).waitFor();
    await scrollInLive(page, 'train-sorted-fp');
    // Fig. 2 on the batch says that it pools the images while the loss works per image.
    expect(await page.getByTestId('train-sorted-fp-note').textContent()).toMatch(
      /^Pooled over the \d+ images: .* the loss takes the top f_i of each image/,
    );
    const onBatch = await rowsOf(page, 'train-gradient');
    for (const loss of lossIds)
      expect(Math.abs(onBatch[loss].reduce((s, v) => s + v, 0) - 100)).toBeLessThanOrEqual(0.2);
    expect(errors).toEqual([]);
    expect(foreignRequests(requests, suite.origin)).toEqual([]);
  });
});
