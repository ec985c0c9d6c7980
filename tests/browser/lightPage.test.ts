/**
 * A light page (issue 19): TensorFlow.js and its WASM binaries load only in the workers, and the
 * training worker starts its download after the page's first contentful paint. The production
 * build is served from a sub-path with gzip, as `npm run bench:load` measures it. The static first
 * screen (scripts/firstScreen.ts) is the app's own first render and paints before any script.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryScripts, scriptGraph } from '../../bench/loadBundle';
import { captureFirstScreen, FIRST_SCREEN_FILE } from '../../scripts/firstScreen';
import { DECK_STORAGE_KEY } from '../../src/state/deckStorage';
import { EXPERIMENT_STORAGE_KEY } from '../../src/ui/experiments/persistence';
import { TOUR_STORAGE_KEY } from '../../src/ui/tour/tourStore';
import { closeAllPages, expectBackend, launch, openPage } from './harness';
import { startStaticHost, SUB_PATH, type StaticHost } from './staticHost';

const OUT = resolve('test-results/dist-light');

/** Strings of tfjs-core's own code (an error message, a flag name) that no app code spells. */
const TFJS_MARKERS = ['Tensor is disposed', 'WEBGL_VERSION'];
const tfjsIn = (file: string): string[] => {
  const text = readFileSync(join(OUT, file), 'utf8');
  return TFJS_MARKERS.filter((m) => text.includes(m));
};

let host: StaticHost | undefined;
let browser: Browser;

beforeAll(async () => {
  await build({ configFile: 'vite.config.ts', logLevel: 'error', build: { outDir: OUT, emptyOutDir: true } });
  host = await startStaticHost(OUT, { gzip: true });
  browser = await launch();
});
afterAll(async () => {
  await closeAllPages();
  await browser?.close();
  await host?.close();
});

interface Timeline {
  fcp: number | null;
  scripts: { path: string; start: number }[];
}
/** The first contentful paint and when each script was requested, from the page's own timings. */
function timelineOf(page: import('playwright-core').Page): Promise<Timeline> {
  return page.evaluate((prefix) => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
    const scripts = performance
      .getEntriesByType('resource')
      .filter((e) => /\.(js|wasm)$/.test(new URL(e.name).pathname))
      .map((e) => ({ path: new URL(e.name).pathname.slice(prefix.length), start: e.startTime }));
    return { fcp, scripts };
  }, SUB_PATH);
}

describe('light page', () => {
  it('no script the page can run holds TensorFlow.js; the workers’ do', () => {
    const graph = scriptGraph(OUT);
    const preloaded = entryScripts(readFileSync(join(OUT, 'index.html'), 'utf8'));
    expect(preloaded.length).toBeGreaterThan(0);
    for (const file of preloaded) expect(graph.page.has(file)).toBe(true);
    // The page's lazy chunks are followed too: KaTeX is one.
    expect([...graph.page].some((f) => /katex/.test(f))).toBe(true);
    for (const file of graph.page) expect(tfjsIn(file), file).toEqual([]);
    // The markers do pick out tfjs: the training and the experiments worker both carry it.
    expect(graph.workerEntries.size).toBe(2);
    for (const entry of graph.workerEntries) expect(graph.page.has(entry)).toBe(false);
    expect([...graph.worker].flatMap(tfjsIn)).toEqual(expect.arrayContaining(TFJS_MARKERS));
  });

  it('the page loads only page scripts before its first paint; the training worker’s download starts after it', async () => {
    if (!host) throw new Error('no host');
    const graph = scriptGraph(OUT);
    const { page, errors } = await openPage(browser, `${host.url}?px=32&lv=2&w=4&bs=2&ntr=8&nva=4&be=wasm`);
    await page.getByTestId('concept-sorted').locator('svg').first().waitFor({ timeout: 60_000 });
    await expectBackend(page, 'wasm');
    // Resource Timing of the document. Chromium lists a module worker's imports here too, so
    // which side a script belongs to comes from the build's script graph.
    const timeline = await timelineOf(page);
    expect(timeline.fcp).not.toBeNull();
    const fcp = timeline.fcp ?? Infinity;
    const workerSide = timeline.scripts.filter((s) => !graph.page.has(s.path));
    for (const s of workerSide) expect(graph.worker.has(s.path) || s.path.endsWith('.wasm'), s.path).toBe(true);
    // The training worker started (one worker entry), with tfjs, and nothing of the workers'
    // side was requested before the page's first contentful paint.
    const entries = workerSide.filter((s) => graph.workerEntries.has(s.path));
    expect(entries).toHaveLength(1);
    expect(workerSide.length).toBeGreaterThan(1);
    for (const s of workerSide) expect(s.start, s.path).toBeGreaterThan(fcp);
    // Before the first paint, only the entry and its modulepreloads were fetched.
    const early = timeline.scripts.filter((s) => s.start <= fcp).map((s) => s.path);
    expect(early.every((p) => graph.page.has(p))).toBe(true);
    expect(errors).toEqual([]);
  });
});

/** The concept subtitle's box: the page's largest text on a phone's first screen. */
async function subtitleBox(page: import('playwright-core').Page): Promise<number[]> {
  const small = page.locator('#root h1 small').first();
  await small.waitFor();
  return page.evaluate(() => {
    const r = (document.querySelector('#root h1 small') as Element).getBoundingClientRect();
    return [r.x, r.y, r.width, r.height];
  });
}

describe('first screen', () => {
  it('is the app’s first render at its default state, the same at every width (else: npm run shell:capture)', async () => {
    if (!host) throw new Error('no host');
    const kept = readFileSync(FIRST_SCREEN_FILE, 'utf8').trim();
    for (const viewport of [
      { width: 412, height: 823 },
      { width: 1440, height: 900 },
    ]) {
      const context = await browser.newContext({ viewport });
      const now = await captureFirstScreen(await context.newPage(), host.url.replace(/\/$/, ''));
      await context.close();
      expect(now, `${FIRST_SCREEN_FILE} differs from the app's first render: run npm run shell:capture`).toBe(kept);
    }
    // Static and inert: no test id (a test never finds it), the concept panels left for the app.
    expect(kept).toContain('Concept explorer');
    expect(kept).toContain(
      '<div class="panel-pending" style="padding: 12px 14px; color: var(--muted)">Drawing the figures…</div>',
    );
    expect(kept).not.toContain('data-testid');
    expect(kept.startsWith('<div class="app " inert="" aria-busy="true">')).toBe(true);
  });

  it('paints before any script runs, and the app replaces it without moving the title', async () => {
    if (!host) throw new Error('no host');
    for (const viewport of [
      { width: 412, height: 823 },
      { width: 1440, height: 900 },
    ]) {
      const context = await browser.newContext({ viewport });
      const bare = await context.newPage();
      await bare.route(/\.js$/, (route) => route.abort());
      await bare.goto(host.url);
      await bare.getByText('Concept explorer').first().waitFor();
      expect(await bare.locator('#root > .app[inert]').count()).toBe(1);
      const before = await subtitleBox(bare);
      await context.close();

      const { page, errors } = await openPage(browser, host.url, viewport);
      await page.getByTestId('concept-sorted').locator('svg').first().waitFor({ timeout: 60_000 });
      expect(await page.locator('#root [inert]').count()).toBe(0);
      expect(await subtitleBox(page)).toEqual(before);
      expect(errors).toEqual([]);
    }
  });

  it('requests the app’s scripts once it has painted, and all of them with or without it', async () => {
    if (!host) throw new Error('no host');
    const pageScripts = entryScripts(readFileSync(join(OUT, 'index.html'), 'utf8')).sort();
    expect(pageScripts.length).toBeGreaterThan(1);
    for (const link of ['', '?t=0.3']) {
      const { page, errors } = await openPage(browser, `${host.url}${link}`);
      await page.getByTestId('concept-sorted').locator('svg').first().waitFor({ timeout: 60_000 });
      const { fcp, scripts } = await timelineOf(page);
      const requested = scripts.filter((s) => pageScripts.includes(s.path));
      // The entry and every chunk it imports statically, each requested once.
      expect(requested.map((s) => s.path).sort(), link).toEqual(pageScripts);
      // Plain, the static screen paints first; with parameters there is none to wait for.
      if (link === '') for (const s of requested) expect(s.start, s.path).toBeGreaterThan(fcp ?? Infinity);
      expect(errors).toEqual([]);
    }
  });

  it('is not shown for a link with parameters, or when this browser keeps a deck, tour or sweep', async () => {
    if (!host) throw new Error('no host');
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.route(/\.js$/, (route) => route.abort());
    const shown = async (url: string) => {
      await page.goto(url);
      return page.locator('#root > *').count();
    };
    expect(await shown(host.url)).toBe(1);
    expect(await shown(`${host.url}?t=0.3`)).toBe(0);
    expect(await shown(`${host.url}#deck=x`)).toBe(0);
    // The keys index.html's script checks: the ones the app keeps these in.
    for (const key of [DECK_STORAGE_KEY, TOUR_STORAGE_KEY, EXPERIMENT_STORAGE_KEY]) {
      await page.evaluate((k) => localStorage.setItem(k, '{}'), key);
      expect(await shown(host.url), key).toBe(0);
      await page.evaluate(() => localStorage.clear());
    }
    expect(await shown(host.url)).toBe(1);
    await context.close();
  });
});
