/**
 * Nothing covers the figures while presenting (issue 23, item 3), on the built app with its
 * service worker: the "works offline" toast waits until presentation mode ends, and the scenario
 * card sits in its own strip under the panels — no toast or card box overlaps the visible part
 * of any panel, wherever the panels are scrolled — and collapses to its title line.
 */
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAllPages, launch, openPage, screenshotPainted, startPreview } from './harness';

let server: PreviewServer | undefined;
let browser: Browser;
let origin = '';

beforeAll(async () => {
  const started = await startPreview();
  server = started.server;
  origin = started.origin;
  browser = await launch();
});
afterAll(async () => {
  await closeAllPages();
  await browser?.close();
  await server?.close();
});

/** Overlaps between anything laid over the page (toasts, notices, the card) and the visible part of each panel. */
function overlaps(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const layout = document.querySelector('.layout')?.getBoundingClientRect();
    if (!layout) return ['no .layout'];
    const covers = ['offline-ready', 'update-prompt', 'notices', 'scenario-narrative']
      .flatMap((id) => Array.from(document.querySelectorAll(`[data-testid="${id}"]`)))
      .map((el) => ({ id: el.getAttribute('data-testid') ?? '', r: el.getBoundingClientRect() }));
    const found: string[] = [];
    for (const panel of Array.from(document.querySelectorAll('section.panel'))) {
      const p = panel.getBoundingClientRect();
      // The panels scroll inside .layout while presenting: only the part within it is seen.
      const top = Math.max(p.top, layout.top, 0);
      const bottom = Math.min(p.bottom, layout.bottom, window.innerHeight);
      if (bottom <= top) continue;
      for (const { id, r } of covers) {
        const w = Math.min(p.right, r.right) - Math.max(p.left, r.left);
        const h = Math.min(bottom, r.bottom) - Math.max(top, r.top);
        if (w > 0 && h > 0) found.push(`${id} covers ${panel.getAttribute('data-testid')} (${w}×${h} px)`);
      }
    }
    return found;
  });
}

describe('presenting', () => {
  it('no toast or card covers a panel at 1920 × 1080, the offline toast waits, the card collapses', async () => {
    const url = `${origin}/?present=1&sc=bias&px=32&lv=2&w=4&bs=2&ntr=8&nva=4&be=wasm`;
    const { page, errors } = await openPage(browser, url, { width: 1920, height: 1080 });
    await page.locator('.app.presenting').waitFor();
    const card = page.getByTestId('scenario-narrative');
    await card.waitFor();
    await page.getByTestId('concept-sorted').locator('svg').first().waitFor({ timeout: 60_000 });
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // The worker is installed, so the toast is due; while presenting it must not be on the page.
    await page.waitForTimeout(1500);
    expect(await page.getByTestId('offline-ready').count()).toBe(0);
    expect(await card.isVisible()).toBe(true);
    expect(await overlaps(page)).toEqual([]);
    await screenshotPainted(page, 'test-results/presenting-1920x1080.png');

    // Scrolled through the panels: the card stays on screen and still covers none of them.
    const scrolls = await page.evaluate(() => {
      const layout = document.querySelector('.layout') as HTMLElement;
      return layout.scrollHeight - layout.clientHeight;
    });
    expect(scrolls).toBeGreaterThan(0);
    for (const fraction of [0.5, 1]) {
      await page.evaluate((f) => {
        const layout = document.querySelector('.layout') as HTMLElement;
        layout.scrollTop = f * (layout.scrollHeight - layout.clientHeight);
      }, fraction);
      expect(await card.isVisible()).toBe(true);
      expect(await overlaps(page)).toEqual([]);
    }

    // Collapsed to its title line, and back.
    const open = (await card.boundingBox())?.height ?? 0;
    await page.getByTestId('scenario-collapse').click();
    expect(await page.getByTestId('scenario-collapse').getAttribute('aria-expanded')).toBe('false');
    expect(await card.locator('p').count()).toBe(0);
    expect((await card.boundingBox())?.height ?? 0).toBeLessThan(open / 2);
    await page.getByTestId('scenario-collapse').click();
    expect(await card.locator('p').count()).toBe(1);

    // Out of presentation mode the toast that waited is shown.
    await page.getByTestId('btn-present').click();
    await page.locator('.app.presenting').waitFor({ state: 'detached' });
    await page.getByTestId('offline-ready').waitFor({ timeout: 10_000 });
    expect(errors).toEqual([]);
  });
});
