/**
 * One legend for the chart panels: items of rich text with an optional swatch (a square, or a
 * dashed line), laid out left to right and wrapped to the panel's width, with hover that names a
 * term of Eq. 9–12 so that the other panels can highlight it.
 */
import type * as d3 from 'd3';
import { setAttrs } from './setIfChanged';
import { measureParts, richText, styleOf, updateRichText, wrapParts, type TextPart } from './text';
import { INK } from './theme';
import type { TermId } from '../types';

type Part = TextPart;
type G = d3.Selection<SVGGElement, unknown, null, undefined>;

export interface LegendItem {
  parts: Part[];
  /** A square, a dashed line, or a line drawn like the series it names (`line`: its width and dash). */
  swatch?: { color: string; dashed?: boolean; opacity?: number; line?: { width: number; dash?: string } };
  terms?: TermId[];
  hoverTerm?: TermId;
  testId?: string;
  color?: string;
}

export const LEGEND_ROW = 22;

/** Left-to-right legend that wraps to the width: item positions, lines, and the total height (no DOM). */
export function layoutLegend(
  items: LegendItem[],
  width: number,
): { pos: [number, number][]; lines: Part[][][]; height: number } {
  let x = 0;
  let row = 0;
  const pos: [number, number][] = [];
  const lines: Part[][][] = [];
  for (const item of items) {
    const indent = item.swatch ? (item.swatch.dashed || item.swatch.line ? 24 : 20) : 0;
    const w = indent + measureParts(item.parts);
    if (x > 0 && x + w > width) {
      row++;
      x = 0;
    }
    pos.push([x, row * LEGEND_ROW + 11]);
    const wrapped = x === 0 ? wrapParts(item.parts, Math.max(60, width - indent)) : [item.parts];
    lines.push(wrapped);
    row += wrapped.length - 1;
    x = wrapped.length > 1 ? width : x + w + 22;
  }
  return { pos, lines, height: items.length ? (row + 1) * LEGEND_ROW : 0 };
}

export function renderLegend(
  g: G,
  items: LegendItem[],
  pos: [number, number][],
  lines: Part[][][],
  hover: (term: TermId | null) => void,
): void {
  items.forEach((item, i) => {
    const it = g.append('g').attr('transform', `translate(${pos[i][0]},${pos[i][1]})`);
    let tx = 0;
    const sw = item.swatch;
    if (sw?.line) {
      it.append('line')
        .attr('x1', 0)
        .attr('x2', 18)
        .attr('stroke', sw.color)
        .attr('stroke-width', sw.line.width)
        .attr('stroke-opacity', sw.opacity ?? 1)
        .attr('stroke-dasharray', sw.line.dash ?? null);
      tx = 24;
    } else if (sw?.dashed) {
      it.append('line')
        .attr('x1', 0)
        .attr('x2', 18)
        .attr('stroke', sw.color)
        .attr('stroke-width', 2.5)
        .attr('stroke-dasharray', '5 3');
      tx = 24;
    } else if (sw) {
      it.append('rect')
        .attr('y', -7)
        .attr('width', 14)
        .attr('height', 14)
        .attr('rx', 2)
        .attr('fill', sw.color)
        .attr('fill-opacity', sw.opacity ?? 1);
      tx = 20;
    }
    const text = it
      .append('text')
      .attr('x', tx)
      .attr('dy', '0.35em')
      .attr('fill', item.color ?? INK);
    // A wrapped item: one tspan line after another (richText shifts dy for sub/superscripts, so
    // every line after the first is its own <text> under the same group).
    richText(text, lines[i][0]);
    lines[i].slice(1).forEach((line, k) =>
      richText(
        it
          .append('text')
          .attr('x', tx)
          .attr('y', (k + 1) * LEGEND_ROW)
          .attr('dy', '0.35em')
          .attr('fill', item.color ?? INK),
        line,
      ),
    );
    if (item.testId) text.attr('data-testid', item.testId);
    if (item.terms) it.attr('data-terms', item.terms.join(' '));
    if (item.hoverTerm) {
      const term = item.hoverTerm;
      it.style('cursor', 'default')
        .on('mouseenter', () => hover(term))
        .on('mouseleave', () => hover(null));
    }
  });
}

/** Everything renderLegend draws from but the texts and the items' positions. */
export function legendShape(items: LegendItem[], lines: Part[][][]): string {
  return JSON.stringify(items.map((item, i) => ({ ...item, parts: null, lines: lines[i].map((l) => l.map(styleOf)) })));
}

/**
 * Moves the items and rewrites the texts of a legend that renderLegend drew from items of the same
 * shape (legendShape): the elements renderLegend would draw, written only where they differ.
 */
export function updateLegend(g: G, pos: [number, number][], lines: Part[][][]): void {
  const groups = g.node()?.children ?? [];
  lines.forEach((itemLines, i) => {
    const it = groups[i];
    setAttrs(
      g.select(() => it),
      { transform: `translate(${pos[i][0]},${pos[i][1]})` },
    );
    const texts = it.querySelectorAll(':scope > text');
    itemLines.forEach((line, k) => updateRichText(texts[k], line));
  });
}
