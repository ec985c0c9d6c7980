/**
 * Any screen (issue #13): phone and tablet layout with screenshots, keyboard focus, and axe-core
 * on every view (concept, training, tour, presentation, import, analysis).
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeNpy, writePng } from '../fixtures/writers';
import { seriousViolations } from './a11y';
import { openPage, screenshotPainted, scrollInLive, TINY, waitForStep } from './harness';
import { browserSuite } from './suite';

const suite = browserSuite();

// The first page of a cold dev server transforms every module; on a 2-core runner that once took
// longer than page.goto's 30 s. Asking for the entry once here warms the transform cache.
beforeAll(async () => {
  await fetch(`${suite.origin}/`);
  await fetch(`${suite.origin}/src/main.tsx`);
});

async function conceptDrawn(page: Page): Promise<void> {
  await page.getByTestId('concept-sorted').locator('svg').first().waitFor({ timeout: 60_000 });
}

/** Layout numbers: document vs viewport width, where the first figure starts, what sticks out. */
async function layout(
  page: Page,
): Promise<{ scrollWidth: number; viewport: number; figureTop: number; outside: string[] }> {
  return page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const fig = document.querySelector('[data-testid="concept-sorted"]') as HTMLElement;
    // Anything drawn past the right edge would be cut (the app clips overflow instead of scrolling);
    // the scenario row and the equations scroll sideways inside themselves on purpose.
    const outside = [...document.querySelectorAll('.app *')]
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return (
          r.width > 0 &&
          r.right > viewport + 1 &&
          !e.closest('.katex-display, [data-testid="panel-equations"], .scenario-bar')
        );
      })
      .slice(0, 8)
      .map(
        (e) =>
          `${e.tagName.toLowerCase()}${e.getAttribute('data-testid') ? `[${e.getAttribute('data-testid')}]` : ''} "${(e.textContent ?? '').slice(0, 40)}" right=${Math.round(e.getBoundingClientRect().right)}`,
      );
    return {
      scrollWidth: document.documentElement.scrollWidth,
      viewport,
      figureTop: fig.getBoundingClientRect().top + window.scrollY,
      outside,
    };
  });
}

describe('any screen', () => {
  for (const [width, height] of [
    [390, 844],
    [360, 740],
    [768, 1024],
  ] as const) {
    it(`${width} × ${height}: no sideways scrolling, the first figure within 1.5 screens, nothing cut; screenshot`, async () => {
      const { page, errors } = await openPage(suite.browser, `${suite.origin}/?${TINY}`, { width, height });
      await conceptDrawn(page);
      await page.getByTestId('panel-bars').locator('svg text').first().waitFor();
      const l = await layout(page);
      expect(l.scrollWidth).toBeLessThanOrEqual(width);
      expect(l.figureTop).toBeLessThan(1.5 * height);
      expect(l.outside).toEqual([]);
      if (width < 720)
        expect(await page.getByTestId('scenario-bar').evaluate((e) => getComputedStyle(e).overflowX)).toBe('auto');
      await screenshotPainted(page, `test-results/screens-${width}x${height}.png`);
      await screenshotPainted(page, `test-results/screens-${width}x${height}-full.png`, true);
      expect(errors).toEqual([]);
    });
  }

  it('sliders work by touch on a phone', async () => {
    const browser = suite.browser;
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    try {
      const page = await context.newPage();
      await page.goto(`${suite.origin}/?${TINY}`);
      await conceptDrawn(page);
      const slider = page.getByTestId('slider-t');
      await slider.scrollIntoViewIfNeeded();
      const box = await slider.boundingBox();
      if (!box) throw new Error('slider-t has no box');
      // A tap at 80% of the track moves t there (the thumb follows the touch).
      await page.touchscreen.tap(box.x + box.width * 0.8, box.y + box.height / 2);
      await page.waitForFunction(() => Number(document.querySelector('[data-testid="value-t"]')?.textContent) > 0.7);
      expect(box.height).toBeGreaterThanOrEqual(24);
    } finally {
      await context.close();
    }
  });

  it('every control is reachable by keyboard and shows a focus ring', async () => {
    const { page } = await openPage(suite.browser, `${suite.origin}/?${TINY}`);
    await conceptDrawn(page);
    // Transport buttons are disabled (so not focusable) until the engine has started.
    await page.getByTestId('btn-play').and(page.locator(':enabled')).waitFor({ timeout: 240_000 });
    const seen = new Set<string>();
    let unringed: string[] = [];
    for (let i = 0; i < 160; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const s = getComputedStyle(el);
        const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
        return {
          id: el.getAttribute('data-testid') ?? `${el.tagName.toLowerCase()}:${(el.textContent ?? '').slice(0, 20)}`,
          ring,
        };
      });
      if (!info) continue;
      seen.add(info.id);
      if (!info.ring) unringed.push(info.id);
    }
    unringed = [...new Set(unringed)];
    expect(unringed).toEqual([]);
    for (const id of ['btn-play', 'btn-present', 'btn-tour', 'slider-t', 'slider-eps', 'select-loss', 'scenario-bias'])
      expect(seen, id).toContain(id);
  });

  it('axe-core: no serious or critical violation on the concept, training, tour, presentation, import and analysis views', async () => {
    const { page } = await openPage(suite.browser, `${suite.origin}/?${TINY}`);
    await conceptDrawn(page);
    const found: Record<string, string[]> = {};
    found.concept = await seriousViolations(page);

    await page.getByTestId('btn-play').click();
    await waitForStep(page, 3);
    await page.getByTestId('btn-pause').click();
    // Off screen a panel holds what it drew; a reader scrolls to it (src/panels/kit/onScreen.tsx).
    await scrollInLive(page, 'panel-history');
    await page.getByTestId('panel-history').locator('svg path').first().waitFor({ state: 'attached' });
    found.training = await seriousViolations(page);

    await page.getByTestId('btn-tour').click();
    await page.getByTestId('tour-card').waitFor();
    // The card fades in (0.16 s); axe measuring mid-fade would see half-transparent text.
    await page.waitForTimeout(600);
    found.tour = await seriousViolations(page);
    await page.getByTestId('tour-skip').click();

    await page.getByTestId('btn-present').click();
    await page.locator('.app.presenting').waitFor();
    found.presentation = await seriousViolations(page);
    await page.getByTestId('btn-present').click();

    await page.getByTestId('btn-your-data').click();
    await page.getByTestId('import-section').waitFor();
    found.import = await seriousViolations(page);

    // Analysis: one probability map with its mask, chosen through the file input.
    const w = 24;
    const y = Array.from({ length: w * w }, (_, i) => (Math.hypot((i % w) - 12, Math.floor(i / w) - 12) < 5 ? 1 : 0));
    const p = y.map((v, i) => (v ? 0.7 : 0.05 + (0.2 * ((i * 7) % 10)) / 10));
    await page.getByTestId('import-mode-analysis').check();
    await page.getByTestId('input-import-files').setInputFiles([
      {
        name: 'case_prob.npy',
        mimeType: 'application/octet-stream',
        buffer: Buffer.from(writeNpy({ shape: [w, w], dtype: '<f4', data: Float32Array.from(p) })),
      },
      {
        name: 'case_mask.png',
        mimeType: 'image/png',
        buffer: Buffer.from(writePng({ width: w, height: w, data: y.map((v) => v * 255) })),
      },
    ]);
    await page.getByTestId('analysis-section').waitFor({ timeout: 60_000 });
    await page.getByTestId('analysis-sorted-fp').locator('svg').first().waitFor();
    found.analysis = await seriousViolations(page);

    expect(found).toEqual({ concept: [], training: [], tour: [], presentation: [], import: [], analysis: [] });
  });
});
