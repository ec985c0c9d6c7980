/**
 * Soak (issue 18): thousands of steps of the small model on WASM in the production build, with
 * what would grow if something leaked, read at checkpoints while paused: the page's JS heap after
 * a forced GC (CDP), the DOM size, the store's history arrays (bounded by thinning,
 * src/state/history.ts), the worker's tensor count (its snapshot) and, where Chromium can
 * measure it, the whole page's memory with its workers.
 */
import type { Browser, CDPSession, Page } from 'playwright-core';
import { MAX_HISTORY, MAX_STEPS } from '../src/state/history';

/** The small model of the browser tests (tests/browser/harness.ts TINY), on WASM only. */
export const SOAK_QUERY = '?px=32&lv=2&w=4&bs=2&ntr=8&nva=4&be=wasm&backends=wasm';

export interface SoakPoint {
  step: number;
  /** Main-thread JS heap in use after a full GC (MB). */
  heapMb: number;
  domNodes: number;
  /** Lengths of the store's history arrays: one entry per snapshot, one record per step. */
  history: number;
  steps: number;
  /** Live tensors in the training worker (tfjs), from its last snapshot. */
  workerTensors: number;
  /** Page and workers together (performance.measureUserAgentSpecificMemory), MB; null when unavailable. */
  totalMb: number | null;
  /** Wall time since the run started (s). */
  seconds: number;
}

export interface SoakResult {
  points: SoakPoint[];
  bounds: { history: number; steps: number };
  stepsPerSecond: number;
}

/** Flags for the soak's browser: the memory measurement runs at once instead of at the next GC. */
export const SOAK_FLAGS = ['--enable-blink-features=ForceEagerMeasureMemory'];

/** Pauses, waits until the store holds a snapshot of the step the counter shows, and reads every figure. */
async function measure(page: Page, cdp: CDPSession, seconds: number): Promise<SoakPoint> {
  if (await page.getByTestId('btn-pause').isVisible()) await page.getByTestId('btn-pause').click();
  await page.getByTestId('btn-play').waitFor({ timeout: 120_000 });
  await page.waitForFunction(
    () => {
      type S = { liveStep: number; snapshot: { step: number } | null };
      const s = (window as unknown as { balanceLab: { store: { getState(): S } } }).balanceLab.store.getState();
      return s.snapshot?.step === s.liveStep;
    },
    null,
    { timeout: 120_000 },
  );
  // A frame for React to commit what the last snapshot changed.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
  const totalMb = await page.evaluate(async () => {
    const perf = performance as Performance & { measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }> };
    if (!crossOriginIsolated || !perf.measureUserAgentSpecificMemory) return null;
    const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), 30_000));
    const result = await Promise.race([perf.measureUserAgentSpecificMemory(), timeout]);
    return result ? result.bytes / 2 ** 20 : null;
  });
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const page$ = await page.evaluate(() => {
    type S = { liveStep: number; history: unknown[]; steps: unknown[]; snapshot: { tensors: number } | null };
    const s = (window as unknown as { balanceLab: { store: { getState(): S } } }).balanceLab.store.getState();
    return {
      step: s.liveStep,
      domNodes: document.getElementsByTagName('*').length,
      history: s.history.length,
      steps: s.steps.length,
      workerTensors: s.snapshot?.tensors ?? -1,
    };
  });
  return { ...page$, heapMb: heap.usedSize / 2 ** 20, totalMb, seconds };
}

/** Plays until the step counter reaches `step` (or a NaN pause stops the run, which fails the soak). */
async function playTo(page: Page, step: number): Promise<void> {
  await page.getByTestId('btn-play').click();
  await page.waitForFunction(
    (n) =>
      Number(document.querySelector('[data-testid="step-counter"]')?.textContent) >= n ||
      document.querySelector('[data-testid="btn-play"]') !== null,
    step,
    { timeout: 3_600_000, polling: 500 },
  );
  const reached = Number(await page.getByTestId('step-counter').textContent());
  if (reached < step)
    throw new Error(`the run stopped at step ${reached}: ${await page.getByTestId('notices').textContent()}`);
}

/**
 * Opens the app, then trains `totalSteps` steps with checkpoints at step 0 (loaded, one snapshot),
 * after a warm-up of `warmSteps` (the start of the comparison: panels drawn, code compiled), and
 * at every fifth of the run.
 */
export async function benchSoak(
  browser: Browser,
  origin: string,
  totalSteps = 5000,
  warmSteps = 100,
): Promise<SoakResult> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(String(err)));
  // tsx keeps function names with a __name helper that the page does not have.
  await page.addInitScript('window.__name = (f) => f');
  await page.goto(`${origin}/${SOAK_QUERY}`);
  await page.getByTestId('backend-badge').filter({ hasText: 'wasm' }).waitFor({ timeout: 300_000 });
  const cdp = await page.context().newCDPSession(page);
  const points: SoakPoint[] = [await measure(page, cdp, 0)];
  const started = Date.now();
  const checkpoints = [warmSteps, ...[1, 2, 3, 4, 5].map((k) => Math.round((k * totalSteps) / 5))];
  let trainingMs = 0;
  for (const target of checkpoints) {
    const from = Date.now();
    await playTo(page, target);
    trainingMs += Date.now() - from;
    points.push(await measure(page, cdp, (Date.now() - started) / 1000));
    console.log(`soak: step ${points[points.length - 1].step}`, JSON.stringify(points[points.length - 1]));
  }
  await page.close();
  if (errors.length) throw new Error(`console errors during the soak: ${errors.join(' | ')}`);
  const last = points[points.length - 1];
  return {
    points,
    bounds: { history: MAX_HISTORY, steps: MAX_STEPS },
    stepsPerSecond: (last.step - points[0].step) / (trainingMs / 1000),
  };
}

/** The figures `npm run bench` prints for the soak: start is after the warm-up, end the last point. */
export function soakFigures(r: SoakResult): Record<string, number | string> {
  const [, start] = r.points;
  const end = r.points[r.points.length - 1];
  const change = (a: number, b: number) => Number(((b - a) / a).toFixed(3));
  const maxHistory = Math.max(...r.points.map((p) => p.history));
  const maxSteps = Math.max(...r.points.map((p) => p.steps));
  return {
    soak_steps: end.step,
    soak_stepsPerSecond: Number(r.stepsPerSecond.toFixed(1)),
    soak_heapStartMb: Number(start.heapMb.toFixed(2)),
    soak_heapEndMb: Number(end.heapMb.toFixed(2)),
    soak_heapChange: change(start.heapMb, end.heapMb),
    soak_domStart: start.domNodes,
    soak_domEnd: end.domNodes,
    soak_domChange: change(start.domNodes, end.domNodes),
    soak_historyStart: start.history,
    soak_historyEnd: end.history,
    soak_historyMax: maxHistory,
    soak_historyBound: r.bounds.history,
    soak_stepRecordsStart: start.steps,
    soak_stepRecordsEnd: end.steps,
    soak_stepRecordsMax: maxSteps,
    soak_stepRecordsBound: r.bounds.steps,
    soak_workerTensorsStart: start.workerTensors,
    soak_workerTensorsEnd: end.workerTensors,
    soak_totalStartMb: start.totalMb === null ? 'n/a' : Number(start.totalMb.toFixed(1)),
    soak_totalEndMb: end.totalMb === null ? 'n/a' : Number(end.totalMb.toFixed(1)),
    soak_flat:
      Math.abs(change(start.heapMb, end.heapMb)) <= 0.1 &&
      Math.abs(change(start.domNodes, end.domNodes)) <= 0.1 &&
      maxHistory <= r.bounds.history &&
      maxSteps <= r.bounds.steps
        ? 'yes'
        : 'no',
  };
}

/** One row per checkpoint, for console.table. */
export function soakTable(r: SoakResult): Record<string, Record<string, number | string>> {
  return Object.fromEntries(
    r.points.map((p) => [
      `step ${p.step}`,
      {
        'JS heap (MB, after GC)': Number(p.heapMb.toFixed(2)),
        'page + workers (MB)': p.totalMb === null ? 'n/a' : Number(p.totalMb.toFixed(1)),
        'DOM elements': p.domNodes,
        history: `${p.history} / ${MAX_HISTORY}`,
        'step records': `${p.steps} / ${MAX_STEPS}`,
        'worker tensors': p.workerTensors,
        's elapsed': Number(p.seconds.toFixed(0)),
      },
    ]),
  );
}
