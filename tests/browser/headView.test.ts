/**
 * Fig. 2's head view (issue 23, item 2; docs/design.md §1.1a): at 1:200 on a 1920 × 1080
 * projector the concept explorer opens on the two-segment rank axis, where the FP-main area is
 * plainly wide on the page and the legend names the mode and what is to scale; linear and log
 * stay one switch away (and in the URL); a t move moves clip rectangles, not the area path.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, textOf } from './harness';
import { browserSuite } from './suite';

const suite = browserSuite();
const OUT = 'test-results/headView';
mkdirSync(OUT, { recursive: true });

/** Tiny training shapes: nothing here trains, but the engine still starts. */
const SMALL = 'px=32&lv=2&w=4&bs=2&ntr=8&nva=4&be=wasm';
const FIG2 = '[data-testid="concept-sorted"]';
const MAIN_AREA = `${FIG2} path[data-terms="fpMain fpMainW"]`;

interface MainArea {
  /** Width in page px of the FP-main fill as drawn: its path's box cut by its clip rectangle. */
  drawn: number;
  left: number;
  /** Page y a few px above the rank axis, inside the area. */
  rowY: number;
  fill: string;
  opacity: number;
}

/**
 * The FP-main area is the frame's one area path clipped to ranks 1…FP_hard, so the path's own
 * bounding box spans the whole curve: what is drawn is that box intersected with the clip's.
 */
function mainArea(page: Page): Promise<MainArea> {
  return page.evaluate((sel) => {
    const path = document.querySelector<SVGPathElement>(sel);
    if (!path) throw new Error('no FP-main area');
    const id = /#([^)]+)/.exec(path.getAttribute('clip-path') ?? '')?.[1] ?? '';
    const rect = document.getElementById(id)?.querySelector('rect');
    const ctm = path.getScreenCTM();
    if (!rect || !ctm) throw new Error('FP-main area has no clip rectangle');
    const [clip, own] = [rect.getBBox(), path.getBBox()];
    const x0 = Math.max(clip.x, own.x);
    const x1 = Math.min(clip.x + clip.width, own.x + own.width);
    return {
      drawn: Math.max(0, x1 - x0) * ctm.a,
      left: ctm.e + x0 * ctm.a,
      rowY: ctm.f + (own.y + own.height) * ctm.d - 4,
      fill: getComputedStyle(path).fill,
      opacity: Number(path.getAttribute('fill-opacity') ?? 1),
    };
  }, MAIN_AREA);
}

/** Pixel columns of one screen row, from the area's left edge, painted in the FP-main colour. */
async function paintedColumns(page: Page, a: MainArea): Promise<number> {
  const width = Math.ceil(a.drawn) + 40;
  const png = await page.screenshot({ clip: { x: Math.floor(a.left), y: Math.round(a.rowY), width, height: 1 } });
  return page.evaluate(
    async ({ b64, fill, opacity }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      [canvas.width, canvas.height] = [img.width, img.height];
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2d context');
      ctx.drawImage(img, 0, 0);
      const px = ctx.getImageData(0, 0, img.width, 1).data;
      // The fill at its opacity over the white panel.
      const rgb = (fill.match(/\d+/g) ?? []).slice(0, 3).map((c) => opacity * Number(c) + (1 - opacity) * 255);
      let count = 0;
      for (let i = 0; i < img.width; i++) if (rgb.every((c, k) => Math.abs(px[4 * i + k] - c) <= 14)) count++;
      return count;
    },
    { b64: png.toString('base64'), fill: a.fill, opacity: a.opacity },
  );
}

async function settled(page: Page): Promise<void> {
  await page.locator(MAIN_AREA).waitFor({ timeout: 120_000 });
  await page.evaluate(async () => {
    await document.fonts.ready;
    for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(() => r(null)));
  });
}

describe('Fig. 2 head view', () => {
  it('at 1:200 while presenting at 1920 × 1080, FP-main is ≥ 24 px wide and the legend names the mode', async () => {
    const { page, errors } = await openPage(suite.browser, `${suite.origin}/?present=1&cr=200&${SMALL}`, {
      width: 1920,
      height: 1080,
    });
    await settled(page);
    expect(await page.getByTestId('concept-sorted-xscale').inputValue()).toBe('head');
    const note = await textOf(page, 'concept-sorted-scale-note');
    expect(note).toBe(
      'two-segment rank axis: areas to scale within each segment; the head (ranks 1–400) is widened ×149',
    );
    expect(await page.locator(`${FIG2} .axis-break`).count()).toBe(1);
    expect(await textOf(page, 'concept-sorted-crossing')).toBe('20');
    const head = await mainArea(page);
    expect(head.drawn).toBeGreaterThanOrEqual(24);
    // On the page, not only in the geometry: a row just above the axis shows that many FP-main columns.
    const painted = await paintedColumns(page, head);
    expect(painted).toBeGreaterThanOrEqual(24);
    expect(painted).toBeLessThanOrEqual(Math.ceil(head.drawn) + 1);
    await page.screenshot({ path: `${OUT}/present-1920x1080-head.png` });

    // Linear draws every area as the sum it labels: FP-main is then under a pixel (the issue).
    await page.getByTestId('concept-sorted-xscale').selectOption('linear');
    await expect.poll(() => textOf(page, 'concept-sorted-scale-note')).toContain('each area is the sum it labels');
    expect(await textOf(page, 'concept-sorted-scale-note')).toContain('linear rank axis');
    const linear = await mainArea(page);
    expect(linear.drawn).toBeLessThan(1);
    await expect.poll(() => page.url()).toContain('cra=linear');
    await page.getByTestId('concept-sorted-xscale').selectOption('log');
    await expect.poll(() => textOf(page, 'concept-sorted-scale-note')).toBe('log rank axis: areas are not to scale');
    const log = await mainArea(page);
    writeFileSync(
      `${OUT}/fp-main-widths.json`,
      JSON.stringify({ head: head.drawn, headPainted: painted, linear: linear.drawn, log: log.drawn }, null, 2),
    );
    expect(errors).toEqual([]);
  });

  it('a t move moves clip rectangles and keeps the area path', async () => {
    const { page, errors } = await openPage(suite.browser, `${suite.origin}/?cr=200&${SMALL}`, {
      width: 1440,
      height: 900,
    });
    await settled(page);
    const before = await page.evaluate((sel) => {
      const path = document.querySelector(sel);
      (window as unknown as { mainPath?: Element | null }).mainPath = path;
      return path?.getAttribute('d') ?? '';
    }, MAIN_AREA);
    const wide = await mainArea(page);
    // `]` nudges t up by 0.02 (src/ui/shortcuts.ts): 0.5 → 0.6, fewer pixels past t.
    for (let i = 0; i < 5; i++) await page.keyboard.press(']');
    await expect.poll(() => textOf(page, 'concept-sorted-crossing')).not.toBe('20');
    const same = await page.evaluate((sel) => {
      const path = document.querySelector(sel);
      return path === (window as unknown as { mainPath?: Element | null }).mainPath
        ? (path?.getAttribute('d') ?? '')
        : null;
    }, MAIN_AREA);
    expect(same).toBe(before);
    expect((await mainArea(page)).drawn).toBeLessThan(wide.drawn);
    expect(errors).toEqual([]);
  });

  it('validates cra like every parameter, and draws on a phone', async () => {
    const { page } = await openPage(suite.browser, `${suite.origin}/?cra=sideways&cr=200&${SMALL}`, {
      width: 390,
      height: 844,
    });
    await settled(page);
    await expect
      .poll(() => textOf(page, 'notices'))
      .toContain('Explorer rank axis: “sideways” is not one of head, linear, log');
    expect(await page.getByTestId('concept-sorted-xscale').inputValue()).toBe('head');
    expect(page.url()).not.toContain('cra=');
    await page.locator(FIG2).scrollIntoViewIfNeeded();
    const phone = await mainArea(page);
    // A 390 px phone has 0.4 px per head rank: FP-main is thin but there (0.1 px on the linear axis).
    expect(phone.drawn).toBeGreaterThan(5);
    await page.screenshot({ path: `${OUT}/phone-390x844-head.png` });
  });
});
