/** SVG text for the panels: measured widths, rich text with sub/superscripts, and wrapping. */
import type * as d3 from 'd3';
import { setTextIfChanged } from './setIfChanged';
import { MUTED, PANEL_FONT } from './theme';

/**
 * Text width from canvas metrics, cached. Asking the SVG (getComputedTextLength) forces a
 * synchronous layout of the whole page per label, which dominated the redraw when t moves.
 */
const widthCache = new Map<string, number>();
let measureCtx: CanvasRenderingContext2D | null | undefined;
export function textWidth(text: string, size: number, bold: boolean | number = false): number {
  const weight = bold === true ? 600 : bold === false ? 400 : bold;
  const key = `${size}|${weight}|${text}`;
  const hit = widthCache.get(key);
  if (hit !== undefined) return hit;
  if (measureCtx === undefined)
    measureCtx =
      typeof document === 'undefined'
        ? null
        : document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  let w = 0.56 * size * text.length;
  if (measureCtx) {
    measureCtx.font = `${weight} ${size}px ${PANEL_FONT}`;
    w = measureCtx.measureText(text).width;
  }
  if (widthCache.size > 2000) widthCache.clear();
  widthCache.set(key, w);
  return w;
}

export type TextSelection = d3.Selection<SVGTextElement, unknown, null, undefined>;
/** A run of text with sub/superscripts ("FP" + sub "main"), drawn as tspans. */
export type TextPart =
  | string
  | { text: string; sub?: boolean; sup?: boolean; muted?: boolean; bold?: boolean; fill?: string; testId?: string };

export function richText(text: TextSelection, parts: TextPart[]): TextSelection {
  let shift = 0;
  for (const raw of parts) {
    const part = typeof raw === 'string' ? { text: raw } : raw;
    const target = part.sub ? 4 : part.sup ? -6 : 0;
    const span = text.append('tspan').text(part.text);
    if (target !== shift) span.attr('dy', target - shift);
    shift = target;
    if (part.sub || part.sup) span.attr('font-size', '0.76em');
    if (part.muted) span.attr('fill', MUTED);
    if (part.fill) span.attr('fill', part.fill);
    if (part.bold) span.attr('font-weight', 600);
    if (part.testId) span.attr('data-testid', part.testId);
  }
  return text;
}

/** A part without its text: what decides its tspan's attributes (richText). */
export const styleOf = (part: TextPart): string =>
  typeof part === 'string' ? '' : JSON.stringify({ ...part, text: '' });

/** Whether two runs make the same tspans with the same attributes (only their texts may differ). */
export const sameShape = (a: TextPart[], b: TextPart[]): boolean =>
  a.length === b.length && a.every((part, i) => styleOf(part) === styleOf(b[i]));

const textOf = (part: TextPart): string => (typeof part === 'string' ? part : part.text);

/**
 * Rewrites the texts of `el`'s tspans (made by richText from parts of the same shape) that
 * differ: the same elements richText would make, without rebuilding them.
 */
export function updateRichText(el: Element, parts: TextPart[]): void {
  parts.forEach((part, i) => setTextIfChanged(el.children[i], textOf(part)));
}

/** What each text element was last given: an in-place redraw rebuilds its tspans only when their shape changes. */
const partsOf = new WeakMap<SVGTextElement, TextPart[]>();

/**
 * richText for a text element that is kept between redraws (d3 selections updated in place,
 * issue 19): parts of the same shape as last time only rewrite the texts that changed.
 */
export function setRichText(text: TextSelection, parts: TextPart[]): TextSelection {
  const el = text.node();
  if (!el) return text;
  const last = partsOf.get(el);
  partsOf.set(el, parts);
  if (last && sameShape(last, parts) && el.children.length === parts.length) {
    updateRichText(el, parts);
    return text;
  }
  text.selectAll('*').remove();
  return richText(text, parts);
}

/** Width of a run of parts at `size` px (sub/superscripts at 0.76 of it). */
export function measureParts(parts: TextPart[], size = 13, bold = false): number {
  let w = 0;
  for (const raw of parts) {
    const part = typeof raw === 'string' ? { text: raw } : raw;
    w += textWidth(part.text, part.sub || part.sup ? size * 0.76 : size, bold || !!part.bold);
  }
  return w;
}

/**
 * Breaks a run of parts into lines no wider than `width` at spaces (a phone's panel is narrower
 * than the longest legend note). Each word keeps its part's style; sub/superscripts stay glued
 * to the word before them because they start without a space.
 */
export function wrapParts(parts: TextPart[], width: number): TextPart[][] {
  if (measureParts(parts) <= width) return [parts];
  const lines: TextPart[][] = [[]];
  for (const raw of parts) {
    const part = typeof raw === 'string' ? { text: raw } : raw;
    for (const word of part.text.split(/(?<= )/)) {
      const piece: TextPart = { ...part, text: word };
      const line = lines[lines.length - 1];
      if (line.length > 0 && !part.sub && !part.sup && measureParts([...line, piece]) > width) lines.push([piece]);
      else line.push(piece);
    }
  }
  return lines;
}
