/**
 * Issue #22 in the built app: runs written by the Python logger (fixture predictions, and the
 * PyTorch example) open with Run → Open run as view-only runs whose panels show the numbers of
 * src/core on the exact logged predictions; a bad file names its problem and keeps the run.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { allGradientShares, decompose, metrics } from '../../src/core';
import { Rng } from '../../src/data/random';
import { displayEps } from '../../src/engine/displayEps';
import { fixtureStep, logWithPython, runPython, type FixtureRun } from '../fixtures/python';
import { closeAllPages, launch, openPage, scrollInLive, scrollUntilDrawn, startPreview, textOf } from './harness';

const LIGHT = 'px=32&lv=2&w=4&bs=2&ntr=8&nva=4&be=wasm';
const numberIn = (text: string): number => Number(/-?\d+(\.\d+)?(e[-+]?\d+)?/i.exec(text.replace(/,/g, ''))?.[0]);

let server: PreviewServer | undefined;
let browser: Browser;
let origin = '';
const dir = mkdtempSync(join(tmpdir(), 'balance-lab-logged-'));

// Five items of 12 × 20 px (more than the four the images panel shows, and not square), three
// logged steps of the two-stage Balance loss, the last in stage 2.
const rng = new Rng(22);
const fixture: FixtureRun = {
  name: 'fixture run',
  out: join(dir, 'fixture-run.json'),
  settings: { loss: 'balance', t: 0.5, t_hard: 0.9, a: 0.5, eps: 'reference' },
  steps: [fixtureStep(rng, 10, 5, 12, 20, 1), fixtureStep(rng, 20, 5, 12, 20, 1), fixtureStep(rng, 30, 5, 12, 20, 2)],
};
const last = fixture.steps[2];
const ITEM = 12 * 20;
const exampleOut = join(dir, 'example-run.json');

beforeAll(async () => {
  logWithPython([fixture]);
  const example = runPython([
    'examples/train_and_log.py',
    ...['--out', exampleOut, '--steps', '6', '--log-every', '3', '--size', '16', '--batch', '2', '--val', '3'],
  ]);
  if (example.status !== 0) throw new Error(`the example failed:\n${example.stderr}`);
  ({ server, origin } = await startPreview());
  browser = await launch();
});
afterEach(closeAllPages);
afterAll(async () => {
  await closeAllPages();
  await browser?.close();
  await server?.close();
});

async function ready(page: Page): Promise<void> {
  // The button sits in the closed Run menu: attached, not visible.
  await page.getByTestId('btn-open-run').and(page.locator(':enabled')).waitFor({ state: 'attached', timeout: 240_000 });
}

async function open(page: Page, path: string, notice: string): Promise<void> {
  await page.getByTestId('input-open-run').setInputFiles(path);
  await page.getByTestId('notices').filter({ hasText: notice }).waitFor({ timeout: 60_000 });
}

function decodeF32(base64: string): Float32Array {
  const bytes = Buffer.from(base64, 'base64');
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

describe('a run logged in Python, viewed in the built app', () => {
  it('opens with its last step, view-only transport, and Fig. 2, gradient and metric numbers of its predictions', async () => {
    const { page, errors, requests } = await openPage(browser, `${origin}/?${LIGHT}`);
    await ready(page);
    await open(page, fixture.out, 'Opened the logged run “fixture run”');
    const section = page.getByTestId('training-section');
    expect(await textOf(page, 'step-counter')).toBe('30');
    expect(await textOf(page, 'viewed-run-badge')).toBe('logged run (view only)');
    expect(await page.getByTestId('btn-play').isDisabled()).toBe(true);
    expect(await page.getByTestId('btn-step').isDisabled()).toBe(true);
    expect(await page.getByTestId('btn-save-run').isDisabled()).toBe(true);
    expect(await textOf(page, 'viewed-run-title')).toContain('3 history points · 5 items of 20×12 px');
    // The images keep their shape; item 1 is logged item 0. Off screen the panel holds its first drawing.
    await scrollInLive(page, 'image-0');
    const canvas = section.getByTestId('image-0').locator('canvas').first();
    expect(await canvas.evaluate((c: HTMLCanvasElement) => [c.width, c.height])).toEqual([20, 12]);

    // Item 5 (beyond the four images shown), chosen with the item picker: Fig. 2 and the gradient shares.
    await section.getByTestId('viewed-item').selectOption('4');
    const p = last.p.subarray(4 * ITEM, 5 * ITEM);
    const y = last.y.subarray(4 * ITEM, 5 * ITEM);
    const d = decompose(p, y, { t: 0.5, eps: displayEps({ eps: 0.01, epsMode: 'reference' }, y) });
    // Off screen a panel holds what it drew; a reader scrolls to it (src/panels/kit/onScreen.tsx).
    await scrollInLive(page, 'train-sorted-fp');
    await section.getByText('Fig. 2 · background p, validation image 5').waitFor();
    expect(numberIn(await textOf(page, 'train-sorted-fp-crossing'))).toBe(d.fpHard);
    for (const [id, want] of [
      ['train-sorted-fp-main', d.fpMain],
      ['train-sorted-fp-bias', d.fpBias],
      ['train-sorted-fn-main', d.fnMain],
      ['train-sorted-fn-bias', d.fnBias],
    ] as const) {
      await scrollInLive(page, id);
      expect(Math.abs(numberIn(await textOf(page, id)) - want), id).toBeLessThanOrEqual(Math.abs(want) * 1e-3 + 1e-9);
    }
    await scrollInLive(page, 'train-gradient');
    const shares = allGradientShares(p, y, 1, 0.5, { tHard: 0.9, eps: 'reference', a: 0.5 });
    const gradient = section.getByTestId('train-gradient');
    for (const loss of ['balance', 'bce'] as const)
      for (const group of ['fgMain', 'fgBias', 'bgMain', 'bgBias'] as const)
        expect(await gradient.getByTestId(`grad-share-${loss}-${group}`).textContent()).toBe(
          `${(100 * shares[loss][group]).toFixed(1)}%`,
        );
    // The bars and the equations are there for the logged predictions.
    for (const id of ['panel-bars', 'panel-equations']) {
      await scrollUntilDrawn(page, section.getByTestId(id));
      await section.getByTestId(id).scrollIntoViewIfNeeded();
    }

    // Loss and metrics of the last logged step (all five items), the stage the script logged.
    await scrollInLive(page, 'panel-loss');
    const m = metrics(last.p, last.y, 0.5);
    expect(Number(await textOf(page, 'metric-dice'))).toBeCloseTo(m.dice, 3);
    expect(numberIn(await textOf(page, 'readout-fp'))).toBe(m.fp);
    expect(numberIn(await textOf(page, 'readout-fn'))).toBe(m.fn);
    expect(Number(await textOf(page, 'readout-loss'))).toBeCloseTo(last.loss, 4);
    await scrollInLive(page, 'panel-stage');
    expect(await section.getByTestId('panel-stage').textContent()).toContain('Stage 2');
    await section.getByTestId('panel-history').waitFor();
    await section.getByTestId('panel-grad-history').waitFor();

    // A bad file: a message naming the problem, and the logged run stays on view.
    const bad = JSON.parse(readFileSync(fixture.out, 'utf8')) as { last: { n: number } };
    bad.last.n = 4;
    const badPath = join(dir, 'bad-run.json');
    writeFileSync(badPath, JSON.stringify(bad));
    await open(page, badPath, 'This logged run cannot be opened: last.p has 1200 values, but 960 were expected.');
    expect(await textOf(page, 'step-counter')).toBe('30');
    expect(await textOf(page, 'viewed-run-badge')).toBe('logged run (view only)');

    // Reset leaves the view for a new run of the lab's own engine.
    await page.getByTestId('btn-reset').click();
    await page.getByTestId('backend-badge').waitFor();
    await page.getByTestId('btn-play').and(page.locator(':enabled')).waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('viewed-run-badge').count()).toBe(0);
    expect(errors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual(
      [],
    );
  });

  it('opens the PyTorch example’s run: last step, and Fig. 2 over all logged items', async () => {
    const { page, errors } = await openPage(browser, `${origin}/?${LIGHT}`);
    await ready(page);
    await open(page, exampleOut, 'Opened the logged run “PyTorch U-Net');
    const file = JSON.parse(readFileSync(exampleOut, 'utf8')) as {
      step: number;
      last: { p: { base64: string }; masks: { base64: string } };
    };
    expect(await textOf(page, 'step-counter')).toBe(String(file.step));
    const section = page.getByTestId('training-section');
    await section.getByTestId('viewed-item').selectOption('all');
    await scrollInLive(page, 'train-sorted-fp');
    await section.getByText('Fig. 2 · background p, all 3 logged items, pooled').waitFor();
    const p = decodeF32(file.last.p.base64);
    const y = decodeF32(file.last.masks.base64);
    const d = decompose(p, y, { t: 0.5, eps: displayEps({ eps: 0.01, epsMode: 'reference' }, y) });
    expect(numberIn(await textOf(page, 'train-sorted-fp-crossing'))).toBe(d.fpHard);
    const main = numberIn(await textOf(page, 'train-sorted-fp-main'));
    expect(Math.abs(main - d.fpMain)).toBeLessThanOrEqual(Math.abs(d.fpMain) * 1e-3 + 1e-9);
    expect(errors).toEqual([]);
  });
});
