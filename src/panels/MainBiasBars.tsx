import { useEffect, useLayoutEffect, useRef } from 'react';
import * as d3 from 'd3';
import type { DecompositionW } from '../engine/protocol';
import { Panel } from './Panel';
import { colors, INK } from './kit/theme';
import { fmt4, pct } from './kit/format';
import type { MainBiasBarsProps, TermId } from './types';
import { useSize } from './kit/useSize';
import { measureParts, richText, type TextPart } from './kit/text';
import { MUTED, PANEL_FONT } from './kit/theme';

const FONT = PANEL_FONT;
const ROW_H = 66;
const BAR_H = 26;
const LABEL_W = 104;
const RIGHT = 66;
const FOOT_H = 80;

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
const measure = (parts: Part[], size: number): number => measureParts(parts, size);

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

function draw(
  svg: SVGSVGElement,
  width: number,
  d: DecompositionW,
  rows: Row[],
  hover: (term: TermId | null) => void,
): void {
  const root = d3.select(svg);
  root.selectAll('*').remove();
  if (width <= 0) return;
  const barW = Math.max(60, width - LABEL_W - RIGHT);
  const max = Math.max(1e-12, ...rows.map((r) => r.main + r.bias));
  const x = d3.scaleLinear().domain([0, max]).range([0, barW]);

  rows.forEach((r, i) => {
    const g = root.append('g').attr('transform', `translate(0,${i * ROW_H + 8})`);
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

    const bars = g.append('g').attr('transform', `translate(${LABEL_W},0)`);
    const mw = x(r.main);
    const bw = x(r.bias);
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
    if (r.weighted) {
      bars
        .append('rect')
        .attr('x', -1.5)
        .attr('y', -1.5)
        .attr('width', mw + bw + 3)
        .attr('height', BAR_H + 3)
        .attr('fill', 'none')
        .attr('stroke', colors.weighted)
        .attr('stroke-width', 2)
        .attr('stroke-dasharray', '5 3')
        .attr('pointer-events', 'none');
    }
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

    // Value labels under the bar: main at its start, bias at its start (pushed right past main's label).
    const ly = BAR_H + 17;
    const item = (parts: Part[], id: TermId, testId: string) => {
      const t = richText(
        bars
          .append('text')
          .attr('y', ly)
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
    const mainEnd = measure(mainParts, 13);
    let biasParts: Part[] = [
      { text: '■ ', fill: r.biasColor },
      { text: 'bias ', muted: true },
      { text: fmt4(r.bias), bold: true },
      { text: ` (${pct(r.bias, r.main + r.bias)})`, muted: true },
    ];
    // On a phone the percentage does not fit after main's label; the footer and the text
    // alternative still give it.
    if (mainEnd + 14 + measure(biasParts, 13) > barW + RIGHT) biasParts = biasParts.slice(0, 3);
    const biasLabel = item(biasParts, r.biasId, `bars-${r.key}-bias`);
    const bwText = measure(biasParts, 13);
    let bx = Math.max(mw, mainEnd + 14);
    if (bx + bwText > barW + RIGHT) bx = Math.max(mainEnd + 14, barW + RIGHT - bwText);
    biasLabel.attr('x', bx);
  });

  // The take-away, in words, from the same numbers. Narrow panels (phones) break each sentence
  // in two lines instead of clipping it at the right edge.
  const narrow = isNarrow(width);
  const foot = root
    .append('text')
    .attr('x', 0)
    .attr('y', rows.length * ROW_H + 8 + 14)
    .attr('font-size', 13)
    .attr('fill', INK);
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
    richText(
      root
        .append('text')
        .attr('x', 0)
        .attr('y', rows.length * ROW_H + 8 + 14 + NARROW_LINE)
        .attr('font-size', 13)
        .attr('fill', INK),
      fnPart,
    );
  } else richText(foot, [...fpPart, ...fnPart]);
  const noteY = rows.length * ROW_H + 8 + 14 + (narrow ? NARROW_LINE : 0);
  const notes = narrow
    ? [
        'main: errors past t —',
        'what the test metric counts;',
        'bias: the tail of small errors',
        'below t — grows with b.',
      ]
    : ['main: errors past t — what the test metric counts;', 'bias: the tail of small errors below t — grows with b.'];
  notes.forEach((note, i) =>
    root
      .append('text')
      .attr('x', 0)
      .attr('y', noteY + 22 + 18 * i)
      .attr('font-size', 12.5)
      .attr('fill', MUTED)
      .text(note),
  );
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

function applyHighlight(svg: SVGSVGElement | null, highlight: TermId | null): void {
  if (!svg) return;
  const nodes = d3.select(svg).selectAll<SVGElement, unknown>('[data-terms]');
  const active =
    highlight !== null &&
    nodes
      .filter(function () {
        return this.getAttribute('data-terms') === highlight;
      })
      .size() > 0;
  nodes.style('opacity', function () {
    if (!active) return null;
    return this.getAttribute('data-terms') === highlight ? '1' : '0.3';
  });
}

/** FP_soft and FN_soft as stacked main + bias bars (and FP with ε when it differs). */
export function MainBiasBars({ d, highlight, onHover }: MainBiasBarsProps) {
  const [boxRef, size] = useSize<HTMLDivElement>();
  const svgRef = useRef<SVGSVGElement>(null);
  const hoverRef = useRef(onHover);
  const highlightRef = useRef(highlight);
  useEffect(() => {
    hoverRef.current = onHover;
  }, [onHover]);
  const rows = rowsOf(d);
  const height = rows.length * ROW_H + 8 + FOOT_H - 14 + (isNarrow(size.width) ? 3 * NARROW_LINE : 0);
  const rowCount = rows.length;

  useLayoutEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    draw(svg, size.width, d, rowsOf(d), (term) => hoverRef.current?.(term));
    applyHighlight(svg, highlightRef.current);
  }, [d, size.width, rowCount]);

  useLayoutEffect(() => {
    highlightRef.current = highlight;
    applyHighlight(svgRef.current, highlight);
  }, [highlight]);

  return (
    <Panel title="Main vs bias" testId="panel-bars">
      <div ref={boxRef} style={{ width: '100%' }}>
        <svg
          ref={svgRef}
          xmlns="http://www.w3.org/2000/svg"
          width={size.width}
          height={height}
          fontFamily={FONT}
          fontSize={13}
          role="img"
          aria-label={`Soft FP and FN split into main and bias terms. ${barsSummary(d)}.`}
          style={{ display: 'block', overflow: 'visible' }}
        />
      </div>
    </Panel>
  );
}
