/**
 * Slider input → next paint for real key presses, timed by the page's own Event Timing API
 * (PerformanceEventTiming.duration: from the key event to the next frame presented after its
 * handlers ran, in 8 ms steps). One press is one interaction; its figure is the longest entry of
 * that interaction (keydown, the range input's `input`, keyup). Entries under 16 ms are not
 * reported by the browser (durationThreshold 16 is its floor), so a press without one counts as
 * "under 16 ms" (0 here); quantiles above that are exact to the API's 8 ms rounding.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { scrollUntilDrawn } from '../tests/browser/harness';
import { openAndWaitForLab } from './ui';

export interface Profile {
  name: 'desktop' | 'phone';
  width: number;
  height: number;
  deviceScaleFactor: number;
  mobile: boolean;
  /** CPU slow-down through the DevTools protocol (Emulation.setCPUThrottlingRate). */
  cpuThrottle: number;
}

export const PROFILES: Record<Profile['name'], Profile> = {
  desktop: { name: 'desktop', width: 1440, height: 900, deviceScaleFactor: 1, mobile: false, cpuThrottle: 1 },
  phone: { name: 'phone', width: 390, height: 844, deviceScaleFactor: 3, mobile: true, cpuThrottle: 4 },
};

export type SliderParam = 't' | 'eps' | 'tHard' | 'a';

interface PressResult {
  durationMs: number;
  changed: boolean;
}

/** Opens the lab in a fresh context with the profile's viewport, waits for the concept figure, installs the observer. */
export async function openLab(
  browser: Browser,
  origin: string,
  profile: Profile,
  query: string,
): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({
    viewport: { width: profile.width, height: profile.height },
    deviceScaleFactor: profile.deviceScaleFactor,
    isMobile: profile.mobile,
    hasTouch: profile.mobile,
  });
  const page = await context.newPage();
  await openAndWaitForLab(page, origin, query);
  await page.evaluate(() => {
    const w = window as unknown as { __events: { start: number; duration: number }[] };
    w.__events = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__events.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'event', durationThreshold: 16, buffered: false } as PerformanceObserverInit);
  });
  if (profile.cpuThrottle > 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpuThrottle });
  }
  return { page, context };
}

/** Two frames and a short pause: the previous press has painted and its deferred work has had its turn. */
const settle = (page: Page, ms: number) =>
  page.evaluate(
    (ms) => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, ms)))),
    ms,
  );

/**
 * Puts the watched figure on screen and focuses the slider a user would move there without
 * scrolling: the phone dock's (`dock-slider-…`) when it shows one, else the controls'. Returns the
 * test-id prefix of the slider chosen.
 */
async function focusSlider(page: Page, param: SliderParam, watch: string): Promise<string> {
  // A panel not drawn yet is an empty box (src/panels/kit/onScreen.tsx): scroll down to it first.
  await scrollUntilDrawn(page, watch, 120_000);
  await page.evaluate(
    (watch) => document.querySelector(`[data-testid="${watch}"]`)?.scrollIntoView({ block: 'start' }),
    watch,
  );
  await settle(page, 300);
  return page.evaluate((param) => {
    const docked = document.querySelector(`[data-testid="dock-slider-${param}"]`) as HTMLInputElement | null;
    const prefix = docked && docked.getClientRects().length > 0 ? 'dock-' : '';
    (document.querySelector(`[data-testid="${prefix}slider-${param}"]`) as HTMLInputElement).focus({
      preventScroll: true,
    });
    return prefix;
  }, param);
}

/**
 * The keys that move a slider one step each way. Mix a moves by PageUp/PageDown: on a 0–1000
 * position scale its 0.01 grid rounds an arrow step back to the same value (issue 19, item 4).
 */
const keysFor = (param: SliderParam): [string, string] =>
  param === 'a' ? ['PageUp', 'PageDown'] : ['ArrowRight', 'ArrowLeft'];

/**
 * `presses` key presses on one slider, in runs of five up then five down so the value stays
 * near where it started. Returns each press's input → next paint and whether the value moved.
 */
export async function pressLatencies(
  page: Page,
  param: SliderParam,
  presses: number,
  watch = 'concept-sorted',
): Promise<PressResult[]> {
  const prefix = await focusSlider(page, param, watch);
  await settle(page, 300);
  const valueOf = () => page.getByTestId(`${prefix}value-${param}`).first().textContent();
  const marks: number[] = [];
  const changed: boolean[] = [];
  for (let i = 0; i < presses; i++) {
    const before = await valueOf();
    marks.push(await page.evaluate(() => performance.now()));
    await page.keyboard.press(keysFor(param)[Math.floor(i / 5) % 2]);
    await settle(page, 60);
    changed.push((await valueOf()) !== before);
  }
  marks.push(await page.evaluate(() => performance.now()));
  await settle(page, 500);
  const events = await page.evaluate(() => {
    const w = window as unknown as { __events: { start: number; duration: number }[] };
    const out = w.__events;
    w.__events = [];
    return out;
  });
  return changed.map((moved, i) => ({
    changed: moved,
    durationMs: Math.max(
      0,
      ...events.filter((e) => e.start >= marks[i] && e.start < marks[i + 1]).map((e) => e.duration),
    ),
  }));
}

export const quantile = (xs: number[], q: number): number => {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

/** p95 and median over the presses that moved the value (a press that changes nothing costs nothing). */
export function summarisePresses(results: PressResult[]): { p95: number; median: number; moved: number } {
  const moved = results.filter((r) => r.changed).map((r) => r.durationMs);
  return { p95: quantile(moved, 0.95), median: quantile(moved, 0.5), moved: moved.length };
}
