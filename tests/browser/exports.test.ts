import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../../src/export/csv';
import { MODEL_FILE, WEIGHTS_FILE, type ModelJson } from '../../src/export/modelFiles';
import { parseRun } from '../../src/export/runFile';
import { expectBackend, openPage, scrollInLive, textOf, TINY, waitForSnapshot, waitForStep } from './harness';
import { browserSuite } from './suite';

const suite = browserSuite();
const OUT = 'test-results/exports';
mkdirSync(OUT, { recursive: true });

/** Run actions live in the header's “Run” menu: open it when the button is not showing. */
async function revealInMenu(page: Page, testId: string): Promise<void> {
  if (!(await page.getByTestId(testId).first().isVisible())) await page.getByTestId('menu-run').click();
}

/** Clicks a button and returns the file it downloads (its name and where Playwright saved it). */
async function download(page: Page, testId: string): Promise<{ name: string; path: string }> {
  await revealInMenu(page, testId);
  const [d] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.getByTestId(testId).first().click(),
  ]);
  const path = await d.path();
  return { name: d.suggestedFilename(), path };
}

interface PanelFacts {
  width: number;
  height: number;
  title: string;
  /** Text of each test id'd element inside the panel that is plain text (no canvas, chart or equation). */
  texts: Record<string, string>;
}

async function panelFacts(page: Page, testId: string): Promise<PanelFacts> {
  return page.evaluate((id) => {
    const panel = document.querySelector<HTMLElement>(`section.panel[data-testid="${id}"]`);
    if (!panel) throw new Error(`no panel ${id}`);
    const texts: Record<string, string> = {};
    for (const el of Array.from(panel.querySelectorAll<HTMLElement | SVGElement>('[data-testid]'))) {
      const tid = el.getAttribute('data-testid') ?? '';
      if (tid.startsWith('export-') || el.closest('.panel-tools') || el.querySelector('canvas, svg, .katex')) continue;
      const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (text && getComputedStyle(el).display !== 'none') texts[tid] = text;
    }
    return {
      width: panel.offsetWidth,
      height: panel.offsetHeight,
      title: panel.querySelector('header h2')?.textContent?.trim() ?? '',
      texts,
    };
  }, testId);
}

/** Parses the SVG in the page and reports what the test checks. */
async function readSvg(page: Page, text: string, ids: string[]) {
  return page.evaluate(
    ({ text, ids }) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const root = doc.documentElement;
      const texts: Record<string, string | null> = {};
      for (const id of ids) {
        const el = doc.querySelector(`[data-testid="${id}"]`);
        texts[id] = el ? (el.textContent ?? '').replace(/\s+/g, ' ').trim() : null;
      }
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        root: root.localName,
        ns: root.namespaceURI,
        width: root.getAttribute('width'),
        height: root.getAttribute('height'),
        title: root.querySelector('title')?.textContent ?? '',
        texts,
        all: (root.textContent ?? '').replace(/\s+/g, ' '),
        images: root.querySelectorAll('image').length,
        foreign: root.querySelectorAll('foreignObject').length,
        charts: Array.from(root.children)
          .flatMap((c) => Array.from(c.children))
          .filter((c) => c.localName === 'svg').length,
        fontFaces: (root.querySelector('style')?.textContent?.match(/@font-face/g) ?? []).length,
      };
    },
    { text, ids },
  );
}

/** Decodes a PNG in the page: its size and how much of it is not background. */
async function readPng(page: Page, bytes: Buffer) {
  return page.evaluate(async (b64) => {
    const bin = atob(b64);
    const data = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) data[i] = bin.charCodeAt(i);
    const bitmap = await createImageBitmap(new Blob([data], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
    ctx.drawImage(bitmap, 0, 0);
    const px = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    const colors = new Set<number>();
    let ink = 0;
    for (let i = 0; i < px.length; i += 4) {
      colors.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
      if (px[i] < 200 || px[i + 1] < 200 || px[i + 2] < 200) ink++;
    }
    return { width: bitmap.width, height: bitmap.height, colors: colors.size, ink: ink / (px.length / 4) };
  }, bytes.toString('base64'));
}

/** What the store holds, in brief. */
function summary(page: Page): Promise<{ historySteps: number[]; steps: number; seed: number }> {
  return page.evaluate(() => {
    type S = { history: { step: number }[]; steps: unknown[]; params: { seed: number } };
    const s = (window as unknown as { balanceLab: { store: { getState(): S } } }).balanceLab.store.getState();
    return { historySteps: s.history.map((e) => e.step), steps: s.steps.length, seed: s.params.seed };
  });
}

/** The loss of the last step the store has, exactly. */
function lastLoss(page: Page): Promise<{ step: number; loss: number } | null> {
  return page.evaluate(() => {
    type S = { steps: { step: number; loss: number }[] };
    const s = (window as unknown as { balanceLab: { store: { getState(): S } } }).balanceLab.store.getState();
    const last = s.steps[s.steps.length - 1];
    return last ? { step: last.step, loss: last.loss } : null;
  });
}

const VIEW_IDS = [
  'step-counter',
  'readout-loss',
  'metric-dice',
  'readout-iou',
  'readout-fp',
  'readout-fn',
  'train-sorted-fp-crossing',
  'train-sorted-fp-main',
  'train-sorted-fp-bias',
  'stage-indicator',
];

async function viewTexts(page: Page): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const id of VIEW_IDS) {
    // Off screen a panel holds what it drew; a reader scrolls to it (src/panels/kit/onScreen.tsx).
    await scrollInLive(page, id);
    out[id] = await textOf(page, id);
  }
  return out;
}

describe('exports', () => {
  it('every panel exports as SVG and PNG that parse back; curves as CSV; a saved run re-imports with the same numbers and trains on; the model downloads', async () => {
    const A = await openPage(suite.browser, `${suite.origin}/?${TINY}`);
    const page = A.page;
    await expectBackend(page, 'webgpu');
    await page.getByTestId('btn-play').click();
    await waitForStep(page, 3);
    await page.getByTestId('btn-pause').click();
    await page.getByTestId('btn-play').waitFor();
    const step = Number(await textOf(page, 'step-counter'));
    await waitForSnapshot(page, step);
    // Off screen a panel holds what it drew; a reader scrolls to it (src/panels/kit/onScreen.tsx).
    await scrollInLive(page, 'panel-history');
    await page.getByTestId('panel-history').locator('svg path').first().waitFor({ state: 'attached' });

    // --- Panels: SVG and PNG ---
    const panels = await page
      .locator('section.panel[data-testid]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
    for (const id of [
      'concept-sorted',
      'panel-bars',
      'panel-equations',
      'panel-images',
      'train-sorted-fp',
      'train-sorted-fn',
      'panel-history',
      'panel-loss',
      'panel-stage',
    ])
      expect(panels).toContain(id);
    for (const id of panels) {
      await scrollInLive(page, id);
      const facts = await panelFacts(page, id);
      const svgFile = await download(page, `export-svg-${id}`);
      expect(svgFile.name).toBe(`${id}.svg`);
      const text = readFileSync(svgFile.path, 'utf8');
      writeFileSync(`${OUT}/${id}.svg`, text);
      const svg = await readSvg(page, text, Object.keys(facts.texts));
      expect(svg.error, id).toBeNull();
      expect(svg.root, id).toBe('svg');
      expect(svg.ns, id).toBe('http://www.w3.org/2000/svg');
      expect([Number(svg.width), Number(svg.height)], id).toEqual([facts.width, facts.height]);
      expect(svg.title, id).toBe(facts.title);
      for (const [tid, want] of Object.entries(facts.texts)) expect(svg.texts[tid], `${id} ${tid}`).toBe(want);

      const pngFile = await download(page, `export-png-${id}`);
      expect(pngFile.name).toBe(`${id}.png`);
      const bytes = readFileSync(pngFile.path);
      writeFileSync(`${OUT}/${id}.png`, bytes);
      const png = await readPng(page, bytes);
      expect([png.width, png.height], id).toEqual([2 * facts.width, 2 * facts.height]);
      expect(png.colors, id).toBeGreaterThan(8);
      expect(png.ink, id).toBeGreaterThan(0.003);
    }
    // What each kind of content became: charts stay vector, canvases are embedded, KaTeX keeps its fonts.
    const images = await readSvg(page, readFileSync(`${OUT}/panel-images.svg`, 'utf8'), []);
    expect(images.images).toBe(16); // 4 images × input, mask, p, overlay
    const eqs = await readSvg(page, readFileSync(`${OUT}/panel-equations.svg`, 'utf8'), []);
    expect(eqs.foreign).toBeGreaterThan(0);
    expect(eqs.fontFaces).toBeGreaterThan(0);
    expect(eqs.all).toContain(await textOf(page, 'concept-sorted-crossing'));
    const hist = await readSvg(page, readFileSync(`${OUT}/panel-history.svg`, 'utf8'), []);
    expect(hist.charts).toBe(1);

    // --- Curves: CSV ---
    const historyLength = (await summary(page)).historySteps.length;
    expect(historyLength).toBeGreaterThan(1);
    for (const id of ['panel-history', 'panel-loss']) {
      const csv = await download(page, `export-csv-${id}`);
      expect(csv.name).toBe(`${id}.csv`);
      const lines = readFileSync(csv.path, 'utf8').trimEnd().split('\n');
      expect(lines[0]).toBe(CSV_COLUMNS.join(','));
      expect(lines.length - 1).toBe(historyLength);
      for (const line of lines.slice(1)) {
        const cells = line.split(',');
        expect(cells.length).toBe(CSV_COLUMNS.length);
        cells.forEach((cell, k) => {
          const col = CSV_COLUMNS[k];
          if (cell === '' && (col === 'intra' || col === 'inter')) return;
          if (cell === 'NaN' && col === 'loss' && cells[0] === '0') return; // no loss before the first step
          expect(Number.isFinite(Number(cell)), `${col} = ${cell}`).toBe(true);
        });
      }
    }

    // --- Run: save ---
    const before = await viewTexts(page);
    const beforeSteps = (await summary(page)).steps;
    const runFile = await download(page, 'btn-save-run');
    expect(runFile.name).toBe(`balance-lab-run-step-${step}.json`);
    const parsed = parseRun(readFileSync(runFile.path, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.run.step).toBe(step);
    expect(parsed.run.history.length).toBe(historyLength);
    expect(A.errors).toEqual([]);

    // --- Run: open in a fresh page (another seed, so every number would differ) ---
    const B = await openPage(suite.browser, `${suite.origin}/?${TINY}&seed=5`);
    await expectBackend(B.page, 'webgpu');
    await B.page
      .getByTestId('btn-open-run')
      .and(B.page.locator(':enabled'))
      .waitFor({ state: 'attached', timeout: 120_000 });
    // A damaged file: a visible error, and nothing changes.
    const damaged = `${OUT}/damaged-run.json`;
    writeFileSync(damaged, readFileSync(runFile.path, 'utf8').slice(0, 5000));
    await B.page.getByTestId('input-open-run').setInputFiles(damaged);
    const error = B.page
      .locator('.notice-error')
      .filter({ hasText: 'The file is not valid JSON, so it may be truncated' });
    await error.waitFor({ timeout: 60_000 });
    expect(await summary(B.page)).toMatchObject({ seed: 5 });
    await error.getByRole('button', { name: 'Dismiss' }).click();
    await error.waitFor({ state: 'detached' });

    await B.page.getByTestId('input-open-run').setInputFiles(runFile.path);
    await B.page.getByTestId('notices').filter({ hasText: `Restored run saved` }).waitFor({ timeout: 120_000 });
    expect(await B.page.getByTestId('notices').textContent()).toContain(
      `at step ${step}; training continues exactly where it stopped (weights, optimiser state and batch order).`,
    );
    expect(await viewTexts(B.page)).toEqual(before);
    const restored = await summary(B.page);
    expect(restored.historySteps.length).toBe(historyLength);
    expect(restored.steps).toBe(beforeSteps);
    expect(restored.seed).toBe(1);

    // --- The next step is the one the saved run takes: same batch, same Adam state, same loss ---
    for (const p of [page, B.page]) {
      await p.getByTestId('btn-step').click();
      await expect.poll(() => lastLoss(p).then((l) => l?.step), { timeout: 120_000 }).toBe(step + 1);
    }
    const [lossA, lossB] = [await lastLoss(page), await lastLoss(B.page)];
    expect(Number.isFinite(lossA?.loss)).toBe(true);
    expect(lossB).toEqual(lossA);

    // --- Training continues from the restored step, extending the restored curves ---
    await B.page.getByTestId('btn-play').click();
    await waitForStep(B.page, step + 2);
    await waitForSnapshot(B.page, step + 1);
    await B.page.getByTestId('btn-pause').click();
    await B.page.getByTestId('btn-play').waitFor();
    expect(Number(await textOf(B.page, 'step-counter'))).toBeGreaterThan(step);
    const steps = (await summary(B.page)).historySteps;
    expect(steps.length).toBeGreaterThan(historyLength);
    expect(steps.slice(0, historyLength)).toEqual(parsed.run.history.map((e) => e.step));
    expect(steps[historyLength]).toBeGreaterThan(step);

    // --- Model: two files, the manifest covers the binary exactly ---
    const files: Download[] = [];
    B.page.on('download', (d) => files.push(d));
    await revealInMenu(B.page, 'btn-download-model');
    await B.page.getByTestId('btn-download-model').click();
    await expect.poll(() => files.length, { timeout: 60_000 }).toBe(2);
    const byName = new Map(files.map((d) => [d.suggestedFilename(), d]));
    expect([...byName.keys()].sort()).toEqual([MODEL_FILE, WEIGHTS_FILE].sort());
    const json = JSON.parse(readFileSync(await (byName.get(MODEL_FILE) as Download).path(), 'utf8')) as ModelJson;
    const binSize = statSync(await (byName.get(WEIGHTS_FILE) as Download).path()).size;
    expect(json.format).toBe('layers-model');
    expect(json.weightsManifest[0].paths).toEqual([WEIGHTS_FILE]);
    const manifestBytes = json.weightsManifest
      .flatMap((g) => g.weights)
      .reduce((s, w) => s + 4 * w.shape.reduce((a, b) => a * b, 1), 0);
    expect(manifestBytes).toBe(binSize);
    expect(binSize).toBe(4 * parsed.run.dataset.paramCount);

    expect(A.errors).toEqual([]);
    expect(B.errors).toEqual([]);
    expect(await B.page.locator('.notice-error').allTextContents()).toEqual([]);
    expect(await page.locator('.notice-error').allTextContents()).toEqual([]);
  });
});
