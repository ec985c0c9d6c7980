/**
 * The sliders beside the figure (issue 19 items 3–4, issue 23 item 1): the phone dock while Fig. 2
 * is on screen, keys that move every slider with aria-valuetext the shown value, and the
 * presentation strip at 1920 × 1080 with its [ ] , . shortcuts. Screenshots under test-results/.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from './a11y';
import { openPage, screenshotPainted, scrollInLive, scrollUntilDrawn, textOf, TINY, waitForStep } from './harness';
import { browserSuite } from './suite';

const suite = browserSuite();

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
  height: number;
}

/** The element's box in the viewport, or null when it is not rendered. */
const box = (page: Page, testId: string): Promise<Box | null> =>
  page.evaluate((id) => {
    const el = document.querySelector(`[data-testid="${id}"]`);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height };
  }, testId);

const onScreen = (b: Box | null, viewportHeight: number): boolean => !!b && b.top >= 0 && b.bottom <= viewportHeight;

/** Scrolls a panel to the top of the viewport and waits until the dock has caught up with it. */
async function bringIntoView(page: Page, testId: string, sliderTestId: string): Promise<void> {
  await page.getByTestId(testId).evaluate((e) => e.scrollIntoView({ block: 'start' }));
  await page.getByTestId(sliderTestId).waitFor({ timeout: 10_000 });
}

/** The figure's numbers (legend and labels): what a slider move must change. */
const numbersOf = async (page: Page, testId: string): Promise<string> =>
  (await textOf(page, testId)).replace(/[^0-9.=]+/g, ' ');

describe('sliders beside the figure', () => {
  it('390 × 844: t and ε are on screen while a Fig. 2 panel is, never over it, and move its numbers; t_h and a join at training', async () => {
    const { page, errors } = await openPage(suite.browser, `${suite.origin}/?${TINY}`, { width: 390, height: 844 });
    await page.getByTestId('concept-sorted').locator('svg').first().waitFor({ timeout: 120_000 });
    await bringIntoView(page, 'concept-sorted', 'dock-slider-t');
    const fig = await box(page, 'concept-sorted');
    const dock = await box(page, 'slider-dock');
    expect(onScreen(await box(page, 'dock-slider-t'), 844)).toBe(true);
    expect(onScreen(await box(page, 'dock-slider-eps'), 844)).toBe(true);
    // The whole figure, legend numbers included, sits above the dock.
    expect(fig!.bottom).toBeLessThanOrEqual(dock!.top);
    for (const id of ['dock-slider-t', 'dock-slider-eps', 'dock-toggle'])
      expect((await box(page, id))!.height, id).toBeGreaterThanOrEqual(44);
    expect(await page.getByTestId('dock-slider-tHard').count()).toBe(0);

    const before = await numbersOf(page, 'concept-sorted');
    await page.getByTestId('dock-slider-t').focus();
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('[data-testid="dock-value-t"]')?.textContent === '0.520');
    expect(await textOf(page, 'value-t')).toBe('0.520');
    await page.waitForFunction((b) => {
      const text = document.querySelector('[data-testid="concept-sorted"]')?.textContent ?? '';
      return text.replace(/[^0-9.=]+/g, ' ') !== b;
    }, before);
    expect(await numbersOf(page, 'concept-sorted')).toContain('0.52');
    await screenshotPainted(page, 'test-results/dock-390x844-concept.png');
    // The dock itself; the whole page at phone width is screens.test.ts's subject.
    expect(await seriousViolations(page, '[data-testid="slider-dock"]')).toEqual([]);

    // Collapsed, the dock keeps one 44 px button; expanded again, the sliders come back.
    await page.getByTestId('dock-toggle').click();
    expect(await page.getByTestId('dock-slider-t').count()).toBe(0);
    expect((await box(page, 'dock-toggle'))!.height).toBeGreaterThanOrEqual(44);
    await page.getByTestId('dock-toggle').click();
    await page.getByTestId('dock-slider-t').waitFor();

    // Far from any Fig. 2 (the control column at the page's end) the dock leaves the screen.
    await page.getByTestId('controls').evaluate((e) => e.scrollIntoView({ block: 'end' }));
    await page.getByTestId('slider-dock').waitFor({ state: 'detached', timeout: 10_000 });

    await page.getByTestId('btn-play').click();
    await waitForStep(page, 2);
    await page.getByTestId('btn-pause').click();
    await scrollUntilDrawn(page, 'train-sorted-fp', 120_000);
    await page.getByTestId('train-sorted-fp').locator('svg').first().waitFor({ timeout: 120_000 });
    await bringIntoView(page, 'train-sorted-fp', 'dock-slider-tHard');
    // Off screen a panel holds what it drew; a reader scrolls to it (src/panels/kit/onScreen.tsx).
    await scrollInLive(page, 'train-sorted-fp');
    for (const id of ['dock-slider-t', 'dock-slider-eps', 'dock-slider-tHard', 'dock-slider-a'])
      expect(onScreen(await box(page, id), 844), id).toBe(true);
    expect((await box(page, 'train-sorted-fp'))!.bottom).toBeLessThanOrEqual((await box(page, 'slider-dock'))!.top);
    const trainBefore = await numbersOf(page, 'train-sorted-fp');
    await page.getByTestId('dock-slider-t').focus();
    await page.keyboard.press('PageDown');
    await page.waitForFunction((b) => {
      const text = document.querySelector('[data-testid="train-sorted-fp"]')?.textContent ?? '';
      return text.replace(/[^0-9.=]+/g, ' ') !== b;
    }, trainBefore);
    expect(await textOf(page, 'dock-value-t')).toBe('0.420');
    await screenshotPainted(page, 'test-results/dock-390x844-training.png');
    expect(errors).toEqual([]);
  });

  it('one arrow key moves every slider, integers included; aria-valuetext is the shown value', async () => {
    const { page, errors } = await openPage(suite.browser, `${suite.origin}/?${TINY}`);
    await page.getByTestId('controls').waitFor();
    const names = await page
      .locator('[data-testid="controls"] input[type="range"]')
      .evaluateAll((els) => els.map((e) => (e.getAttribute('data-testid') ?? '').replace(/^slider-/, '')));
    expect(names).toEqual(expect.arrayContaining(['t', 'eps', 'imbalance', 'lesions', 'batchSize', 'seed']));
    const moved: Record<string, string> = {};
    for (const name of names) {
      const slider = page.getByTestId(`slider-${name}`);
      const shown = await textOf(page, `value-${name}`);
      expect(await slider.getAttribute('aria-valuetext'), name).toBe(shown);
      await slider.focus();
      // Right moves up; a slider already at its top (speed 1) is moved down instead.
      const atTop = (await slider.inputValue()) === '1000';
      await page.keyboard.press(atTop ? 'ArrowLeft' : 'ArrowRight');
      await page.waitForFunction(([n, s]) => document.querySelector(`[data-testid="value-${n}"]`)?.textContent !== s, [
        name,
        shown,
      ] as const);
      const now = await textOf(page, `value-${name}`);
      expect(await slider.getAttribute('aria-valuetext'), name).toBe(now);
      moved[name] = `${shown} → ${now}`;
    }
    expect(moved.lesions).toBe('2 → 3');
    expect(moved.imbalance).toBe('50 → 51');
    expect(moved.batchSize).toBe('2 → 3');
    expect(moved.t).toBe('0.500 → 0.501');
    expect(moved.eps).toBe('0.01 → 0.0101');

    const lesions = page.getByTestId('slider-lesions');
    await lesions.focus();
    await page.keyboard.press('Home');
    await page.waitForFunction(() => document.querySelector('[data-testid="value-lesions"]')?.textContent === '1');
    await page.keyboard.press('PageUp');
    await page.waitForFunction(() => document.querySelector('[data-testid="value-lesions"]')?.textContent === '2');
    await page.keyboard.press('End');
    await page.waitForFunction(() => document.querySelector('[data-testid="value-lesions"]')?.textContent === '3');
    expect(errors).toEqual([]);
  });

  it('1920 × 1080 presenting: a large slider strip moves Fig. 2 without covering it; [ ] and , . move t and ε', async () => {
    const { page, errors } = await openPage(suite.browser, `${suite.origin}/?${TINY}&present=1&sc=bias`, {
      width: 1920,
      height: 1080,
    });
    await page.getByTestId('concept-sorted').locator('svg').first().waitFor({ timeout: 120_000 });
    await page.getByTestId('dock-slider-t').waitFor({ timeout: 10_000 });
    // The scenario names Explorer b/f; the strip offers it beside t and ε.
    for (const id of ['dock-slider-t', 'dock-slider-eps', 'dock-slider-conceptRatio'])
      expect(onScreen(await box(page, id), 1080), id).toBe(true);
    // The panels scroll in their own region while presenting; the strip is a row below it and below
    // the scenario card, so it lies over no part of Fig. 2 wherever the panels are scrolled.
    const strip = (await box(page, 'slider-dock'))!;
    const region = await page.locator('.layout').evaluate((e) => e.getBoundingClientRect().bottom);
    const fig = (await box(page, 'concept-sorted'))!;
    const card = (await box(page, 'scenario-narrative'))!;
    expect(region).toBeLessThanOrEqual(strip.top);
    expect(card.bottom).toBeLessThanOrEqual(strip.top);
    expect(fig.top).toBeLessThan(region);
    expect(strip.bottom).toBeLessThanOrEqual(1080);
    expect((await box(page, 'dock-slider-t'))!.height).toBeGreaterThanOrEqual(44);
    const labelSize = await page
      .getByTestId('dock-value-t')
      .evaluate((e) => parseFloat(getComputedStyle(e.parentElement as HTMLElement).fontSize));
    expect(labelSize).toBeGreaterThanOrEqual(18);
    await screenshotPainted(page, 'test-results/dock-present-1920x1080.png');

    const before = await numbersOf(page, 'concept-sorted');
    await page.locator('body').press(']');
    await page.waitForFunction(() => document.querySelector('[data-testid="dock-value-t"]')?.textContent === '0.520');
    await page.waitForFunction((b) => {
      const text = document.querySelector('[data-testid="concept-sorted"]')?.textContent ?? '';
      return text.replace(/[^0-9.=]+/g, ' ') !== b;
    }, before);
    await page.locator('body').press('[');
    await page.locator('body').press('[');
    await page.waitForFunction(() => document.querySelector('[data-testid="dock-value-t"]')?.textContent === '0.480');
    await page.locator('body').press('.');
    await page.waitForFunction(() => document.querySelector('[data-testid="dock-value-eps"]')?.textContent === '0.012');
    await page.locator('body').press(',');
    await page.waitForFunction(() => document.querySelector('[data-testid="dock-value-eps"]')?.textContent === '0.01');

    // Dragging the strip's t moves Fig. 2 too.
    await page.getByTestId('dock-slider-t').fill('700');
    await page.waitForFunction(() =>
      /t = 0\.7\b/.test(document.querySelector('[data-testid="concept-sorted"]')?.textContent ?? ''),
    );
    await page.locator('body').press('?');
    const help = (await page.getByTestId('help-overlay').textContent()) ?? '';
    expect(help).toMatch(/\[ \/ \].*threshold t/);
    expect(help).toMatch(/, \/ \..*ε/);
    await page.locator('body').press('Escape');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
