/**
 * Issue 23 items 4 and 5 in the browser: compare mode's overlay draws runs A and B on one chart
 * per history panel (A solid, B dashed) and exports them; a three-slide deck is made, presented
 * with PageDown, saved, and reopened from its link and from its file with the same state per slide.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Params } from '../../src/params/schema';
import type { ViewState } from '../../src/state/view';
import { expectBackend, openPage, screenshotPainted, textOf, TINY, waitForSnapshot } from './harness';
import { browserSuite } from './suite';

const suite = browserSuite();

// The dev server's first page load transforms every module, and the first training worker makes
// Vite bundle the backends' dependencies (reloading pages that asked before); on a busy machine
// that can outlast page.goto's 30 s. One page loads the app and starts WebGPU first, unhurried.
beforeAll(async () => {
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${suite.origin}/?${TINY}`, { timeout: 300_000 });
  await page.waitForFunction(
    () => !/starting/.test(document.querySelector('[data-testid="backend-badge"]')?.textContent ?? 'starting'),
    undefined,
    { timeout: 300_000 },
  );
  await context.close();
});

interface Lab {
  params: Params;
  view: ViewState;
  selectedImage: number | null;
  history: { step: number }[];
}
type LabWindow = {
  balanceLab: {
    store: { getState(): Lab };
    compare: { getState(): { store: { getState(): Lab } | null } };
  };
};

/** The primary store's parameters and view (presentation mode left out: the room decides it). */
const stateOf = (page: Page) =>
  page.evaluate(() => {
    const s = (window as unknown as LabWindow).balanceLab.store.getState();
    return { params: s.params, view: { ...s.view, presentation: false }, selectedImage: s.selectedImage };
  });

/** The page's query without present=1, sorted, once the debounced URL rewrite has caught up with the store. */
async function settledQuery(page: Page): Promise<string> {
  const norm = (url: string) => {
    const q = new URL(url).searchParams;
    q.delete('present');
    return [...q]
      .map(([k, v]) => `${k}=${v}`)
      .sort()
      .join('&');
  };
  let last = '';
  for (let i = 0; i < 40; i++) {
    const now = norm(page.url());
    if (now === last) return now;
    last = now;
    await page.waitForTimeout(200);
  }
  return last;
}

async function download(page: Page, testId: string): Promise<string> {
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.getByTestId(testId).click(),
  ]);
  const path = await file.path();
  if (!path) throw new Error(`${testId} saved nothing`);
  return path;
}

describe('compare overlay', () => {
  it('draws runs A and B on one chart per history panel, A solid and B dashed, and exports both', async () => {
    const { page, errors } = await openPage(suite.browser, `${suite.origin}/?${TINY}&cmp=1&b.loss=bce&cmpl=overlay`, {
      width: 1440,
      height: 900,
    });
    await page.getByTestId('compare-overlay').waitFor({ timeout: 120_000 });
    await expectBackend(page, 'webgpu');
    await page.getByTestId('btn-play').click();
    const bLogged = () =>
      page.evaluate(
        () => (window as unknown as LabWindow).balanceLab.compare.getState().store?.getState().history.length ?? 0,
      );
    await waitForSnapshot(page, 3);
    for (let i = 0; i < 600 && (await bLogged()) < 3; i++) await page.waitForTimeout(200);
    await page.getByTestId('btn-pause').click();
    await page.waitForTimeout(800);

    const charts = ['overlay-history', 'overlay-metrics', 'overlay-share', 'overlay-hard'];
    const drawn = await page.evaluate((ids) => {
      return ids.map((id) => {
        const paths = [...document.querySelectorAll(`[data-testid="${id}"] svg path[data-run]`)] as SVGPathElement[];
        const of = (run: string) => paths.filter((p) => p.dataset.run === run);
        const lines = (run: string) => of(run).filter((p) => /L/.test(p.getAttribute('d') ?? '')).length;
        const dashes = (run: string) => [...new Set(of(run).map((p) => p.getAttribute('stroke-dasharray')))];
        return {
          id,
          a: of('a').length,
          b: of('b').length,
          aLines: lines('a'),
          bLines: lines('b'),
          aDash: dashes('a'),
          bDash: dashes('b'),
        };
      });
    }, charts);
    for (const c of drawn) {
      // One path per quantity for each run, at least one of each drawn as a line (≥ 2 logged steps).
      expect(c.a, c.id).toBeGreaterThan(0);
      expect(c.b, c.id).toBe(c.a);
      expect(c.aLines, c.id).toBeGreaterThan(0);
      expect(c.bLines, c.id).toBeGreaterThan(0);
      expect(c.aDash, c.id).toEqual([null]);
      expect(c.bDash, c.id).toEqual(['8 5']);
    }
    // The legend names each run by what differs.
    expect(await textOf(page, 'overlay-history-legend-a')).toMatch(/A\s*Balance loss/);
    expect(await textOf(page, 'overlay-history-legend-b')).toMatch(/B\s*BCE/);
    await page.getByTestId('compare-section').scrollIntoViewIfNeeded();
    await page.evaluate(() =>
      window.scrollBy(
        0,
        document.querySelector('[data-testid="compare-editor"]')!.getBoundingClientRect().top -
          document.querySelector('.app-head')!.getBoundingClientRect().bottom -
          8,
      ),
    );
    await screenshotPainted(page, 'test-results/compare-overlay-1440x900.png');

    // The overlay's CSV holds both runs' rows at the current t.
    const csv = await readFile(await download(page, 'export-csv-overlay-history'), 'utf8');
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe('run,settings,step,fp_main,fp_bias,fn_main,fn_bias,t');
    expect(lines.filter((l) => l.startsWith('A,Balance loss,')).length).toBeGreaterThanOrEqual(3);
    expect(lines.filter((l) => l.startsWith('B,BCE,')).length).toBeGreaterThanOrEqual(3);
    const svg = await readFile(await download(page, 'export-svg-overlay-metrics'), 'utf8');
    expect(svg).toContain('stroke-dasharray="8 5"');

    // The two columns stay one click away, and the link says which layout is on.
    await page.getByTestId('compare-layout-columns').click();
    await page.getByTestId('compare-run-b').waitFor();
    expect(await page.getByTestId('compare-overlay').count()).toBe(0);
    expect(await settledQuery(page)).not.toContain('cmpl=');
    await page.getByTestId('compare-layout-overlay').click();
    await page.getByTestId('compare-overlay').waitFor();
    expect(await settledQuery(page)).toContain('cmpl=overlay');
    expect(errors).toEqual([]);
  });
});

/** What a slide must bring back: the store's state and the link. */
interface SlideState {
  state: Awaited<ReturnType<typeof stateOf>>;
  query: string;
}

const current = async (page: Page): Promise<SlideState> => ({
  state: await stateOf(page),
  query: await settledQuery(page),
});

/** In presentation mode, PageDown until slide `n` (1-based) is on; then its state must be `want`. */
async function expectSlide(page: Page, n: number, total: number, want: SlideState, note: string): Promise<void> {
  await page
    .getByTestId('deck-note-count')
    .filter({ hasText: `${n} / ${total}` })
    .waitFor();
  expect(await textOf(page, 'deck-note-text')).toBe(note);
  const got = await current(page);
  expect(got.state).toEqual(want.state);
  expect(got.query).toBe(want.query);
}

const MACHINE = 'px=32&lv=2&w=4&bs=2&ntr=8&nva=4&be=wasm';
const NOTES = ['Start here: soft FP at t = 0.3.', 'Both runs on one chart.', 'Sweep ε.\nSecond line of the note.'];

describe('a deck of your own views', () => {
  it('is made, presented with PageDown, saved, and reopened from its link and its file with the same states', async () => {
    const { page, errors } = await openPage(suite.browser, `${suite.origin}/?${MACHINE}`, { width: 1440, height: 900 });
    await page.getByTestId('concept-sorted').waitFor({ timeout: 120_000 });
    await page.getByTestId('btn-deck').click();
    const add = async (title: string, note: string): Promise<SlideState> => {
      await page.getByTestId('deck-new-title').fill(title);
      await page.getByTestId('deck-new-note').fill(note);
      const taken = await current(page);
      await page.getByTestId('deck-add').click();
      return taken;
    };
    await page.getByTestId('slider-t').fill('300');
    const slides = [await add('Low threshold', NOTES[0])];
    await page.getByTestId('btn-compare').click();
    await page.getByTestId('compare-layout-overlay').click();
    await page.getByTestId('b-select-loss').selectOption('dice');
    slides.push(await add('Balance vs Dice', NOTES[1]));
    await page.getByTestId('btn-compare').click();
    await page.getByTestId('scenario-eps').click();
    await page.getByTestId('select-loss').selectOption('inter');
    slides.push(await add('Sweeping ε', NOTES[2]));
    expect(await page.getByTestId('deck-slide-2').count()).toBe(1);
    expect(slides[1].state.view.compare).toEqual({ loss: 'dice' });
    expect(slides[2].state.params).toMatchObject({ loss: 'inter', epsMode: 'value', eps: 0.001, size: '32' });
    // The third slide differs from the second in compare, loss, ε and explorer: each restore is a real change.
    expect(slides[0].query).not.toBe(slides[1].query);
    await screenshotPainted(page, 'test-results/deck-panel-1440x900.png');

    // Present: PageDown steps slide by slide; PageUp and ← go back; → goes on.
    await page.getByTestId('select-loss').selectOption('dice');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('p');
    await page.locator('.app.presenting').waitFor();
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('PageDown');
      await expectSlide(page, i + 1, 3, slides[i], NOTES[i]);
    }
    await screenshotPainted(page, 'test-results/deck-presenting-1920x1080.png');
    await page.keyboard.press('PageDown'); // past the last slide: it stays
    await expectSlide(page, 3, 3, slides[2], NOTES[2]);
    await page.keyboard.press('PageUp');
    await expectSlide(page, 2, 3, slides[1], NOTES[1]);
    await page.keyboard.press('ArrowLeft');
    await expectSlide(page, 1, 3, slides[0], NOTES[0]);
    await page.keyboard.press('ArrowRight');
    await expectSlide(page, 2, 3, slides[1], NOTES[1]);
    await page.keyboard.press('Escape');
    await page.locator('.app.presenting').waitFor({ state: 'detached' });
    await page.setViewportSize({ width: 1440, height: 900 });

    // Save the file; make the link (the deck panel is back once presentation ends).
    const file = await download(page, 'deck-save');
    const saved = JSON.parse(await readFile(file, 'utf8')) as {
      format: string;
      slides: { title: string; note: string }[];
    };
    expect(saved.format).toBe('balance-lab-deck');
    expect(saved.slides.map((s) => s.note)).toEqual(NOTES);
    await page.getByTestId('deck-link').click();
    await page.getByTestId('deck-link-url').waitFor();
    const link = await page.getByTestId('deck-link-url').inputValue();
    expect(link).toMatch(/#deck=[\w-]+$/);

    // A reload keeps the deck (localStorage).
    await page.reload();
    await page.getByTestId('btn-deck').filter({ hasText: 'Your deck (3)' }).waitFor({ timeout: 120_000 });

    // From the link, in a fresh browser profile: the deck opens at slide 1, PageDown steps on.
    const fromLink = await openPage(suite.browser, link, { width: 1440, height: 900 });
    await expectSlide(fromLink.page, 1, 3, slides[0], NOTES[0]);
    expect(new URL(fromLink.page.url()).hash).toBe('');
    await fromLink.page.locator('body').click({ position: { x: 5, y: 5 } });
    await fromLink.page.keyboard.press('p');
    for (let i = 1; i < 3; i++) {
      await fromLink.page.keyboard.press('PageDown');
      await expectSlide(fromLink.page, i + 1, 3, slides[i], NOTES[i]);
    }

    // From the file, in another fresh profile.
    const fromFile = await openPage(suite.browser, `${suite.origin}/?${MACHINE}&loss=focal`, {
      width: 1440,
      height: 900,
    });
    await fromFile.page.getByTestId('btn-deck').click();
    await fromFile.page.getByTestId('deck-open').setInputFiles(file);
    await expectSlide(fromFile.page, 1, 3, slides[0], NOTES[0]);
    expect(await fromFile.page.getByTestId('deck-slide-title-2').inputValue()).toBe('Sweeping ε');
    await fromFile.page.locator('body').click({ position: { x: 5, y: 5 } });
    await fromFile.page.keyboard.press('p');
    for (let i = 1; i < 3; i++) {
      await fromFile.page.keyboard.press('PageDown');
      await expectSlide(fromFile.page, i + 1, 3, slides[i], NOTES[i]);
    }
    expect([...errors, ...fromLink.errors, ...fromFile.errors]).toEqual([]);
  });
});
