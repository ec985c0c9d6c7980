import type { Selection } from 'd3';

/** Muted ink for secondary labels, shared by the SVG panels. */
export const MUTED = '#59636e';
/** The panels' SVG font stack (the page's own). */
export const PANEL_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

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

export type TextSelection = Selection<SVGTextElement, unknown, null, undefined>;
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

type GSelection = Selection<SVGGElement, unknown, null, undefined>;

/** Horizontal grid lines at the given y ticks across a plot of inner width `width`. */
export function drawGridLines(
  g: GSelection,
  ticks: number[],
  y: (v: number) => number,
  width: number,
  color: string,
): void {
  g.append('g')
    .selectAll('line')
    .data(ticks)
    .join('line')
    .attr('x1', 0)
    .attr('x2', width)
    .attr('y1', (d) => y(d))
    .attr('y2', (d) => y(d))
    .attr('stroke', color)
    .attr('stroke-width', 1);
}
