import { useLayoutEffect } from 'react';
import * as d3 from 'd3';
import type { DecompositionW } from '../engine/protocol';
import { Panel } from './Panel';
import { colors, INK, MUTED, PANEL_FONT } from './kit/theme';
import { fmt4, pct } from './kit/format';
import type { MainBiasBarsProps, TermId } from './types';
import { useChart, useLatest } from './kit/useChart';
import { highlightTerms, useTermHighlight } from './kit/highlight';
import { measureParts, richText, type TextPart } from './kit/text';

const ROW_H = 66;
const BAR_H = 26;
const LABEL_W = 104;
const RIGHT = 66;
const FOOT_H = 80;
/** Dimmed opacity of the bars and labels a hovered term does not name. */
const DIM = 0.3;

interface Row {
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
type G = d3.Selection<SVGGElement, unknown, null, undefined>;
type Hover = (term: TermId | null) => void;

/** The FP row with ε appears only when ε changes something. */
function rowsOf(d: DecompositionW): Row[] {
  const rows: Row[] = [
    {
      key: 'fp',
      sym: 'FP',
      main: d.fpMain,
      bias: d.fpBias,
      mainId: 'fpMain',
      biasId: 'fpBias',
      mainColor: colors.fpMain,
      biasColor: colors.fpBias,
    },
    {
      key: 'fn',
      sym: 'FN',
      main: d.fnMain,
      bias: d.fnBias,
      mainId: 'fnMain',
      biasId: 'fnBias',
      mainColor: colors.fnMain,
      biasColor: colors.fnBias,
    },
  ];
  const same = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
  if (
    Number.isFinite(d.fpMainW) &&
    Number.isFinite(d.fpBiasW) &&
    !(same(d.fpMainW, d.fpMain) && same(d.fpBiasW, d.fpBias))
  ) {
    rows.push({
      key: 'fpW',
      sym: 'FP',
      note: 'with ε',
      main: d.fpMainW,
      bias: d.fpBiasW,
      mainId: 'fpMainW',
      biasId: 'fpBiasW',
      mainColor: colors.fpMain,
      biasColor: colors.fpBias,
      weighted: true,
    });
  }
  return rows;
}

/** "FP_soft" (and "with ε" under it) left of the bar. */
function drawRowLabel(g: G, r: Row): void {
  const label = g
    .append('text')
    .attr('x', 0)
    .attr('y', BAR_H / 2)
    .attr('dy', '0.35em')
    .attr('font-size', 14)
    .attr('font-weight', 600)
    .attr('fill', r.weighted ? colors.weighted : INK);
  richText(label, [r.sym, { text: 'soft', sub: true }]);
  if (r.note)
    g.append('text')
      .attr('x', 0)
      .attr('y', BAR_H / 2 + 17)
      .attr('dy', '0.35em')
      .attr('font-size', 12)
      .attr('fill', colors.weighted)
      .text(r.note);
}

/** The stacked main + bias bar, main mw and bias bw wide, and its total at the right end. */
function drawBar(bars: G, r: Row, mw: number, bw: number, hover: Hover): void {
  const seg = (x0: number, w: number, color: string, opacity: number, id: TermId) =>
    bars
      .append('rect')
      .attr('x', x0)
      .attr('y', 0)
      .attr('width', Math.max(0, w))
      .attr('height', BAR_H)
      .attr('fill', color)
      .attr('fill-opacity', opacity)
      .attr('data-terms', id)
      .on('mouseenter', () => hover(id))
      .on('mouseleave', () => hover(null));
  seg(0, mw, r.mainColor, 1, r.mainId);
  seg(mw, bw, r.biasColor, 0.85, r.biasId);
  // A hairline between the segments so a thin main sliver stays visible against its bias.
  if (mw > 0 && bw > 0)
    bars
      .append('line')
      .attr('x1', mw)
      .attr('x2', mw)
      .attr('y1', 0)
      .attr('y2', BAR_H)
      .attr('stroke', '#fff')
      .attr('stroke-width', 1.5)
      .attr('pointer-events', 'none');
  if (r.weighted) drawWeightedOutline(bars, mw + bw);
  bars
    .append('text')
    .attr('x', mw + bw + 8)
    .attr('y', BAR_H / 2)
    .attr('dy', '0.35em')
    .attr('font-size', 14)
    .attr('font-weight', 600)
    .attr('fill', INK)
    .attr('data-testid', `bars-${r.key}-total`)
    .text(fmt4(r.main + r.bias));
}

/** ε's dashed outline around the weighted row's bar. */
function drawWeightedOutline(bars: G, width: number): void {
  bars
    .append('rect')
    .attr('x', -1.5)
    .attr('y', -1.5)
    .attr('width', width + 3)
    .attr('height', BAR_H + 3)
    .attr('fill', 'none')
    .attr('stroke', colors.weighted)
    .attr('stroke-width', 2)
    .attr('stroke-dasharray', '5 3')
    .attr('pointer-events', 'none');
}

/**
 * Value labels under the bar: main at its start, bias at its start (pushed right past main's
 * label, and left to stay inside `room`).
 */
function drawValueLabels(bars: G, r: Row, mw: number, room: number, hover: Hover): void {
  const item = (parts: Part[], id: TermId, testId: string) => {
    const t = richText(
      bars
        .append('text')
        .attr('y', BAR_H + 17)
        .attr('font-size', 13)
        .attr('fill', INK)
        .attr('data-terms', id)
        .attr('data-testid', testId),
      parts,
    );
    t.on('mouseenter', () => hover(id)).on('mouseleave', () => hover(null));
    return t;
  };
  const mainParts: Part[] = [
    { text: '■ ', fill: r.mainColor },
    { text: 'main ', muted: true },
    { text: fmt4(r.main), bold: true },
  ];
  item(mainParts, r.mainId, `bars-${r.key}-main`).attr('x', 0);
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
  const biasLabel = item(biasParts, r.biasId, `bars-${r.key}-bias`);
  const bwText = measureParts(biasParts, 13);
  let bx = Math.max(mw, mainEnd + 14);
  if (bx + bwText > room) bx = Math.max(mainEnd + 14, room - bwText);
  biasLabel.attr('x', bx);
}

function drawRow(root: Root, r: Row, i: number, x: d3.ScaleLinear<number, number>, barW: number, hover: Hover): void {
  const g = root.append('g').attr('transform', `translate(0,${i * ROW_H + 8})`);
  drawRowLabel(g, r);
  const bars = g.append('g').attr('transform', `translate(${LABEL_W},0)`);
  const mw = x(r.main);
  const bw = x(r.bias);
  drawBar(bars, r, mw, bw, hover);
  drawValueLabels(bars, r, mw, barW + RIGHT, hover);
}

/**
 * The take-away, in words, from the same numbers. Narrow panels (phones) break each sentence
 * in two lines instead of clipping it at the right edge.
 */
function drawFooter(root: Root, width: number, d: DecompositionW, rowCount: number): void {
  const narrow = isNarrow(width);
  const y0 = rowCount * ROW_H + 8 + 14;
  const line = (y: number) => root.append('text').attr('x', 0).attr('y', y).attr('font-size', 13).attr('fill', INK);
  const foot = line(y0);
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
  if (narrow) {
    richText(foot, fpPart);
    richText(line(y0 + NARROW_LINE), fnPart);
  } else richText(foot, [...fpPart, ...fnPart]);
  const noteY = y0 + (narrow ? NARROW_LINE : 0);
  (narrow ? NARROW_NOTES : NOTES).forEach((note, i) =>
    root
      .append('text')
      .attr('x', 0)
      .attr('y', noteY + 22 + 18 * i)
      .attr('font-size', 12.5)
      .attr('fill', MUTED)
      .text(note),
  );
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

function draw(svg: SVGSVGElement, width: number, d: DecompositionW, rows: Row[], hover: Hover): void {
  const root = d3.select(svg);
  root.selectAll('*').remove();
  if (width <= 0) return;
  const barW = Math.max(60, width - LABEL_W - RIGHT);
  const max = Math.max(1e-12, ...rows.map((r) => r.main + r.bias));
  const x = d3.scaleLinear().domain([0, max]).range([0, barW]);
  rows.forEach((r, i) => drawRow(root, r, i, x, barW, hover));
  drawFooter(root, width, d, rows.length);
}

/** Narrower than the footer's longest line (a phone): the footer then takes three more lines. */
const isNarrow = (width: number): boolean => width > 0 && width < 400;
const NARROW_LINE = 18;

/** The panel's text alternative, with the numbers it draws (read by screen readers). */
export function barsSummary(d: DecompositionW): string {
  return rowsOf(d)
    .map(
      (r) =>
        `${r.sym.replace(/^(FP|FN)/, '$1 soft')}${r.note ? ` ${r.note}` : ''} ${fmt4(r.main + r.bias)}: main ${fmt4(r.main)}, bias ${fmt4(r.bias)}, ${pct(r.bias, r.main + r.bias)} bias`,
    )
    .join('; ');
}

/** FP_soft and FN_soft as stacked main + bias bars (and FP with ε when it differs). */
export function MainBiasBars({ d, highlight, onHover }: MainBiasBarsProps) {
  const { boxRef, svgRef, size } = useChart<HTMLDivElement>();
  const hoverRef = useLatest(onHover);
  const highlightRef = useTermHighlight(svgRef, highlight, DIM);
  const rows = rowsOf(d);
  const height = rows.length * ROW_H + 8 + FOOT_H - 14 + (isNarrow(size.width) ? 3 * NARROW_LINE : 0);
  const rowCount = rows.length;

  useLayoutEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    draw(svg, size.width, d, rowsOf(d), (term) => hoverRef.current?.(term));
    highlightTerms(svg, highlightRef.current, DIM);
  }, [svgRef, hoverRef, highlightRef, d, size.width, rowCount]);

  return (
    <Panel title="Main vs bias" testId="panel-bars">
      <div ref={boxRef} style={{ width: '100%' }}>
        <svg
          ref={svgRef}
          xmlns="http://www.w3.org/2000/svg"
          width={size.width}
          height={height}
          fontFamily={PANEL_FONT}
          fontSize={13}
          role="img"
          aria-label={`Soft FP and FN split into main and bias terms. ${barsSummary(d)}.`}
          style={{ display: 'block', overflow: 'visible' }}
        />
      </div>
    </Panel>
  );
}
