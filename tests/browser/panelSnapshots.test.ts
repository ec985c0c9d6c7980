/**
 * Visual regression for every panel: the gallery page (tests/gallery/) draws each panel from fixed
 * data at a fixed width; for each, the snapshot holds its text, its d3 charts as normalised SVG
 * (one element per line, numbers to 2 decimals, generated ids renumbered) and a hash of each
 * canvas, plus a hash of the whole panel as the app's SVG export writes it. A change to any panel's
 * drawing shows up in review as a diff of these files (tests/browser/__snapshots__/panels/).
 * After an intended change: `npx vitest run --project browser tests/browser/panelSnapshots.test.ts -u`
 * (a plain run never writes a baseline: a missing one fails, vitest.config.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { uncoveredCharacters, type TextRun } from './fontCoverage';
import { openPage } from './harness';
import { browserSuite } from './suite';
import { SLOTS } from '../gallery/slots';

const suite = browserSuite();
const OUT = 'test-results/gallery';
mkdirSync(OUT, { recursive: true });

/** FNV-1a, 32 bit: enough to notice any change, short enough to read. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** Generated ids (React's useId, clip paths) renumbered in order of appearance. */
function renumberIds(svg: string): string {
  const ids = new Map<string, string>();
  for (const m of svg.matchAll(/\bid="([^"]+)"/g)) if (!ids.has(m[1])) ids.set(m[1], `id${ids.size}`);
  let out = svg;
  // References: url(#id) in attributes, url("#id") (written &quot;) in the inlined styles.
  for (const [from, to] of ids)
    out = out
      .split(`"${from}"`)
      .join(`"${to}"`)
      .split(`#${from})`)
      .join(`#${to})`)
      .split(`#${from}&quot;`)
      .join(`#${to}&quot;`);
  return out;
}

const round2 = (svg: string): string =>
  svg.replace(/-?\d+\.\d+(e-?\d+)?/g, (v) => String(Math.round(Number(v) * 100) / 100));

const oneTagPerLine = (svg: string): string => svg.replace(/></g, '>\n<');

interface SlotContent {
  text: string;
  charts: string[];
  canvases: { width: number; height: number; data: string }[];
}

async function slotContent(page: Page, name: string): Promise<SlotContent> {
  return page.evaluate((slot) => {
    const root = document.querySelector(`[data-gallery="${slot}"]`);
    if (!root) throw new Error(`no slot ${slot}`);
    const charts = Array.from(root.querySelectorAll('svg'))
      .filter((s) => s.closest('.katex') === null && (s.parentElement?.closest('svg') ?? null) === null)
      .map((s) => s.outerHTML);
    const canvases = Array.from(root.querySelectorAll('canvas')).map((c) => ({
      width: c.width,
      height: c.height,
      data: c.toDataURL('image/png'),
    }));
    const text = (root.textContent ?? '').replace(/\s+/g, ' ').trim();
    return { text, charts, canvases };
  }, name);
}

function snapshotText(name: string, c: SlotContent, exported: string): string {
  const lines = [`# panel ${name}`, '', '## text', c.text, ''];
  c.canvases.forEach((cv, i) => lines.push(`## canvas ${i}: ${cv.width}×${cv.height}, png ${hash(cv.data)}`));
  lines.push(`## exported svg: ${exported.length} chars, hash ${hash(exported)}`, '');
  c.charts.forEach((svg, i) => lines.push(`## chart ${i}`, oneTagPerLine(round2(renumberIds(svg))), ''));
  return lines.join('\n');
}

/**
 * Every run of text the gallery's panels draw, KaTeX's included, with the computed font of its
 * element. Not drawn: tooltips (<title>), screen-reader text, KaTeX's MathML copy, the content of
 * a closed <details>.
 */
function textRuns(page: Page): Promise<TextRun[]> {
  return page.evaluate(() => {
    const runs: TextRun[] = [];
    for (const slot of Array.from(document.querySelectorAll<HTMLElement>('[data-gallery]'))) {
      const walker = document.createTreeWalker(slot, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (!el || !node.textContent?.trim() || el.closest('.katex-mathml, .sr-only, title, style')) continue;
        const details = el.closest('details');
        if (details && !details.open && !el.closest('summary')) continue;
        const cs = getComputedStyle(el);
        const where = `${slot.dataset.gallery} <${el.tagName.toLowerCase()}> "${node.textContent.trim().slice(0, 40)}"`;
        const { fontFamily, fontWeight, fontStyle } = cs;
        runs.push({ text: node.textContent, fontFamily, fontWeight, fontStyle, where });
      }
    }
    return runs;
  });
}

describe('panel snapshots', () => {
  it('every panel draws the same SVG from the same data, every character in the app’s own faces', async () => {
    const { page, errors } = await openPage(suite.browser, `${suite.origin}/tests/gallery/index.html`, {
      width: 1280,
      height: 900,
    });
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-gallery] section.panel').length >= n,
      SLOTS.length,
      { timeout: 120_000 },
    );
    // Fonts, KaTeX and the ResizeObserver-driven redraws settle before anything is read.
    await page.evaluate(async () => {
      await document.fonts.ready;
      for (let i = 0; i < 5; i++) await new Promise((r) => requestAnimationFrame(() => r(null)));
    });
    await page.waitForTimeout(500);
    for (const name of SLOTS) {
      const content = await slotContent(page, name);
      expect(content.charts.length + content.canvases.length + content.text.length, name).toBeGreaterThan(0);
      const exported = renumberIds(
        await page.evaluate(
          (slot) => (window as unknown as { galleryExport(s: string): Promise<string> }).galleryExport(slot),
          name,
        ),
      );
      writeFileSync(`${OUT}/${name}.svg`, exported);
      await expect(snapshotText(name, content, exported)).toMatchFileSnapshot(`./__snapshots__/panels/${name}.txt`);
    }
    // The same on every machine: each character is drawn by a face the app ships (src/ui/fonts.css),
    // never by a system font it would fall back to (issue 18: fonts-lyx changed shares-map's export).
    const runs = await textRuns(page);
    expect(runs.length).toBeGreaterThan(SLOTS.length);
    expect(uncoveredCharacters(runs)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
