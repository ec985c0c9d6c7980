import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TOUR_STORAGE_KEY } from '../../src/ui/tour/tourStore';
import { tourSteps } from '../../src/ui/tour/tourSteps';
import { openPage, textOf, TINY, screenshotPainted, waitForSnapshot } from './harness';
import { browserSuite } from './suite';

const suite = browserSuite();

const N = tourSteps.length;
const indexOf = (id: string): number => {
  const i = tourSteps.findIndex((s) => s.id === id);
  if (i < 0) throw new Error(`no tour step ${id}`);
  return i;
};
const plain = (s: string): string => s.replace(/[_^]\{([^}]*)\}/g, '$1');

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Union of the boxes of the elements with these test ids that are laid out. */
async function unionBox(page: Page, ids: readonly string[]): Promise<Rect | null> {
  return page.evaluate(
    (list) => {
      const rs = list
        .map((id) => document.querySelector(`[data-testid="${id}"]`)?.getBoundingClientRect())
        .filter((r): r is DOMRect => r !== undefined && r.width > 0 && r.height > 0);
      if (rs.length === 0) return null;
      const x = Math.min(...rs.map((r) => r.left));
      const y = Math.min(...rs.map((r) => r.top));
      return { x, y, width: Math.max(...rs.map((r) => r.right)) - x, height: Math.max(...rs.map((r) => r.bottom)) - y };
    },
    [...ids],
  );
}

/** Waits for the card of step `index` (0-based), checking its counter and title. */
async function expectStep(page: Page, index: number): Promise<void> {
  const card = page.getByTestId('tour-card');
  await card.and(page.locator(`[data-step="${tourSteps[index].id}"]`)).waitFor({ timeout: 10_000 });
  expect(await textOf(page, 'tour-progress')).toBe(`Step ${index + 1} of ${N}`);
  expect(await card.locator('h2').textContent()).toBe(plain(tourSteps[index].title));
}

/**
 * The spotlight's box equals the union of the step's targets (±2 px) once scrolling settles, and
 * the target is in the viewport.
 */
async function expectSpotlightOn(page: Page, index: number): Promise<void> {
  const ids = tourSteps[index].targets;
  await page.waitForFunction(
    (list) => {
      const spot = document.querySelector('[data-testid="tour-spotlight"]')?.getBoundingClientRect();
      const rs = list
        .map((id) => document.querySelector(`[data-testid="${id}"]`)?.getBoundingClientRect())
        .filter((r): r is DOMRect => !!r && r.width > 0);
      const w = window as unknown as { tourStable?: { key: string; frames: number } };
      if (!spot || rs.length === 0) return false;
      const l = Math.min(...rs.map((r) => r.left));
      const t = Math.min(...rs.map((r) => r.top));
      const r = Math.max(...rs.map((x) => x.right));
      const b = Math.max(...rs.map((x) => x.bottom));
      const on =
        Math.abs(spot.left - l) <= 2 &&
        Math.abs(spot.top - t) <= 2 &&
        Math.abs(spot.right - r) <= 2 &&
        Math.abs(spot.bottom - b) <= 2;
      // Smooth scrolling: the target must also have stopped moving (10 frames in the same place).
      const key = [l, t, r, b].map(Math.round).join(',');
      w.tourStable = on && w.tourStable?.key === key ? { key, frames: w.tourStable.frames + 1 } : { key, frames: 0 };
      return w.tourStable.frames >= 10;
    },
    [...ids],
    { timeout: 10_000, polling: 'raf' },
  );
  const target = await unionBox(page, ids);
  const spot = await page.getByTestId('tour-spotlight').boundingBox();
  expect(target).not.toBeNull();
  expect(spot).not.toBeNull();
  if (!target || !spot) return;
  for (const k of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(spot[k] - target[k])).toBeLessThanOrEqual(2);
  // Scrolled into view (at least its top part when it is taller than the window).
  expect(target.y).toBeGreaterThanOrEqual(0);
  expect(target.y).toBeLessThan(800);
}

async function savedIndex(page: Page): Promise<number | null> {
  const raw = await page.evaluate((key) => localStorage.getItem(key), TOUR_STORAGE_KEY);
  return raw === null ? null : (JSON.parse(raw) as { index: number }).index;
}

describe('guided tour', () => {
  it('spotlights panels, navigates, skips, resumes after a reload and clears when finished', async () => {
    const { page, errors } = await openPage(suite.browser, `${suite.origin}/?${TINY}`);
    // Once the engine has sent its first snapshot (no training needed),
    // the dev server has bundled the worker's dependencies: its "optimized dependencies changed"
    // reload would otherwise close the tour mid-test.
    let navigations = 0;
    page.on('load', () => navigations++);
    await waitForSnapshot(page, 0);
    const reloadsBefore = navigations;
    await page.getByTestId('concept-sorted').locator('svg').first().waitFor({ timeout: 60_000 });
    // Records the keys that reach the page's own listeners (the app's shortcuts listen on window).
    await page.evaluate(() => {
      const seen: string[] = [];
      Object.assign(window, { tourSeenKeys: seen });
      window.addEventListener('keydown', (e) => seen.push(e.key));
    });
    const seenKeys = () =>
      page.evaluate(() => (window as unknown as { tourSeenKeys: string[] }).tourSeenKeys.splice(0));

    const button = page.getByTestId('btn-tour');
    expect(await button.textContent()).toBe('Tour');
    await button.click();
    await expectStep(page, 0);
    // The welcome has no target: a centred card over a fully dimmed page.
    expect(await page.getByTestId('tour-card').getAttribute('data-placement')).toBe('center');
    expect(await page.getByTestId('tour-spotlight').count()).toBe(0);
    expect(await page.getByTestId('tour-back').isDisabled()).toBe(true);

    // Next: Fig. 1 points at Eq. 9's numbers.
    await page.getByTestId('tour-next').click();
    await expectStep(page, indexOf('fig1'));
    expect(await textOf(page, 'tour-card')).toMatch(/FPhard is the number of background pixels with p > t/);
    await expectSpotlightOn(page, indexOf('fig1'));

    // Fig. 2 panel.
    await page.getByTestId('tour-next').click();
    await expectStep(page, indexOf('fig2'));
    await expectSpotlightOn(page, indexOf('fig2'));
    const card = await page.getByTestId('tour-card').boundingBox();
    const target = await unionBox(page, ['concept-sorted']);
    // The card sits beside the panel, not over it.
    if (card && target)
      expect(
        card.x >= target.x + target.width ||
          card.x + card.width <= target.x ||
          card.y >= target.y + target.height ||
          card.y + card.height <= target.y,
      ).toBe(true);

    // Back, then keyboard: → and ← navigate and never reach the app's shortcuts.
    await page.getByTestId('tour-back').click();
    await expectStep(page, indexOf('fig1'));
    const stepBefore = await textOf(page, 'step-counter');
    await page.keyboard.press('ArrowRight');
    await expectStep(page, indexOf('fig2'));
    await page.keyboard.press('ArrowRight');
    await expectStep(page, indexOf('eq9'));
    await page.keyboard.press('ArrowLeft');
    await expectStep(page, indexOf('fig2'));
    await page.keyboard.press('r');
    await page.keyboard.press('p');
    expect(await seenKeys()).toEqual([]);
    expect(await textOf(page, 'step-counter')).toBe(stepBefore);
    expect(await page.getByTestId('btn-present').textContent()).toBe('Present');

    // The ratio step outlines the slider it asks you to move, and that slider stays usable.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expectStep(page, indexOf('ratio'));
    await expectSpotlightOn(page, indexOf('ratio'));
    await page.getByTestId('tour-ring').first().waitFor();
    const slider = page.getByTestId('slider-conceptRatio');
    await slider.fill('800');
    await expectStep(page, indexOf('ratio'));
    // A focused slider keeps its arrow keys (the tour does not move, the app does not see them).
    await slider.focus();
    const before = Number(await slider.inputValue());
    await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => Number(await slider.inputValue())).toBeLessThan(before);
    await expectStep(page, indexOf('ratio'));
    expect(await seenKeys()).toEqual([]);

    // Esc skips and keeps the position.
    await page.getByTestId('tour-back').click();
    await page.getByTestId('tour-back').click();
    await expectStep(page, indexOf('fig2'));
    await page.keyboard.press('Escape');
    await page.getByTestId('tour-card').waitFor({ state: 'detached' });
    expect(await seenKeys()).toEqual([]);
    expect(await savedIndex(page)).toBe(indexOf('fig2'));
    expect(await button.textContent()).toBe(`Tour ${indexOf('fig2') + 1}/${N}`);

    expect(navigations, 'the page reloaded by itself during the test').toBe(reloadsBefore);

    // A reload keeps it; resuming continues at the saved step with the spotlight on its panel.
    await page.reload();
    await page.getByTestId('concept-sorted').locator('svg').first().waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('btn-tour').textContent()).toBe(`Tour ${indexOf('fig2') + 1}/${N}`);
    expect(await page.getByTestId('tour-card').count()).toBe(0);
    await waitForSnapshot(page, 0);
    await page.getByTestId('btn-tour').click();
    await expectStep(page, indexOf('fig2'));
    await expectSpotlightOn(page, indexOf('fig2'));
    await screenshotPainted(page, 'test-results/tour.png');

    // Eq. 11/12: whichever the explorer shows is spotlit.
    await page
      .getByTestId('tour-card')
      .locator(`button[aria-label^="Go to step ${indexOf('eq11') + 1}:"]`)
      .click();
    await expectStep(page, indexOf('eq11'));
    await expectSpotlightOn(page, indexOf('eq11'));

    // A step whose panel is not on the page (hidden here) gets a centred card that says what it would show.
    for (let i = indexOf('eq11'); i < indexOf('live-fig2'); i++) await page.getByTestId('tour-next').click();
    await expectStep(page, indexOf('live-fig2'));
    await page.evaluate(() => {
      const el = document.querySelector<HTMLElement>('[data-testid="train-sorted-fp"]');
      if (!el) throw new Error('train-sorted-fp is not on the page');
      el.style.display = 'none';
    });
    await page.getByTestId('tour-missing').waitFor({ timeout: 10_000 });
    expect(await textOf(page, 'tour-missing')).toMatch(/live Fig\. 2 panel of the training section/);
    expect(await page.getByTestId('tour-card').getAttribute('data-placement')).toBe('center');
    expect(await page.getByTestId('tour-spotlight').count()).toBe(0);
    await page.evaluate(() => {
      const el = document.querySelector<HTMLElement>('[data-testid="train-sorted-fp"]');
      if (el) el.style.display = '';
    });
    await page.getByTestId('tour-missing').waitFor({ state: 'detached' });
    await expectSpotlightOn(page, indexOf('live-fig2'));

    // To the end: the last Next reads Finish, and finishing clears the saved position.
    for (let i = indexOf('live-fig2'); i < N - 1; i++) await page.getByTestId('tour-next').click();
    await expectStep(page, N - 1);
    await expectSpotlightOn(page, N - 1);
    expect(await page.getByTestId('tour-next').textContent()).toBe('Finish');
    await page.getByTestId('tour-next').click();
    await page.getByTestId('tour-card').waitFor({ state: 'detached' });
    expect(await savedIndex(page)).toBeNull();
    expect(await page.getByTestId('btn-tour').textContent()).toBe('Tour');
    await page.reload();
    await page.getByTestId('btn-tour').waitFor();
    expect(await page.getByTestId('btn-tour').textContent()).toBe('Tour');

    // Reduced motion: no card animation. Skipping on the first step leaves nothing to resume.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.getByTestId('btn-tour').click();
    await expectStep(page, 0);
    expect(await page.getByTestId('tour-card').evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
    await page.getByTestId('tour-skip').click();
    await page.getByTestId('tour-card').waitFor({ state: 'detached' });
    expect(await savedIndex(page)).toBeNull();
    expect(await page.getByTestId('btn-tour').textContent()).toBe('Tour');

    expect(errors).toEqual([]);
  });
});
