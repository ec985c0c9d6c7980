/**
 * The main-vs-bias bars, drawn with d3 selections kept between redraws: each row's elements are
 * made once (per row key) and a slider input only moves widths and rewrites the numbers (issue 19).
 */
import * as d3 from 'd3';
import type { DecompositionW } from '../../engine/protocol';
import { colors, INK, MUTED } from '../kit/theme';
import { fmt4, pct } from '../kit/format';
import type { TermId } from '../types';
import { setAttrs, setText } from '../kit/setIfChanged';
import { measureParts, setRichText, type TextPart } from '../kit/text';

export const ROW_H = 66;
export const BAR_H = 26;
const LABEL_W = 104;
const RIGHT = 66;
export const FOOT_H = 80;
export const NARROW_LINE = 18;

export interface Row {
  key: string;
  sym: string;
  note?: string;
  main: number;
  bias: number;
  mainId: TermId;
  biasId: TermId;
  mainColor: string;
  biasColor: string;
  weighted?: boolean;
}

type Part = TextPart;
type Root = d3.Selection<SVGSVGElement, unknown, null, undefined>;
type RowG = d3.Selection<SVGGElement, Row, SVGSVGElement, unknown>;
type Hover = (term: TermId | null) => void;

/** Narrower than the footer's longest line (a phone): the footer then takes three more lines. */
export const isNarrow = (width: number): boolean => width > 0 && width < 400;

/** "FP_soft" (and "with ε" under it) left of the bar. */
function buildLabel(row: d3.Selection<SVGGElement, unknown, null, undefined>, r: Row): void {
  const label = row
    .append('text')
    .attr('class', 'row-label')
    .attr('x', 0)
    .attr('y', BAR_H / 2)
    .attr('dy', '0.35em')
    .attr('font-size', 14)
    .attr('font-weight', 600)
    .attr('fill', r.weighted ? colors.weighted : INK);
  setRichText(label, [r.sym, { text: 'soft', sub: true }]);
  if (r.note)
    row
      .append('text')
      .attr('x', 0)
      .attr('y', BAR_H / 2 + 17)
      .attr('dy', '0.35em')
      .attr('font-size', 12)
      .attr('fill', colors.weighted)
      .text(r.note);
}

/** A row's elements, made once: label, bar segments, hairline, ε outline, total, value labels. */
function buildRow(g: RowG, hover: Hover): void {
  g.each(function (r) {
    const row = d3.select(this);
    buildLabel(row, r);
    const bars = row.append('g').attr('class', 'bars').attr('transform', `translate(${LABEL_W},0)`);
    const seg = (cls: string, color: string, opacity: number, id: TermId) =>
      bars
        .append('rect')
        .attr('class', cls)
        .attr('y', 0)
        .attr('height', BAR_H)
        .attr('fill', color)
        .attr('fill-opacity', opacity)
        .attr('data-terms', id)
        .on('mouseenter', () => hover(id))
        .on('mouseleave', () => hover(null));
    seg('main', r.mainColor, 1, r.mainId);
    seg('bias', r.biasColor, 0.85, r.biasId);
    // A hairline between the segments so a thin main sliver stays visible against its bias.
    bars
      .append('line')
      .attr('class', 'hairline')
      .attr('y1', 0)
      .attr('y2', BAR_H)
      .attr('stroke', '#fff')
      .attr('stroke-width', 1.5)
      .attr('pointer-events', 'none');
    if (r.weighted)
      bars
        .append('rect')
        .attr('class', 'outline')
        .attr('x', -1.5)
        .attr('y', -1.5)
        .attr('height', BAR_H + 3)
        .attr('fill', 'none')
        .attr('stroke', colors.weighted)
        .attr('stroke-width', 2)
        .attr('stroke-dasharray', '5 3')
        .attr('pointer-events', 'none');
    bars
      .append('text')
      .attr('class', 'total')
      .attr('y', BAR_H / 2)
      .attr('dy', '0.35em')
      .attr('font-size', 14)
      .attr('font-weight', 600)
      .attr('fill', INK)
      .attr('data-testid', `bars-${r.key}-total`);
    for (const [cls, id] of [
      ['main-label', r.mainId],
      ['bias-label', r.biasId],
    ] as const)
      bars
        .append('text')
        .attr('class', cls)
        .attr('y', BAR_H + 17)
        .attr('font-size', 13)
        .attr('fill', INK)
        .attr('data-terms', id)
        .attr('data-testid', `bars-${r.key}-${cls === 'main-label' ? 'main' : 'bias'}`)
        .on('mouseenter', () => hover(id))
        .on('mouseleave', () => hover(null));
  });
}

/**
 * Moves a row's bar to main mw + bias bw wide and rewrites its numbers. Value labels: main at the
 * bar's start, bias at its start (pushed right past main's label, and left to stay inside `room`).
 */
function updateRow(
  bars: d3.Selection<SVGGElement, unknown, null, undefined>,
  r: Row,
  mw: number,
  bw: number,
  room: number,
): void {
  // Written only where they changed (kit/setIfChanged.ts): a t move changes some rows only.
  setAttrs(bars.select<SVGRectElement>('.main'), { x: 0, width: Math.max(0, mw) });
  setAttrs(bars.select<SVGRectElement>('.bias'), { x: mw, width: Math.max(0, bw) });
  setAttrs(bars.select<SVGLineElement>('.hairline'), { x1: mw, x2: mw, display: mw > 0 && bw > 0 ? null : 'none' });
  setAttrs(bars.select<SVGRectElement>('.outline'), { width: mw + bw + 3 });
  setText(setAttrs(bars.select<SVGTextElement>('.total'), { x: mw + bw + 8 }), fmt4(r.main + r.bias));
  const mainParts: Part[] = [
    { text: '■ ', fill: r.mainColor },
    { text: 'main ', muted: true },
    { text: fmt4(r.main), bold: true },
  ];
  setAttrs(setRichText(bars.select<SVGTextElement>('.main-label'), mainParts), { x: 0 });
  const mainEnd = measureParts(mainParts, 13);
  let biasParts: Part[] = [
    { text: '■ ', fill: r.biasColor },
    { text: 'bias ', muted: true },
    { text: fmt4(r.bias), bold: true },
    { text: ` (${pct(r.bias, r.main + r.bias)})`, muted: true },
  ];
  // On a phone the percentage does not fit after main's label; the footer and the text
  // alternative still give it.
  if (mainEnd + 14 + measureParts(biasParts, 13) > room) biasParts = biasParts.slice(0, 3);
  const bwText = measureParts(biasParts, 13);
  let bx = Math.max(mw, mainEnd + 14);
  if (bx + bwText > room) bx = Math.max(mainEnd + 14, room - bwText);
  setAttrs(setRichText(bars.select<SVGTextElement>('.bias-label'), biasParts), { x: bx });
}

/** The test metrics cut at p > 0.5 whatever t is, so main is "what they count" only at t = 0.5 (docs/design.md §1.4b). */
const NOTES = [
  'main: errors past t — at t = 0.5, what the test metric counts;',
  'bias: the tail of small errors below t — grows with b.',
];
const NARROW_NOTES = [
  'main: errors past t — at t = 0.5,',
  'what the test metric counts;',
  'bias: the tail of small errors',
  'below t — grows with b.',
];

/**
 * The take-away, in words, from the same numbers. Narrow panels (phones) break each sentence
 * in two lines instead of clipping it at the right edge. Its lines are kept; their text is rewritten.
 */
function drawFooter(root: Root, width: number, d: DecompositionW, rowCount: number): void {
  const narrow = isNarrow(width);
  const y0 = rowCount * ROW_H + 8 + 14;
  const ratio = d.f > 0 ? `b/f = ${fmt4(d.b / d.f)}: ` : '';
  const fpPart: Part[] = [
    { text: ratio, muted: true },
    'bias is ',
    { text: pct(d.fpBias, d.fpSoft), bold: true, fill: colors.fpMain },
    ' of FP',
    { text: 'soft', sub: true },
  ];
  const fnPart: Part[] = [
    ' but ',
    { text: pct(d.fnBias, d.fnSoft), bold: true, fill: colors.fnMain },
    ' of FN',
    { text: 'soft', sub: true },
  ];
  const sentences = narrow ? [fpPart, fnPart] : [[...fpPart, ...fnPart]];
  const notes = narrow ? NARROW_NOTES : NOTES;
  const noteY = y0 + (narrow ? NARROW_LINE : 0);
  const lines = [
    ...sentences.map((parts, i) => ({ parts, y: y0 + i * NARROW_LINE, size: 13, fill: INK })),
    ...notes.map((note, i) => ({ parts: [note] as Part[], y: noteY + 22 + 18 * i, size: 12.5, fill: MUTED })),
  ];
  const foot = root.selectAll<SVGTextElement, (typeof lines)[number]>('text.foot').data(lines).join('text');
  setAttrs(foot, { class: 'foot', x: 0, y: (l) => l.y, 'font-size': (l) => l.size, fill: (l) => l.fill }).each(
    function (l) {
      setRichText(d3.select(this), l.parts);
    },
  );
}

/** Draws (the first time) or updates the bars of `rows` and the footer into the svg. */
export function drawBars(svg: SVGSVGElement, width: number, d: DecompositionW, rows: Row[], hover: Hover): void {
  const root = d3.select(svg);
  if (width <= 0) {
    root.selectAll('*').remove();
    return;
  }
  const barW = Math.max(60, width - LABEL_W - RIGHT);
  const max = Math.max(1e-12, ...rows.map((r) => r.main + r.bias));
  const x = d3.scaleLinear().domain([0, max]).range([0, barW]);
  const rowGs = root
    .selectAll<SVGGElement, Row>('g.row')
    .data(rows, (r) => r.key)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'row');
      buildRow(g, hover);
      return g;
    });
  setAttrs(rowGs, { transform: (_, i) => `translate(0,${i * ROW_H + 8})` }).each(function (r) {
    updateRow(d3.select(this).select<SVGGElement>('g.bars'), r, x(r.main), x(r.bias), barW + RIGHT);
  });
  drawFooter(root, width, d, rows.length);
}
