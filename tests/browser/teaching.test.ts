/**
 * Issue #5 in the browser: URL state round trip (with garbage), copy and classroom links,
 * scenarios, keyboard shortcuts, compare mode training both runs, and the presentation-mode
 * screenshot at 1920×1080.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../src/state/scenarios';
import { DEFAULT_PARAMS, type Params } from '../../src/params/schema';
import { paramsFromQuery } from '../../src/state/url';
import { viewFromQuery, type ViewState } from '../../src/state/view';
import {
  expectBackend,
  foreignRequests,
  openPage,
  textOf,
  TINY,
  waitForSnapshot,
  waitForStep,
  screenshotPainted,
  scrollInLive,
} from './harness';
import { browserSuite } from './suite';

const suite = browserSuite();

interface LabView {
  params: Params;
  view: ViewState;
  selectedImage: number | null;
}

const labView = (page: Page): Promise<LabView> =>
  page.evaluate(() => {
    const lab = (window as unknown as { balanceLab: { store: { getState(): LabView } } }).balanceLab;
    const s = lab.store.getState();
    return { params: s.params, view: s.view, selectedImage: s.selectedImage };
  });

/** The URL is rewritten 250 ms after the last change; wait until it says `predicate`. */
async function urlSettles(page: Page, predicate: (url: string) => boolean): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const url = page.url();
    if (predicate(url)) return url;
    await page.waitForTimeout(100);
  }
  throw new Error(`URL did not settle: ${page.url()}`);
}

describe('teaching and presenting', () => {
  it('round-trips every parameter and the view through the URL; garbage is clamped and reported', async () => {
    const garbage = `${TINY}&t=0.25&eps=0.003&epsm=value&loss=tversky&th=abc&lr=5&seed=42&img=3&hide=lr,opt,zz&sc=eps&present=maybe&b.loss=bce&junk=1`;
    const { page, errors } = await openPage(suite.browser, `${suite.origin}/?${garbage}`);
    const notices = page.getByTestId('notices');
    await notices.waitFor();
    const text = (await notices.textContent()) ?? '';
    expect(text).toMatch(/Hard threshold t_h: “abc” is not a number; using 0\.9/);
    expect(text).toMatch(/Learning rate: 5 is outside/);
    expect(text).toMatch(/Unknown URL parameter “junk”/);
    expect(text).toMatch(/hide: “zz” is not a control/);
    expect(text).toMatch(/“present=maybe” should be 1 or 0/);
    expect(text).toMatch(/Run B parameters \(b\.…\) are ignored without cmp=1/);

    const first = await labView(page);
    expect(first.params).toMatchObject({
      t: 0.25,
      eps: 0.003,
      epsMode: 'value',
      loss: 'tversky',
      tHard: 0.9,
      lr: 1,
      seed: 42,
      size: '32',
      batchSize: 2,
    });
    // The scenario link starts from the scenario's parameters; explicit ones win.
    expect(first.params.conceptRatio).toBe(SCENARIOS.find((s) => s.id === 'eps')?.params.conceptRatio);
    expect(first.view).toEqual({
      presentation: false,
      compare: null,
      hidden: ['lr', 'optimizer'],
      scenario: 'eps',
      compareLayout: 'columns',
    });
    expect(first.selectedImage).toBe(2);

    // The rewritten URL is canonical: it decodes (in Node, with the app's own codec) to the same state…
    const url = await urlSettles(page, (u) => !u.includes('junk'));
    const search = new URL(url).search;
    const decoded = paramsFromQuery(search);
    expect(decoded.problems).toEqual([]);
    expect(decoded.params).toEqual(first.params);
    const decodedView = viewFromQuery(
      search,
      SCENARIOS.map((s) => s.id),
    );
    expect(decodedView.view).toEqual(first.view);
    expect(decodedView.selectedImage).toBe(2);
    // …and a fresh page opened on it shows exactly the same state, without notices.
    const again = await openPage(suite.browser, url);
    await again.page.getByTestId('concept-sorted').waitFor();
    expect(await labView(again.page)).toEqual(first);
    expect(await again.page.getByTestId('notices').count()).toBe(0);
    expect(await again.page.getByTestId('slider-lr').count()).toBe(0);
    expect(await again.page.getByTestId('controls-hidden-note').textContent()).toMatch(/2 controls hidden/);
    expect(errors).toEqual([]);
    expect(again.errors).toEqual([]);
  });

  it('copies a link to the current view and builds a classroom link that hides controls', async () => {
    const { page, errors, requests } = await openPage(suite.browser, `${suite.origin}/?${TINY}`, undefined, [
      'clipboard-read',
      'clipboard-write',
    ]);
    await page.getByTestId('slider-t').fill('300');
    await page.getByTestId('menu-share').click();
    await page.getByTestId('btn-copy-link').click();
    await page.getByTestId('share-status').filter({ hasText: 'Link copied' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(paramsFromQuery(new URL(copied).search).params.t).toBe(0.3);

    await page.getByTestId('menu-share').click();
    await page.getByTestId('btn-classroom').click();
    await page.getByTestId('classroom-hide-all').check();
    const classroom = await page.getByTestId('classroom-url').inputValue();
    expect(new URL(classroom).searchParams.get('hide')).toBe('all');
    const student = await openPage(suite.browser, classroom);
    await student.page.getByTestId('concept-sorted').waitFor();
    expect(await student.page.getByTestId('controls').count()).toBe(0);
    expect(await textOf(student.page, 'concept-sorted-crossing')).toBe(await textOf(page, 'concept-sorted-crossing'));

    // Hiding groups instead: the loss group's controls disappear, the rest stay.
    await page.getByTestId('classroom-hide-all').uncheck();
    await page.getByTestId('classroom-hide-loss').check();
    const partial = await openPage(suite.browser, await page.getByTestId('classroom-url').inputValue());
    await partial.page.getByTestId('controls').waitFor();
    expect(await partial.page.getByTestId('select-loss').count()).toBe(0);
    expect(await partial.page.getByTestId('slider-tHard').count()).toBe(0);
    expect(await partial.page.getByTestId('slider-t').count()).toBe(1);
    expect([...errors, ...student.errors, ...partial.errors]).toEqual([]);
    expect(foreignRequests(requests, suite.origin)).toEqual([]);
  });

  it('keyboard shortcuts: ? help, 1–9 scenarios, p presentation, space play/pause, → step, r reset', async () => {
    const { page, errors } = await openPage(suite.browser, `${suite.origin}/?${TINY}`);
    await expectBackend(page, 'webgpu');
    await page.locator('body').click({ position: { x: 5, y: 300 } });

    await page.keyboard.press('?');
    await page.getByTestId('help-overlay').waitFor();
    expect(await page.getByTestId('help-overlay').textContent()).toContain(SCENARIOS[0].title);
    await page.keyboard.press('Escape');
    await page.getByTestId('help-overlay').waitFor({ state: 'detached' });

    await page.keyboard.press('1');
    await page.getByTestId('scenario-narrative').filter({ hasText: SCENARIOS[0].title }).waitFor();
    expect((await labView(page)).params.conceptRatio).toBe(SCENARIOS[0].params.conceptRatio);
    expect((await labView(page)).params.size).toBe('32'); // the run size of this machine is kept
    await page.keyboard.press('5');
    await page.getByTestId('scenario-narrative').filter({ hasText: SCENARIOS[4].title }).waitFor();
    expect((await labView(page)).params).toMatchObject({ epsMode: 'value', eps: 0.001 });

    await page.keyboard.press('p');
    await page.locator('.app.presenting').waitFor();
    expect(await page.getByTestId('controls').count()).toBe(0);
    await page.keyboard.press('p');
    await page.locator('.app.presenting').waitFor({ state: 'detached' });

    await page.keyboard.press('ArrowRight');
    await waitForStep(page, 1);
    await page.keyboard.press(' ');
    await page.getByTestId('btn-pause').waitFor();
    await waitForStep(page, 3);
    await page.keyboard.press(' ');
    await page.getByTestId('btn-play').waitFor();
    await page.keyboard.press('r');
    await page.waitForFunction(() => document.querySelector('[data-testid="step-counter"]')?.textContent === '0');
    // Typing in a text field is not a shortcut.
    expect(errors).toEqual([]);
  });

  it('compare mode trains both runs on the same data from the same initial weights', async () => {
    const { page, errors } = await openPage(suite.browser, `${suite.origin}/?${TINY}&cmp=1&b.loss=bce`);
    await page.getByTestId('compare-section').waitFor({ timeout: 120_000 });
    await expectBackend(page, 'webgpu');
    await page.getByTestId('btn-play').click();
    const bSteps = (): Promise<number> =>
      page.evaluate(() => {
        const lab = (
          window as unknown as {
            balanceLab: {
              compare: { getState(): { store: { getState(): { snapshot: { step: number } | null } } | null } };
            };
          }
        ).balanceLab;
        return lab.compare.getState().store?.getState().snapshot?.step ?? -1;
      });
    await waitForStep(page, 3);
    for (let i = 0; i < 600 && (await bSteps()) < 3; i++) await page.waitForTimeout(200);
    await page.getByTestId('btn-pause').click();
    // The step counter runs ahead of snapshots: wait for run A's snapshot too.
    await waitForSnapshot(page, 3);
    expect(await bSteps()).toBeGreaterThanOrEqual(3);

    const runs = await page.evaluate(() => {
      type S = {
        params: { loss: string; seed: number };
        history: { step: number; hist: { bgCount: number[] } }[];
        dataset: { valImages: Float32Array } | null;
      };
      const lab = (
        window as unknown as {
          balanceLab: { store: { getState(): S }; compare: { getState(): { store: { getState(): S } | null } } };
        }
      ).balanceLab;
      const a = lab.store.getState();
      const b = lab.compare.getState().store?.getState() as S;
      const same = (x: Float32Array, y: Float32Array) => x.length === y.length && x.every((v, i) => v === y[i]);
      return {
        lossA: a.params.loss,
        lossB: b.params.loss,
        seedB: b.params.seed,
        sameData: !!a.dataset && !!b.dataset && same(a.dataset.valImages, b.dataset.valImages),
        // Step 0 predictions come from the initial weights: equal histograms ⇔ same start.
        sameStart:
          a.history[0]?.step === 0 &&
          b.history[0]?.step === 0 &&
          JSON.stringify(Array.from(a.history[0].hist.bgCount)) ===
            JSON.stringify(Array.from(b.history[0].hist.bgCount)),
        lastA: a.history[a.history.length - 1]?.step,
        lastB: b.history[b.history.length - 1]?.step,
      };
    });
    expect(runs).toMatchObject({
      lossA: 'balance',
      lossB: 'bce',
      seedB: DEFAULT_PARAMS.seed,
      sameData: true,
      sameStart: true,
    });
    expect(runs.lastA).toBeGreaterThanOrEqual(3);
    expect(runs.lastB).toBeGreaterThanOrEqual(3);
    // Both columns show their own history on the same axes (scrolled in: off screen a panel holds
    // what it drew, src/panels/kit/onScreen.tsx).
    await scrollInLive(page, 'panel-history');
    await page.waitForFunction(
      () => document.querySelectorAll('.on-screen[data-live="true"] [data-testid="panel-history"]').length === 2,
    );
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const axes = await page.evaluate(() =>
      ['compare-run-a', 'compare-run-b'].map((id) => {
        const ticks = document.querySelectorAll(`[data-testid="${id}"] [data-testid="panel-history"] svg .tick text`);
        return Array.from(ticks, (t) => t.textContent).join('|');
      }),
    );
    expect(axes[0].length).toBeGreaterThan(0);
    expect(axes[0]).toBe(axes[1]);
    // Switching run B's loss in the compare editor restarts B only, and the link says so.
    await page.getByTestId('b-select-loss').selectOption('dice');
    const url = await urlSettles(page, (u) => u.includes('b.loss=dice'));
    expect(new URL(url).searchParams.get('cmp')).toBe('1');
    expect(errors).toEqual([]);
  });

  it('presentation mode at 1920×1080 (screenshot)', async () => {
    const { page, errors } = await openPage(suite.browser, `${suite.origin}/?${TINY}&sc=switch`, {
      width: 1920,
      height: 1080,
    });
    await expectBackend(page, 'webgpu');
    await page.getByTestId('btn-play').click();
    const reached = await waitForStep(page, 60);
    await page.getByTestId('btn-pause').click();
    await waitForSnapshot(page, reached);
    await page.getByTestId('btn-present').click();
    await page.locator('.app.presenting').waitFor();
    await page.keyboard.press('4'); // the scenario again: scrolls to the stage panel it talks about
    await page.waitForTimeout(500);
    await screenshotPainted(page, 'test-results/presentation-training-1920x1080.png');
    // The opening scenario, as a lecture starts: Fig. 2, the main/bias bars and Eq. 9–12.
    await page.keyboard.press('1');
    await page.getByTestId('scenario-narrative').filter({ hasText: SCENARIOS[0].title }).waitFor();
    await page.waitForTimeout(500);
    await screenshotPainted(page, 'test-results/presentation-1920x1080.png');
    expect(await page.getByTestId('controls').count()).toBe(0);
    const fontSize = await page.evaluate(() => {
      const el = document.querySelector('[data-testid="panel-stage"] h2') as HTMLElement;
      return (
        parseFloat(getComputedStyle(el).fontSize) *
        (parseFloat(getComputedStyle(document.querySelector('.layout') as HTMLElement).zoom) || 1)
      );
    });
    expect(fontSize).toBeGreaterThanOrEqual(20);
    expect(errors).toEqual([]);
  });
});
