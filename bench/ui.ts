import type { Browser, Page } from 'playwright-core';
import { scrollUntilDrawn } from '../tests/browser/harness';

/**
 * Waits until the training section's Fig. 2 has drawn, then goes back to the top of the page. A
 * panel not drawn yet is an empty box (src/panels/kit/onScreen.tsx): a reader scrolls down to it.
 */
export async function drawTrainingFig2(page: Page): Promise<void> {
  await scrollUntilDrawn(page, 'train-sorted-fp', 120_000);
  await page.getByTestId('train-sorted-fp').locator('svg').first().waitFor({ state: 'attached' });
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** Loads the app at `origin/query` and waits until a backend is chosen and Fig. 2 is drawn. */
export async function openAndWaitForLab(
  page: Page,
  origin: string,
  query: string,
  figure: 'attached' | 'visible' = 'attached',
): Promise<void> {
  // tsx keeps function names with a __name helper that the page does not have.
  await page.addInitScript('window.__name = (f) => f');
  await page.goto(`${origin}/${query}`);
  await page
    .getByTestId('backend-badge')
    .filter({ hasText: /webgpu|webgl|wasm|cpu/ })
    .waitFor({ timeout: 300_000 });
  await page.getByTestId('concept-sorted').locator('svg').first().waitFor({ state: figure });
}

/**
 * Time from a t-slider input to the painted update, 60 times. `firstPaint` ends at the frame after
 * React's commit; `settled` waits further until a frame passes with no DOM change, so any work a
 * panel deferred is counted too (while paused nothing else mutates the page).
 */
async function sliderLatencies(page: Page, testId = 'slider-t'): Promise<{ firstPaint: number[]; settled: number[] }> {
  return page.evaluate(async (testId) => {
    const slider = document.querySelector(`[data-testid="${testId}"]`) as HTMLInputElement;
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set as (
      this: HTMLInputElement,
      v: string,
    ) => void;
    const painted = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    let lastMutation = 0;
    const observer = new MutationObserver(() => {
      lastMutation = performance.now();
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    const firstPaint: number[] = [];
    const settled: number[] = [];
    for (let i = 0; i < 60; i++) {
      await painted();
      const start = performance.now();
      setValue.call(slider, String(200 + ((i * 37) % 600)));
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      await painted();
      firstPaint.push(performance.now() - start);
      let end = performance.now();
      for (let k = 0; k < 30; k++) {
        const before = lastMutation;
        await painted();
        if (lastMutation === before) break;
        end = performance.now();
      }
      settled.push(end - start);
    }
    observer.disconnect();
    return { firstPaint, settled };
  }, testId);
}

const quantile = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.floor(q * xs.length)];

export interface UiFigures {
  sliderIdleP95Ms: number;
  sliderIdleMedianMs: number;
  sliderIdleSettledP95Ms: number;
  /** t_h slider, paused: recomputes every loss's per-pixel gradients (the t slider only regroups them). */
  sliderThIdleP95Ms: number;
  sliderTrainingP95Ms: number;
  sliderTrainingMedianMs: number;
  fps: number;
  longTasksOver50: number;
  longestTaskMs: number;
  stepsDuringFpsWindow: number;
  eventLoopLagP95Ms: number;
}

/**
 * Opens the app at its default sizes and measures (1) the time from a t-slider input to the
 * painted update (the frame after React's commit has been presented), while idle and while
 * training, and (2) the main thread's frame rate and long tasks during training.
 */
export async function benchUi(browser: Browser, origin: string, query = ''): Promise<UiFigures> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await openAndWaitForLab(page, origin, query, 'visible');
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({
      type: 'longtask',
      buffered: false,
    });
  });
  // One step so that every training panel has data, then measure paused and while training.
  await page.getByTestId('btn-step').click();
  await page.waitForFunction(
    () => Number(document.querySelector('[data-testid="step-counter"]')?.textContent) >= 1,
    null,
    { timeout: 600_000 },
  );
  await drawTrainingFig2(page);
  const idle = await sliderLatencies(page);
  const idleTh = await sliderLatencies(page, 'slider-tHard');
  await page.getByTestId('btn-play').click();
  await page.waitForFunction(
    () => Number(document.querySelector('[data-testid="step-counter"]')?.textContent) >= 3,
    null,
    { timeout: 600_000 },
  );
  const training = await sliderLatencies(page);

  const frames = await page.evaluate(async () => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    const stepAt = () => Number(document.querySelector('[data-testid="step-counter"]')?.textContent);
    const firstStep = stepAt();
    let count = 0;
    const lags: number[] = [];
    const start = performance.now();
    // Event-loop lag: how late a 10 ms timer fires tells whether the main thread is free.
    let expected = performance.now() + 10;
    const timer = setInterval(() => {
      lags.push(performance.now() - expected);
      expected = performance.now() + 10;
    }, 10);
    await new Promise<void>((resolve) => {
      const tick = () => {
        count++;
        if (performance.now() - start < 8000) requestAnimationFrame(tick);
        else resolve();
      };
      requestAnimationFrame(tick);
    });
    clearInterval(timer);
    const seconds = (performance.now() - start) / 1000;
    lags.sort((a, b) => a - b);
    return {
      fps: count / seconds,
      longTasks: w.__longTasks,
      steps: stepAt() - firstStep,
      lagP95: lags[Math.floor(0.95 * lags.length)] ?? 0,
    };
  });
  await page.getByTestId('btn-pause').click();
  await page.close();
  return {
    sliderIdleP95Ms: quantile(idle.firstPaint, 0.95),
    sliderIdleMedianMs: quantile(idle.firstPaint, 0.5),
    sliderIdleSettledP95Ms: quantile(idle.settled, 0.95),
    sliderThIdleP95Ms: quantile(idleTh.firstPaint, 0.95),
    sliderTrainingP95Ms: quantile(training.firstPaint, 0.95),
    sliderTrainingMedianMs: quantile(training.firstPaint, 0.5),
    fps: frames.fps,
    longTasksOver50: frames.longTasks.filter((d) => d > 50).length,
    longestTaskMs: Math.max(0, ...frames.longTasks),
    stepsDuringFpsWindow: frames.steps,
    eventLoopLagP95Ms: frames.lagP95,
  };
}
