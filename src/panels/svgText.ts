import type { Selection } from 'd3';

/** Muted ink for secondary labels, shared by the SVG panels. */
export const MUTED = '#59636e';

export type TextSelection = Selection<SVGTextElement, unknown, null, undefined>;
/** A run of text with sub/superscripts ("FP" + sub "main"), drawn as tspans. */
export type TextPart = string | { text: string; sub?: boolean; sup?: boolean; muted?: boolean; bold?: boolean; fill?: string; testId?: string };

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
export function drawGridLines(g: GSelection, ticks: number[], y: (v: number) => number, width: number, color: string): void {
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
