/**
 * Issue #6 in the browser: import image/mask pairs (8/16-bit PNG, RGB, JPEG made by the browser,
 * zip with folders, NIfTI .nii.gz) plus bad files, train on them; analyse-only predictions
 * (.npy and PNG) dropped onto the page, with numbers equal to src/core on the same arrays; no
 * request leaves the origin.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { allGradientShares, decompose, metrics } from '../../src/core';
import { textBytes, writeNifti, writeNpy, writePng, writeZip } from '../fixtures/writers';
import {
  expectBackend,
  foreignRequests,
  openPage,
  textOf,
  TINY,
  waitForSnapshot,
  waitForStep,
  screenshotPainted,
} from './harness';
import { browserSuite } from './suite';

const suite = browserSuite();

const W = 40;
const H = 40;

/** A scan-like image (bright blob on a gradient) and its mask, deterministic per index. */
function scan(k: number, width = W, height = H): { image: number[]; mask: number[] } {
  const cx = 12 + ((k * 7) % 16);
  const cy = 14 + ((k * 5) % 12);
  const image: number[] = [];
  const mask: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inside = (x - cx) ** 2 + (y - cy) ** 2 <= 25;
      image.push(Math.round(60 + x + y + (inside ? 120 : 0)));
      mask.push(inside ? 255 : 0);
    }
  }
  return { image, mask };
}

const png8 = (data: number[], width = W, height = H): Uint8Array => writePng({ width, height, data });

interface Upload {
  name: string;
  buffer: Buffer;
  mimeType: string;
}
const upload = (name: string, bytes: Uint8Array): Upload => ({
  name,
  buffer: Buffer.from(bytes),
  mimeType: 'application/octet-stream',
});

/** A JPEG made by the browser itself (canvas.toBlob), so the test needs no JPEG encoder. */
async function browserJpeg(page: Page, image: number[]): Promise<Uint8Array> {
  const bytes = await page.evaluate(
    async ({ image, w, h }) => {
      const canvas = new OffscreenCanvas(w, h);
      const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
      const data = ctx.createImageData(w, h);
      image.forEach((v, i) => data.data.set([v, v, v, 255], i * 4));
      ctx.putImageData(data, 0, 0);
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 });
      return Array.from(new Uint8Array(await blob.arrayBuffer()));
    },
    { image, w: W, h: H },
  );
  return Uint8Array.from(bytes);
}

const userData = <T>(page: Page, pick: string): Promise<T> =>
  page.evaluate((expr) => {
    const s = (
      window as unknown as { balanceLab: { userData: { getState(): unknown } } }
    ).balanceLab.userData.getState();
    return new Function('s', `return ${expr}`)(s) as never;
  }, pick);

describe('your own data', () => {
  it('imports pairs in every format, reports each bad file specifically, keeps what was loaded, and trains on them', async () => {
    const { page, errors, requests, uploads } = await openPage(suite.browser, `${suite.origin}/?${TINY}`);
    await expectBackend(page, 'webgpu');
    await page.getByTestId('btn-your-data').click();
    await page.getByTestId('import-section').waitFor();

    const s1 = scan(1);
    const s2 = scan(2);
    const s3 = scan(3);
    const s4 = scan(4);
    const s5 = scan(5);
    const s6 = scan(6);
    const vol = [0, 1, 2, 3].map((z) => scan(10 + z));
    const volMask = vol.flatMap((s, z) => (z === 0 || z === 3 ? s.mask.map(() => 0) : s.mask.map((v) => (v ? 1 : 0))));
    const files: Upload[] = [
      upload('scan1.png', png8(s1.image)),
      upload('scan1_mask.png', png8(s1.mask)),
      // 16-bit image (12-bit-like values) and a 16-bit mask.
      upload('scan2.png', writePng({ width: W, height: H, depth: 16, data: s2.image.map((v) => v * 16) })),
      upload('scan2_mask.png', writePng({ width: W, height: H, depth: 16, data: s2.mask.map((v) => (v ? 65535 : 0)) })),
      // RGB image.
      upload(
        'scan3.png',
        writePng({ width: W, height: H, channels: 3, data: s3.image.flatMap((v) => [v, v, Math.max(0, v - 20)]) }),
      ),
      upload('scan3_mask.png', png8(s3.mask)),
      upload('scan4.jpg', await browserJpeg(page, s4.image)),
      upload('scan4_mask.png', png8(s4.mask)),
      upload(
        'set.zip',
        writeZip({
          'set/images/s5.png': png8(s5.image),
          'set/masks/s5.png': png8(s5.mask),
          'set/images/s6.png': png8(s6.image),
          'set/masks/s6.png': png8(s6.mask),
        }),
      ),
      upload(
        'vol.nii.gz',
        writeNifti({
          dims: [W, H, 4],
          type: 'int16',
          data: vol.flatMap((s) => s.image.map((v) => v * 4 - 300)),
          gzip: true,
        }),
      ),
      upload('vol_mask.nii.gz', writeNifti({ dims: [W, H, 4], type: 'uint8', data: volMask, gzip: true })),
      // The bad ones.
      upload('notes.txt', textBytes('not an image')),
      upload('broken.png', png8(s1.image).slice(0, 60)),
      upload('broken_mask.png', png8(s1.mask)),
      upload('mism.png', png8(s1.image)),
      upload('mism_mask.png', png8(scan(1, 20, 20).mask, 20, 20)),
      upload('empty.png', png8(s1.image)),
      upload('empty_mask.png', png8(s1.mask.map(() => 0))),
      upload('full.png', png8(s1.image)),
      upload('full_mask.png', png8(s1.mask.map(() => 255))),
      upload('huge.png', writePng({ width: 4100, height: 4100, data: new Uint8Array(4100 * 4100), level: 1 })),
      upload('huge_mask.png', writePng({ width: 4100, height: 4100, data: new Uint8Array(4100 * 4100), level: 1 })),
      upload('corrupt.zip', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5])),
    ];
    await page.getByTestId('input-import-files').setInputFiles(files);
    await page
      .getByTestId('import-summary')
      .filter({ hasText: 'image/mask pairs imported' })
      .waitFor({ timeout: 60_000 });

    const problems = await page.getByTestId('import-problems').locator('li').allTextContents();
    const expectProblem = (re: RegExp) =>
      expect(
        problems.some((p) => re.test(p)),
        `${re} in\n${problems.join('\n')}`,
      ).toBe(true);
    expectProblem(/notes\.txt.*not a supported file type/);
    expectProblem(/broken\.png.*could not be decoded/);
    expectProblem(/mism\.png is 40×40 but mism_mask\.png is 20×20/);
    expectProblem(/empty_mask\.png.*mask is empty \(f = 0\)/);
    expectProblem(/full_mask\.png.*all foreground \(b = 0\)/);
    expectProblem(/huge\.png is 4100×4100; images larger than 4096 px per side are not imported/);
    expectProblem(/corrupt\.zip/);
    const notes = (await page.getByTestId('import-notes').allTextContents()).join(' ');
    expect(notes).toMatch(/vol.*2 of 4 slices have no foreground and were skipped/);

    // 1 + 1 + 1 + 1 (jpeg) + 2 (zip) + 2 (volume slices) + empty + full = 10 pairs.
    const names = await userData<string[]>(page, 's.pairs.map((p) => p.name).sort()');
    expect(names).toHaveLength(10);
    expect(names).toEqual(expect.arrayContaining(['scan1', 'scan2', 'scan3', 'scan4', 's5', 's6', 'empty', 'full']));
    // The 8-bit image is min–max normalised exactly; the mask binarised.
    const first = await userData<{ min: number; max: number; fg: number }>(
      page,
      "(() => { const p = s.pairs.find((q) => q.name === 'scan1'); return { min: Math.min(...p.image), max: Math.max(...p.image), fg: p.mask.reduce((a, b) => a + b, 0) }; })()",
    );
    expect(first).toEqual({ min: 0, max: 1, fg: s1.mask.filter((v) => v > 0).length });

    // Training switches to the imported data (8 training, 2 validation images at 32 px).
    await page
      .getByTestId('training-section')
      .filter({ hasText: 'your data (10 images)' })
      .waitFor({ timeout: 120_000 });
    const nVal = await page.evaluate(
      () =>
        (
          window as unknown as { balanceLab: { store: { getState(): { dataset: { nVal: number; size: number } } } } }
        ).balanceLab.store.getState().dataset,
    );
    expect(nVal).toMatchObject({ nVal: 2, size: 32 });
    await page.getByTestId('btn-play').click();
    const reached = await waitForStep(page, 3);
    await page.getByTestId('btn-pause').click();
    await waitForSnapshot(page, reached);
    const loss = await page.evaluate(
      () =>
        (
          window as unknown as { balanceLab: { store: { getState(): { snapshot: { loss: number } } } } }
        ).balanceLab.store.getState().snapshot.loss,
    );
    expect(Number.isFinite(loss)).toBe(true);

    // A folder (images/ and masks/ side by side), chosen with the folder picker, adds its pairs.
    const folder = mkdtempSync(join(tmpdir(), 'balance-lab-folder-'));
    mkdirSync(join(folder, 'study', 'images'), { recursive: true });
    mkdirSync(join(folder, 'study', 'masks'), { recursive: true });
    const s7 = scan(7);
    writeFileSync(join(folder, 'study', 'images', 'f7.png'), png8(s7.image));
    writeFileSync(join(folder, 'study', 'masks', 'f7.png'), png8(s7.mask));
    await page.getByTestId('input-import-folder').setInputFiles(folder);
    await page
      .getByTestId('import-summary')
      .filter({ hasText: '1 image/mask pair imported from 2 files' })
      .waitFor({ timeout: 60_000 });
    // Paths keep the chosen folder's name, as the browser reports them (webkitRelativePath).
    expect(await userData<string[]>(page, 's.pairs.map((p) => p.source)')).toContainEqual(
      expect.stringMatching(
        /^balance-lab-folder-\w+\/study\/images\/f7\.png \+ balance-lab-folder-\w+\/study\/masks\/f7\.png$/,
      ),
    );
    await page
      .getByTestId('training-section')
      .filter({ hasText: 'your data (11 images)' })
      .waitFor({ timeout: 120_000 });

    // A further import with only bad files reports them and loses nothing.
    await page
      .getByTestId('input-import-files')
      .setInputFiles([upload('readme.md', textBytes('# hi')), upload('lonely.png', png8(s1.image))]);
    await page.getByTestId('import-summary').filter({ hasText: '0 image/mask pairs imported from 2 files' }).waitFor();
    const second = await page.getByTestId('import-problems').locator('li').allTextContents();
    expect(second.join('\n')).toMatch(/lonely\.png has no mask/);
    expect(await userData<number>(page, 's.pairs.length')).toBe(11);
    expect(await textOf(page, 'user-data-status')).toMatch(/11 pairs loaded.*Training on them/);
    await screenshotPainted(page, 'test-results/your-data.png');

    expect(errors).toEqual([]);
    expect(foreignRequests(requests, suite.origin)).toEqual([]);
    expect(uploads).toEqual([]);
  });

  it('analyse-only: dropped probability maps show the decomposition src/core computes on the same arrays', async () => {
    const { page, errors, requests, uploads } = await openPage(suite.browser, `${suite.origin}/?${TINY}`);
    await page.getByTestId('concept-sorted').waitFor();
    const w = 48;
    const h = 40;
    const y: number[] = [];
    const p: number[] = [];
    for (let r = 0; r < h; r++) {
      for (let c = 0; c < w; c++) {
        const d2 = (c - 30) ** 2 + (r - 18) ** 2;
        const fg = d2 <= 36;
        y.push(fg ? 1 : 0);
        // A plausible model: high inside, a soft halo, a long tail of small values elsewhere.
        p.push(Math.min(1, Math.max(0, (fg ? 0.45 : 0.02) + 0.5 * Math.exp(-d2 / 60) - 0.1 * Math.sin(c * 0.7 + r))));
      }
    }
    const pF32 = Float32Array.from(p);
    const p16 = p.map((v) => Math.round(v * 65535));
    const p8 = p.map((v) => Math.round(v * 255));
    const mask = png8(
      y.map((v) => v * 255),
      w,
      h,
    );
    const dropped: Record<string, Uint8Array> = {
      'case1_prob.npy': writeNpy({ shape: [h, w], dtype: '<f4', data: pF32 }),
      'case1_mask.png': mask,
      'case2_prob.png': writePng({ width: w, height: h, depth: 16, data: p16 }),
      'case2_mask.png': mask,
      'case3_prob.png': writePng({ width: w, height: h, data: p8 }),
      'case3_mask.png': mask,
      'logits_prob.npy': writeNpy({ shape: [h, w], dtype: '<f4', data: p.map((v) => v * 8 - 4) }),
      'logits_mask.png': mask,
    };
    // Dropped anywhere on the page (a synthetic drag-and-drop with real File objects).
    await page.evaluate(
      (files) => {
        const dt = new DataTransfer();
        for (const [name, bytes] of Object.entries(files)) dt.items.add(new File([Uint8Array.from(bytes)], name));
        const target = document.querySelector('[data-testid="concept-explorer"]') as HTMLElement;
        target.dispatchEvent(new DragEvent('dragenter', { bubbles: true, dataTransfer: dt }));
        target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
      },
      Object.fromEntries(Object.entries(dropped).map(([k, v]) => [k, Array.from(v)])),
    );
    await page.getByTestId('analysis-section').waitFor({ timeout: 60_000 });
    const problems = (await page.getByTestId('import-problems').allTextContents()).join('\n');
    expect(problems).toMatch(/logits_prob\.npy.*sigmoid/);

    const yF = Float32Array.from(y);
    const cases: [string, Float32Array][] = [
      ['case1', pF32],
      ['case2', Float32Array.from(p16, (v) => v / 65535)],
      ['case3', Float32Array.from(p8, (v) => v / 255)],
    ];
    const numberIn = (text: string): number => Number(/-?\d+(\.\d+)?(e[-+]?\d+)?/i.exec(text.replace(/,/g, ''))?.[0]);
    for (const t of [0.5, 0.3]) {
      await page.getByTestId('slider-t').fill(String(Math.round(t * 1000)));
      for (const [name, probs] of cases) {
        const index = await page
          .getByTestId('analysis-item')
          .locator('option', { hasText: name })
          .getAttribute('value');
        await page.getByTestId('analysis-item').selectOption(index ?? '');
        const d = decompose(probs, yF, { t });
        // Test metrics binarise at p > 0.5 whatever t is; the hard counts follow t (Eq. 1–2).
        const m = metrics(probs, yF, 0.5);
        const section = page.getByTestId('analysis-section');
        await section
          .getByTestId('analysis-metrics')
          .filter({ hasText: `FPhard ${d.fpHard}, FNhard ${d.fnHard}` })
          .waitFor();
        expect(await section.getByTestId('metric-dice').textContent()).toBe(m.dice.toFixed(4));
        // Where each loss pushes on this item (n = 1), equal to src/core's shares.
        const shares = allGradientShares(probs, yF, 1, t, { tHard: 0.9, eps: 'reference', a: 0.5 });
        const gradient = section.getByTestId('analysis-gradient');
        for (const loss of ['bce', 'balance', 'dice'] as const) {
          for (const group of ['fgMain', 'fgBias', 'bgMain', 'bgBias'] as const) {
            expect(await gradient.getByTestId(`grad-share-${loss}-${group}`).textContent()).toBe(
              `${(100 * shares[loss][group]).toFixed(1)}%`,
            );
          }
        }
        expect(numberIn((await section.getByTestId('analysis-sorted-fp-crossing').textContent()) ?? '')).toBe(d.fpHard);
        const main = numberIn((await section.getByTestId('analysis-sorted-fp-main').textContent()) ?? '');
        const bias = numberIn((await section.getByTestId('analysis-sorted-fp-bias').textContent()) ?? '');
        expect(Math.abs(main - d.fpMain)).toBeLessThanOrEqual(Math.abs(d.fpMain) * 1e-3 + 1e-9);
        expect(Math.abs(bias - d.fpBias)).toBeLessThanOrEqual(Math.abs(d.fpBias) * 1e-3 + 1e-9);
        const fnMain = numberIn((await section.getByTestId('analysis-sorted-fn-main').textContent()) ?? '');
        expect(Math.abs(fnMain - d.fnMain)).toBeLessThanOrEqual(Math.abs(d.fnMain) * 1e-3 + 1e-9);
      }
    }
    // The arrays in the app are the arrays written, bit for bit.
    // The per-pixel gradient map follows the chosen loss.
    await page.getByTestId('analysis-gradient-map-loss').selectOption('bce');
    await page.getByTestId('analysis-gradient-map-canvas').waitFor();
    const same = await userData<boolean>(
      page,
      `(() => { const it = s.analysis.find((a) => a.name === 'case1'); const ref = ${JSON.stringify(Array.from(pF32))}; return it.width === ${w} && it.height === ${h} && it.p.every((v, i) => v === Math.fround(ref[i])); })()`,
    );
    expect(same).toBe(true);
    await screenshotPainted(page, 'test-results/analysis.png', true);
    expect(errors).toEqual([]);
    expect(foreignRequests(requests, suite.origin)).toEqual([]);
    expect(uploads).toEqual([]);
  });
});
