/**
 * One panel as one standalone SVG: its frame and title, its d3 charts as native SVG (computed
 * styles inlined), its canvases as embedded PNG images, and its HTML-only parts (readouts, text,
 * KaTeX equations) in foreignObjects with inlined styles. Everything is placed where the page
 * shows it, in CSS pixels of the panel's box; the toolbar buttons are left out.
 */
import { embeddedFontCss } from './fonts';
import { fontFamilies, styledClone, SVG_NS, textDeclarations, type CloneContext } from './inlineStyles';

const XLINK_NS = 'http://www.w3.org/1999/xlink';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

export interface PanelSvg {
  svg: SVGSVGElement;
  /** The panel's CSS box size (offsetWidth/offsetHeight). */
  width: number;
  height: number;
  title: string;
}

const TRANSPARENT = 'rgba(0, 0, 0, 0)';

/** A chart: an <svg> laid out by HTML, not one of KaTeX's glyph drawings. */
function isChart(el: Element): boolean {
  return (
    el.namespaceURI === SVG_NS &&
    el.localName === 'svg' &&
    el.closest('.katex') === null &&
    (el.parentElement?.closest('svg') ?? null) === null
  );
}

/** Whether `el` holds something HTML cannot carry into an image (a canvas) or a chart to keep native. */
function mustSplit(el: Element): boolean {
  return Array.from(el.querySelectorAll('canvas, svg')).some((e) => e.localName === 'canvas' || isChart(e));
}

function svgEl<K extends keyof SVGElementTagNameMap>(
  name: K,
  attrs: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/** The first opaque background from `el` up, else white. */
function backgroundOf(el: Element | null): string {
  for (let e = el; e; e = e.parentElement) {
    const bg = getComputedStyle(e).backgroundColor;
    if (bg && bg !== TRANSPARENT && bg !== 'transparent') return bg;
  }
  return '#ffffff';
}

const px = (v: string): number => Number.parseFloat(v) || 0;
const round = (v: number): number => Math.round(v * 100) / 100;

class Composer {
  readonly ctx: CloneContext = { families: new Set() };

  constructor(
    private readonly out: SVGGElement,
    private readonly origin: DOMRect,
  ) {}

  private box(r: DOMRect): { x: number; y: number; width: number; height: number } {
    return {
      x: round(r.left - this.origin.left),
      y: round(r.top - this.origin.top),
      width: round(r.width),
      height: round(r.height),
    };
  }

  walk(el: Element): void {
    const cs = getComputedStyle(el);
    if (cs.display === 'none') return;
    if (el.localName === 'canvas') this.canvas(el as HTMLCanvasElement, cs);
    else if (isChart(el)) this.chart(el);
    else if (mustSplit(el)) {
      this.decorations(el, cs);
      for (const child of Array.from(el.childNodes)) {
        if (child.nodeType === Node.ELEMENT_NODE) this.walk(child as Element);
        else if (child.nodeType === Node.TEXT_NODE && (child.textContent ?? '').trim() !== '')
          this.text(child as Text, cs);
      }
    } else this.html(el, cs);
  }

  private canvas(canvas: HTMLCanvasElement, cs: CSSStyleDeclaration): void {
    const b = this.box(canvas.getBoundingClientRect());
    if (b.width <= 0 || b.height <= 0 || canvas.width === 0 || canvas.height === 0) return;
    const href = canvas.toDataURL('image/png');
    const image = svgEl('image', { ...b, preserveAspectRatio: 'none', href });
    image.setAttributeNS(XLINK_NS, 'xlink:href', href);
    if (cs.imageRendering === 'pixelated' || cs.imageRendering === 'crisp-edges') {
      image.setAttribute('image-rendering', 'optimizeSpeed');
      image.setAttribute('style', `image-rendering:${cs.imageRendering}`);
    }
    this.out.appendChild(image);
  }

  private chart(el: Element): void {
    const b = this.box(el.getBoundingClientRect());
    if (b.width <= 0 || b.height <= 0) return;
    const clone = styledClone(el, this.ctx, true);
    if (!clone) return;
    for (const [k, v] of Object.entries(b)) clone.setAttribute(k, String(v));
    this.out.appendChild(clone);
  }

  /** Backgrounds, borders and outlines of a container whose content is drawn piece by piece. */
  private decorations(el: Element, cs: CSSStyleDeclaration): void {
    const b = this.box(el.getBoundingClientRect());
    if (b.width <= 0 || b.height <= 0) return;
    if (cs.backgroundColor !== TRANSPARENT)
      this.out.appendChild(svgEl('rect', { ...b, rx: px(cs.borderTopLeftRadius), fill: cs.backgroundColor }));
    const sides = [
      ['top', b.x, b.y, b.x + b.width, b.y, 1],
      ['right', b.x + b.width, b.y, b.x + b.width, b.y + b.height, -1],
      ['bottom', b.x, b.y + b.height, b.x + b.width, b.y + b.height, -1],
      ['left', b.x, b.y, b.x, b.y + b.height, 1],
    ] as const;
    for (const [side, x1, y1, x2, y2, inward] of sides) {
      const w = px(cs.getPropertyValue(`border-${side}-width`));
      if (w <= 0 || cs.getPropertyValue(`border-${side}-style`) === 'none') continue;
      const shift = (inward * w) / 2;
      const horizontal = side === 'top' || side === 'bottom';
      this.out.appendChild(
        svgEl('line', {
          x1: horizontal ? x1 : x1 + shift,
          x2: horizontal ? x2 : x2 + shift,
          y1: horizontal ? y1 + shift : y1,
          y2: horizontal ? y2 + shift : y2,
          stroke: cs.getPropertyValue(`border-${side}-color`),
          'stroke-width': w,
        }),
      );
    }
    const ow = px(cs.outlineWidth);
    if (ow > 0 && cs.outlineStyle !== 'none') {
      const grow = px(cs.outlineOffset) + ow / 2;
      this.out.appendChild(
        svgEl('rect', {
          x: b.x - grow,
          y: b.y - grow,
          width: b.width + 2 * grow,
          height: b.height + 2 * grow,
          fill: 'none',
          stroke: cs.outlineColor,
          'stroke-width': ow,
        }),
      );
    }
  }

  private foreign(b: { x: number; y: number; width: number; height: number }, content: Element): void {
    const fo = svgEl('foreignObject', { ...b, style: 'overflow:visible' });
    fo.appendChild(content);
    this.out.appendChild(fo);
  }

  /** HTML without canvases or charts: one foreignObject at its box, laid out as in the page. */
  private html(el: Element, cs: CSSStyleDeclaration): void {
    const b = this.box(el.getBoundingClientRect());
    if (b.width <= 0 || b.height <= 0) return;
    const display =
      cs.display === 'inline' || cs.display === 'inline-block' ? 'block' : cs.display.replace(/^inline-/, '');
    const root = [
      `display:${display}`,
      'position:relative',
      'inset:auto',
      'margin:0',
      'float:none',
      'transform:none',
      'box-sizing:border-box',
      `width:${b.width}px`,
      `height:${b.height}px`,
    ];
    const clone = styledClone(el, this.ctx, false, root);
    if (clone) this.foreign(b, clone);
  }

  /** Loose text beside charts or canvases, in its parent's font. */
  private text(node: Text, parent: CSSStyleDeclaration): void {
    const range = document.createRange();
    range.selectNodeContents(node);
    const b = this.box(range.getBoundingClientRect());
    if (b.width <= 0 || b.height <= 0) return;
    const span = document.createElement('span');
    span.textContent = node.textContent;
    span.setAttribute(
      'style',
      [
        ...textDeclarations(parent),
        'display:block',
        'white-space:pre',
        `width:${b.width}px`,
        `height:${b.height}px`,
      ].join(';'),
    );
    for (const f of fontFamilies(parent)) this.ctx.families.add(f);
    this.foreign(b, span);
  }
}

/**
 * Waits (at most `timeoutMs`) until no part of the panel is still loading: parts drawn by lazily
 * loaded code (the equations' KaTeX) mark themselves `data-loading` until then.
 */
async function loaded(panel: HTMLElement, timeoutMs = 10_000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (panel.querySelector('[data-loading]') && performance.now() < end)
    await new Promise((resolve) => setTimeout(resolve, 50));
}

/** Composes `panel` (a section.panel) into a standalone SVG element (not attached to the page). */
export async function composePanelSvg(panel: HTMLElement): Promise<PanelSvg> {
  await loaded(panel);
  const width = panel.offsetWidth;
  const height = panel.offsetHeight;
  const origin = panel.getBoundingClientRect();
  const cs = getComputedStyle(panel);
  const svg = svgEl('svg', { width, height, viewBox: `0 0 ${width} ${height}` });
  svg.setAttributeNS(XMLNS_NS, 'xmlns:xlink', XLINK_NS);
  const head = panel.querySelector(':scope > header');
  const h2 = head?.querySelector('h2') ?? null;
  const title = h2?.textContent?.trim() ?? '';
  const titleEl = svgEl('title', {});
  titleEl.textContent = title;
  svg.appendChild(titleEl);

  // The panel's frame, on its own background (or the page's when the panel has none).
  const bw = px(cs.borderTopWidth);
  const frame = svgEl('rect', {
    x: bw / 2,
    y: bw / 2,
    width: width - bw,
    height: height - bw,
    rx: px(cs.borderTopLeftRadius),
    fill: backgroundOf(panel),
  });
  if (bw > 0 && cs.borderTopStyle !== 'none') {
    frame.setAttribute('stroke', cs.borderTopColor);
    frame.setAttribute('stroke-width', String(bw));
  }
  svg.appendChild(frame);

  if (h2) {
    const hs = getComputedStyle(h2);
    const r = h2.getBoundingClientRect();
    const text = svgEl('text', {
      x: round(r.left - origin.left),
      y: round(r.top - origin.top + r.height / 2),
      'dominant-baseline': 'central',
      'font-family': hs.fontFamily,
      'font-size': hs.fontSize,
      'font-weight': hs.fontWeight,
      fill: hs.color,
    });
    text.textContent = title;
    svg.appendChild(text);
  }

  const body = svgEl('g', {});
  const composer = new Composer(body, origin);
  for (const child of Array.from(panel.children)) if (child !== head) composer.walk(child);
  svg.appendChild(body);

  const fonts = await embeddedFontCss(composer.ctx.families);
  if (fonts) {
    const defs = svgEl('defs', {});
    const style = svgEl('style', {});
    style.textContent = fonts;
    defs.appendChild(style);
    svg.insertBefore(defs, svg.firstChild);
  }
  return { svg, width, height, title };
}

export function serializeSvg(svg: SVGSVGElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}`;
}
