import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import * as d3 from 'd3';
import type { DecompositionW } from '../engine/protocol';
import { Panel } from './Panel';
import type { SortedPredictionsProps, TermId } from './types';
import { useSize } from './kit/useSize';
import { measureParts, richText, textWidth, type TextPart, type TextSelection } from './kit/text';
import { colors, HALO, INK, MUTED, PANEL_FONT } from './kit/theme';
import { layoutLegend, renderLegend, type LegendItem } from './kit/legend';
import { fmt3, fmt4 } from './kit/format';
import { distinctDigits, epsCase, printed } from './equations/epsCase';

/** Drawn with an explicit family so that an exported SVG looks the same outside the page. */
const FONT = PANEL_FONT;
/** At most this many pixel columns are sampled (two ranks each): ≤ ~1500 curve points. */
const MAX_COLUMNS = 750;
const MIN_HEIGHT = 350;

/** Background p (side 'fp') or foreground error 1 − p (side 'fn') — the same float64 values decompose() sums — sorted descending. */
function sortSide(p: ArrayLike<number>, y: ArrayLike<number>, side: 'fp' | 'fn'): Float64Array {
  const n = Math.min(p.length, y.length);
  let count = 0;
  for (let i = 0; i < n; i++) if (y[i] > 0.5 === (side === 'fn')) count++;
  const out = new Float64Array(count);
  for (let i = 0, j = 0; i < n; i++) {
    const fg = y[i] > 0.5;
    if (side === 'fp' && !fg) out[j++] = p[i];
    else if (side === 'fn' && fg) out[j++] = 1 - p[i];
  }
  out.sort();
  out.reverse();
  return out;
}

/** A run of text with sub/superscripts ("FP" + sub "main"), drawn as tspans. */
type Part = TextPart;
type G = d3.Selection<SVGGElement, unknown, null, undefined>;
type T = TextSelection;

/** White outline behind labels that sit on top of the areas. */
const halo = (text: T): T =>
  text.attr('paint-order', 'stroke').attr('stroke', HALO).attr('stroke-width', 4).attr('stroke-linejoin', 'round');

/**
 * Ranks to draw: the first and last rank of every pixel column (the max/min envelope of a sorted
 * curve) plus the exact ranks where the picture changes (f, FP_hard and their successors).
 */
function sampleRanks(
  n: number,
  x: d3.ScaleContinuousNumeric<number, number>,
  plotW: number,
  special: number[],
): number[] {
  const cols = Math.max(1, Math.min(MAX_COLUMNS, Math.ceil(plotW)));
  const out: number[] = [1, n];
  for (let c = 0; c <= cols; c++) {
    const r = x.invert((c / cols) * plotW) + 0.5;
    out.push(Math.floor(r), Math.ceil(r));
  }
  for (const r of special) out.push(r);
  const clamped = out.map((r) => Math.min(n, Math.max(1, r))).sort((a, b) => a - b);
  return clamped.filter((r, i) => i === 0 || r !== clamped[i - 1]);
}

interface DrawArgs {
  svg: SVGSVGElement;
  width: number;
  height: number;
  sorted: Float64Array;
  d: DecompositionW;
  t: number;
  eps: number | null;
  side: 'fp' | 'fn';
  xScale: 'linear' | 'log';
  testId: string;
  hover: (term: TermId | null) => void;
}

/**
 * The static layers of one chart (grid, axes, rank-f marker), kept while only t, ε or the values
 * change; the dynamic layers (legend, areas, threshold, crossing) are redrawn into their groups.
 */
interface Frame {
  key: string;
  sorted: Float64Array;
  legend: G;
  areas: G;
  marks: G;
}
const frames = new WeakMap<SVGSVGElement, Frame>();

const MARGIN = { left: 58, right: 18, bottom: 48 };
const LEGEND_X = 18;
const F_BAND = 26;

/**
 * What the legend may say about areas (docs/design.md §1.1, Fig. 2): on a linear rank axis every
 * rank is equally wide, so the area under the curve over a set of ranks is the sum of their
 * values (FP_soft = FP_main + FP_bias); on a log rank axis it is not, and the legend says so.
 */
export function scaleNote(xScale: 'linear' | 'log', side: 'fp' | 'fn'): Part[] {
  const sym = side === 'fp' ? 'FP' : 'FN';
  return xScale === 'log'
    ? [{ text: 'log rank axis: areas are not to scale', muted: true }]
    : [
        { text: 'linear rank axis: each area is the sum it labels (total ', muted: true },
        { text: sym, muted: true },
        { text: 'soft', sub: true, muted: true },
        { text: ')', muted: true },
      ];
}

/** The panel's text alternative with the numbers it draws, e.g. 'FP soft 394.4: main 12.22, bias 382.1, 97% bias, FP hard 20'. */
export function sortedSummary(d: DecompositionW, side: 'fp' | 'fn'): string {
  const [sym, main, bias, hard] =
    side === 'fp' ? (['FP', d.fpMain, d.fpBias, d.fpHard] as const) : (['FN', d.fnMain, d.fnBias, d.fnHard] as const);
  const soft = main + bias;
  const share = soft > 0 ? `${Math.round((100 * bias) / soft)}% bias` : 'no soft errors';
  return `${sym} soft ${fmt4(soft)}: main ${fmt4(main)}, bias ${fmt4(bias)}, ${share}, ${sym} hard ${hard}`;
}

/** The legend: the two sums, ε's curve and its case (Eq. 11/12, see epsCase), and the area note. */
export function legendItems(
  d: DecompositionW,
  t: number,
  eps: number | null,
  side: 'fp' | 'fn',
  xScale: 'linear' | 'log',
  testId: string,
): LegendItem[] {
  const fp = side === 'fp';
  const sym = fp ? 'FP' : 'FN';
  const items: LegendItem[] = [
    {
      parts: [
        sym,
        { text: 'main', sub: true },
        ' = ',
        { text: fmt4(fp ? d.fpMain : d.fnMain), bold: true },
        { text: fp ? '  p > t' : '  1 − p ≥ t', muted: true },
      ],
      swatch: { color: fp ? colors.fpMain : colors.fnMain },
      terms: fp ? ['fpMain', 'fpMainW'] : ['fnMain'],
      hoverTerm: fp ? 'fpMain' : 'fnMain',
      testId: `${testId}-main`,
    },
    {
      parts: [
        sym,
        { text: 'bias', sub: true },
        ' = ',
        { text: fmt4(fp ? d.fpBias : d.fnBias), bold: true },
        { text: fp ? '  p ≤ t' : '  1 − p < t', muted: true },
      ],
      swatch: { color: fp ? colors.fpBias : colors.fnBias, opacity: 0.8 },
      terms: fp ? ['fpBias', 'fpBiasW'] : ['fnBias'],
      hoverTerm: fp ? 'fpBias' : 'fnBias',
      testId: `${testId}-bias`,
    },
  ];
  if (fp && eps !== null) {
    items.push({
      parts: ['ε·p past rank f  ', { text: `(ε = ${fmt3(eps)})`, muted: true }],
      swatch: { color: colors.weighted, dashed: true },
      terms: ['fpMainW', 'fpBiasW'],
      hoverTerm: 'fpBiasW',
    });
    const c = epsCase(d, t, eps);
    items.push({ parts: c.short, color: c.mainAltered ? colors.fpMain : INK, testId: `${testId}-case` });
  }
  items.push({ parts: scaleNote(xScale, side), testId: `${testId}-scale-note` });
  return items;
}

function draw({ svg, width, height, sorted, d, t, eps, side, xScale, testId, hover }: DrawArgs): void {
  const root = d3.select(svg);
  const n = sorted.length;
  if (width <= 0 || height <= 0 || n === 0) {
    root.selectAll('*').remove();
    frames.delete(svg);
    return;
  }

  const fp = side === 'fp';
  const sym = fp ? 'FP' : 'FN';
  const hard = Math.min(n, Math.max(0, fp ? d.fpHard : d.fnHard));
  const mainColor = fp ? colors.fpMain : colors.fnMain;
  const biasColor = fp ? colors.fpBias : colors.fnBias;
  // Inter-CBL's hard background H is the top min(f, b) ranks; ε matters only when there is an easy rest.
  const weighted = fp && eps !== null && d.f < n;
  const fRank = d.f;
  const showF = fp && d.kthBg !== null && fRank >= 1 && fRank <= n;

  const items = legendItems(d, t, eps, side, xScale, testId);
  // The rank-f label and the t label print with enough digits to tell kthBg from t (docs/design.md §1.4b).
  const digits = showF && d.kthBg !== null ? distinctDigits(d.kthBg, t) : 3;
  const legendLayout = layoutLegend(items, width - LEGEND_X - MARGIN.right);
  const fBand = showF ? F_BAND : 0;
  const top = 6 + legendLayout.height + 8 + fBand;
  const plotW = Math.max(40, width - MARGIN.left - MARGIN.right);
  const plotH = Math.max(40, height - top - MARGIN.bottom);
  const x: d3.ScaleContinuousNumeric<number, number> = (xScale === 'log' ? d3.scaleLog() : d3.scaleLinear())
    .domain([0.5, n + 0.5])
    .range([0, plotW]);
  const yS = d3.scaleLinear().domain([0, 1]).range([plotH, 0]);

  const key = [width, height, n, xScale, side, top, d.b, d.f, d.kthBg, digits, testId].join('|');
  let frame = frames.get(svg);
  if (!frame || frame.key !== key || frame.sorted !== sorted) {
    root.selectAll('*').remove();
    frame = buildFrame(root, {
      key,
      sorted,
      n,
      d,
      side,
      xScale,
      testId,
      plotW,
      plotH,
      top,
      x,
      yS,
      showF,
      fBand,
      digits,
    });
    frames.set(svg, frame);
  }

  frame.legend.selectAll('*').remove();
  renderLegend(frame.legend, items, legendLayout.pos, legendLayout.lines, hover);

  // Curve samples and the main/bias areas.
  const special = [hard, hard + 1];
  if (fp) special.push(fRank, fRank + 1);
  const ranks = sampleRanks(n, x, plotW, special);
  type Pt = [number, number];
  /** Step curve over ranks [r0, r1]: rank r spans [r − ½, r + ½]. */
  const segment = (r0: number, r1: number, scale = 1): Pt[] => {
    const pts: Pt[] = [];
    for (const r of ranks) if (r >= r0 && r <= r1) pts.push([r - 0.5, scale * sorted[r - 1]]);
    if (pts.length) pts.push([r1 + 0.5, pts[pts.length - 1][1]]);
    return pts;
  };
  const areaGen = d3
    .area<Pt>()
    .x((pt) => x(pt[0]))
    .y0(plotH)
    .y1((pt) => yS(pt[1]))
    .curve(d3.curveStepAfter);
  const lineGen = d3
    .line<Pt>()
    .x((pt) => x(pt[0]))
    .y((pt) => yS(pt[1]))
    .curve(d3.curveStepAfter);

  const areas = frame.areas;
  areas.selectAll('*').remove();
  const addArea = (
    r0: number,
    r1: number,
    color: string,
    opacity: number,
    terms: TermId[],
    hoverTerm: TermId,
    scale = 1,
  ) => {
    if (r1 < r0) return;
    areas
      .append('path')
      .attr('d', areaGen(segment(r0, r1, scale)))
      .attr('fill', color)
      .attr('fill-opacity', opacity)
      .attr('data-terms', terms.join(' '))
      .on('mouseenter', () => hover(hoverTerm))
      .on('mouseleave', () => hover(null));
  };
  const faded = 0.22;
  if (weighted) {
    // H = ranks 1..f keeps weight 1; E = ranks > f is drawn faded: ε scales it down to the dashed curve.
    const w = eps ?? 1;
    addArea(1, Math.min(hard, fRank), mainColor, 0.9, ['fpMain', 'fpMainW'], 'fpMain');
    addArea(fRank + 1, hard, mainColor, faded, ['fpMain'], 'fpMain');
    addArea(hard + 1, fRank, biasColor, 0.8, ['fpBias', 'fpBiasW'], 'fpBias');
    addArea(Math.max(hard, fRank) + 1, n, biasColor, faded, ['fpBias'], 'fpBias');
    addArea(fRank + 1, hard, colors.weighted, 0.75, ['fpMainW'], 'fpMainW', w);
    addArea(Math.max(hard, fRank) + 1, n, colors.weighted, 0.55, ['fpBiasW'], 'fpBiasW', w);
  } else {
    addArea(1, hard, mainColor, 0.9, fp ? ['fpMain', 'fpMainW'] : ['fnMain'], fp ? 'fpMain' : 'fnMain');
    addArea(hard + 1, n, biasColor, 0.8, fp ? ['fpBias', 'fpBiasW'] : ['fnBias'], fp ? 'fpBias' : 'fnBias');
  }
  areas
    .append('path')
    .attr('d', lineGen(segment(1, n)))
    .attr('fill', 'none')
    .attr('stroke', INK)
    .attr('stroke-width', 1.5)
    .attr('pointer-events', 'none');
  if (weighted) {
    areas
      .append('path')
      .attr('d', lineGen(segment(fRank + 1, n, eps ?? 1)))
      .attr('fill', 'none')
      .attr('stroke', colors.weighted)
      .attr('stroke-width', 2.5)
      .attr('stroke-dasharray', '6 4')
      .attr('data-terms', 'fpMainW fpBiasW')
      .attr('pointer-events', 'none');
  }

  // Threshold t and the crossing: sorted values cross t between rank FP_hard and FP_hard + 1. The
  // crossing label goes above and right of the point (the empty side of a descending curve); the
  // t label takes the first spot that stays in the plot and misses it.
  const marks = frame.marks;
  marks.selectAll('*').remove();
  const ty = yS(Math.min(1, Math.max(0, t)));
  marks
    .append('line')
    .attr('x1', 0)
    .attr('x2', plotW)
    .attr('y1', ty)
    .attr('y2', ty)
    .attr('stroke', colors.threshold)
    .attr('stroke-width', 1.5)
    .attr('stroke-dasharray', '7 4');
  const cx = x(hard + 0.5);
  marks
    .append('circle')
    .attr('cx', cx)
    .attr('cy', ty)
    .attr('r', 5.5)
    .attr('fill', HALO)
    .attr('stroke', colors.threshold)
    .attr('stroke-width', 2);
  const crossParts: Part[] = [
    sym,
    { text: 'hard', sub: true },
    ' = ',
    { text: String(fp ? d.fpHard : d.fnHard), bold: true, testId: `${testId}-crossing` },
  ];
  const cw = measureParts(crossParts);
  const toRight = cx + 9 + cw <= plotW - 2;
  const crossY = ty - 24 >= 0 ? ty - 9 : ty + 20;
  const crossX0 = toRight ? cx + 9 : cx - 9 - cw;
  richText(halo(marks.append('text').attr('fill', INK).attr('font-size', 13)), crossParts)
    .attr('x', toRight ? cx + 9 : cx - 9)
    .attr('y', crossY)
    .attr('text-anchor', toRight ? 'start' : 'end');

  const tText = `t = ${printed(t, digits)}`;
  const tw = textWidth(tText, 13, true);
  const crossBox = { x0: crossX0 - 4, x1: crossX0 + cw + 4, y0: crossY - 14, y1: crossY + 5 };
  const spots = [
    { right: true, y: ty - 7 },
    { right: true, y: ty + 17 },
    { right: false, y: ty - 7 },
    { right: false, y: ty + 17 },
  ];
  const inside = (p: { y: number }) => p.y - 13 >= 0 && p.y + 3 <= plotH - 2;
  const clear = (p: { right: boolean; y: number }) => {
    const x0 = p.right ? plotW - 4 - tw : 6;
    return x0 + tw < crossBox.x0 || x0 > crossBox.x1 || p.y + 3 < crossBox.y0 || p.y - 13 > crossBox.y1;
  };
  const spot = spots.find((p) => inside(p) && clear(p)) ?? spots.find(inside) ?? spots[0];
  halo(marks.append('text').attr('fill', colors.threshold).attr('font-size', 13).attr('font-weight', 600))
    .attr('x', spot.right ? plotW - 4 : 6)
    .attr('y', spot.y)
    .attr('text-anchor', spot.right ? 'end' : 'start')
    .text(tText);
}

interface FrameArgs {
  key: string;
  sorted: Float64Array;
  n: number;
  d: DecompositionW;
  side: 'fp' | 'fn';
  xScale: 'linear' | 'log';
  testId: string;
  plotW: number;
  plotH: number;
  top: number;
  x: d3.ScaleContinuousNumeric<number, number>;
  yS: d3.ScaleContinuousNumeric<number, number>;
  showF: boolean;
  fBand: number;
  /** Significant digits of the kthBg label (distinct from t's). */
  digits: number;
}

function buildFrame(root: d3.Selection<SVGSVGElement, unknown, null, undefined>, a: FrameArgs): Frame {
  const { n, d, side, xScale, testId, plotW, plotH, top, x, yS, showF, fBand, digits } = a;
  const fp = side === 'fp';
  const legend = root.append('g').attr('transform', `translate(${LEGEND_X},6)`);
  const plot = root.append('g').attr('transform', `translate(${MARGIN.left},${top})`);
  const clipId = `clip-${testId.replace(/[^a-zA-Z0-9_-]/g, '')}`;
  plot.append('clipPath').attr('id', clipId).append('rect').attr('width', plotW).attr('height', plotH);

  plot
    .append('g')
    .attr('pointer-events', 'none')
    .selectAll('line')
    .data([0.25, 0.5, 0.75, 1])
    .join('line')
    .attr('x1', 0)
    .attr('x2', plotW)
    .attr('y1', (v) => yS(v))
    .attr('y2', (v) => yS(v))
    .attr('stroke', colors.grid)
    .attr('stroke-width', 1);
  const areas = plot.append('g').attr('clip-path', `url(#${clipId})`);

  // Rank f (Fig. 2): the f-th largest background prediction, the edge of Inter-CBL's hard set.
  if (showF && d.kthBg !== null) {
    const fx = x(d.f + 0.5);
    const g = plot.append('g').attr('pointer-events', 'none');
    g.append('line')
      .attr('x1', fx)
      .attr('x2', fx)
      .attr('y1', plotH)
      .attr('y2', -fBand + 6)
      .attr('stroke', colors.rank)
      .attr('stroke-width', 1.75)
      .attr('stroke-dasharray', '4 3');
    g.append('circle')
      .attr('cx', x(d.f))
      .attr('cy', yS(d.kthBg))
      .attr('r', 4.5)
      .attr('fill', colors.rank)
      .attr('stroke', HALO)
      .attr('stroke-width', 1.5);
    const parts: Part[] = [
      { text: `rank f = ${d.f}`, bold: true },
      '   sort',
      { text: 'des', sub: true },
      '(p',
      { text: 'bg', sub: true },
      ')',
      { text: 'f', sub: true },
      ` = ${printed(d.kthBg, digits)}`,
    ];
    const right = fx + 6 + measureParts(parts) <= plotW + MARGIN.right - 2;
    richText(
      g
        .append('text')
        .attr('y', -fBand + 14)
        .attr('fill', colors.rank)
        .attr('font-size', 13),
      parts,
    )
      .attr('x', right ? fx + 6 : fx - 6)
      .attr('text-anchor', right ? 'start' : 'end');
  }

  // Axes: ranks (linear, or log with labels at powers of ten) and p.
  const tickFmt = d3.format('~s');
  const xAxis = d3.axisBottom(x).tickSizeOuter(0);
  if (xScale === 'log') {
    const ticks = (x.ticks(Math.max(2, Math.floor(plotW / 60))) as number[]).filter((v) => v >= 1);
    xAxis.tickValues(ticks).tickFormat((v) => {
      const e = Math.log10(Number(v));
      return Math.abs(e - Math.round(e)) < 1e-9 ? tickFmt(Number(v)) : '';
    });
  } else {
    const ticks = (x.ticks(Math.max(2, Math.floor(plotW / 80))) as number[]).filter((v) => v > 1);
    xAxis.tickValues(n <= 2 ? [1, n] : [1, ...ticks]).tickFormat((v) => tickFmt(Number(v)));
  }
  const axisStyle = (g: G) => {
    g.attr('font-family', FONT).attr('font-size', 12).attr('pointer-events', 'none');
    g.selectAll('.domain').attr('stroke', MUTED).attr('stroke-width', 1.5);
    g.selectAll('.tick line').attr('stroke', MUTED).attr('stroke-width', 1.5);
    g.selectAll('.tick text').attr('fill', INK);
  };
  plot.append('g').attr('transform', `translate(0,${plotH})`).call(xAxis).call(axisStyle);
  plot
    .append('g')
    .call(d3.axisLeft(yS).tickValues([0, 0.25, 0.5, 0.75, 1]).tickFormat(d3.format('~g')).tickSizeOuter(0))
    .call(axisStyle);

  const axisNote = xScale === 'log' ? ', log scale' : ', linear';
  const xNote: Part = { text: `  (${fp ? `b = ${d.b}` : `f = ${d.f}`}${axisNote})`, muted: true };
  const xLong: Part[] = [
    fp ? 'rank of background pixel, sorted by p descending' : 'rank of foreground pixel, sorted by 1 − p descending',
    xNote,
  ];
  const xShort: Part[] = [fp ? 'rank by p, descending' : 'rank by 1 − p, descending', xNote];
  richText(
    plot
      .append('text')
      .attr('x', plotW / 2)
      .attr('y', plotH + 38)
      .attr('text-anchor', 'middle')
      .attr('fill', INK)
      .attr('font-size', 13),
    measureParts(xLong) > plotW + 2 * MARGIN.right - 4 ? xShort : xLong,
  );
  plot
    .append('text')
    .attr('transform', `translate(${-42},${plotH / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .attr('fill', INK)
    .attr('font-size', 13)
    .text(fp ? 'background p' : 'foreground error 1 − p');

  const marks = plot.append('g').attr('pointer-events', 'none');
  return { key: a.key, sorted: a.sorted, legend, areas, marks };
}

function applyHighlight(svg: SVGSVGElement | null, highlight: TermId | null): void {
  if (!svg) return;
  const nodes = d3.select(svg).selectAll<SVGElement, unknown>('[data-terms]');
  const active =
    highlight !== null &&
    nodes
      .filter(function () {
        return (this.getAttribute('data-terms') ?? '').split(' ').includes(highlight);
      })
      .size() > 0;
  nodes.style('opacity', function () {
    if (!active) return null;
    return (this.getAttribute('data-terms') ?? '').split(' ').includes(highlight as TermId) ? '1' : '0.25';
  });
}

/** The paper's Fig. 2 for one side: sorted predictions, threshold t, rank f, main/bias areas. */
export function SortedPredictions(props: SortedPredictionsProps) {
  const { p, y, t, eps, decomposition: d, side, title, testId, highlight, onHover } = props;
  // The xScale prop is the initial value; the toolbar switch overrides it until the prop changes.
  const [choice, setChoice] = useState<{ prop: 'linear' | 'log'; value: 'linear' | 'log' }>({
    prop: props.xScale,
    value: props.xScale,
  });
  const xScale = choice.prop === props.xScale ? choice.value : props.xScale;
  const sorted = useMemo(() => sortSide(p, y, side), [p, y, side]);
  const [boxRef, size] = useSize<HTMLDivElement>();
  const svgRef = useRef<SVGSVGElement>(null);
  const hoverRef = useRef(onHover);
  const highlightRef = useRef(highlight);
  useEffect(() => {
    hoverRef.current = onHover;
  }, [onHover]);

  const n = side === 'fp' ? d.b : d.f;
  const empty = n === 0 || sorted.length === 0;

  useLayoutEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    draw({
      svg,
      width: size.width,
      height: size.height,
      sorted: empty ? new Float64Array(0) : sorted,
      d,
      t,
      eps,
      side,
      xScale,
      testId,
      hover: (term) => hoverRef.current?.(term),
    });
    applyHighlight(svg, highlightRef.current);
  }, [sorted, empty, size.width, size.height, d, t, eps, side, xScale, testId]);

  useLayoutEffect(() => {
    highlightRef.current = highlight;
    applyHighlight(svgRef.current, highlight);
  }, [highlight]);

  const message =
    side === 'fp'
      ? 'No background pixels (b = 0): there is no FP to sort.'
      : 'No foreground pixels (f = 0): there is no FN to sort.';
  return (
    <Panel
      title={title}
      testId={testId}
      tools={
        <label
          style={{ fontSize: 12, color: MUTED }}
          title="Linear: every rank equally wide, so each area is the sum it labels. Log: the top ranks spread out; areas are not to scale."
        >
          rank axis{' '}
          <select
            data-testid={`${testId}-xscale`}
            value={xScale}
            onChange={(e) => setChoice({ prop: props.xScale, value: e.target.value === 'log' ? 'log' : 'linear' })}
          >
            <option value="linear">linear</option>
            <option value="log">log</option>
          </select>
        </label>
      }
    >
      <div ref={boxRef} style={{ position: 'relative', width: '100%', height: '100%', minHeight: MIN_HEIGHT }}>
        <svg
          ref={svgRef}
          xmlns="http://www.w3.org/2000/svg"
          width={Math.max(0, size.width)}
          height={Math.max(0, size.height)}
          fontFamily={FONT}
          fontSize={13}
          role="img"
          aria-label={`${title}: sorted ${side === 'fp' ? 'background predictions' : 'foreground errors'} with threshold t = ${t}. ${sortedSummary(d, side)}.`}
          style={{ position: 'absolute', inset: 0, display: empty ? 'none' : 'block' }}
        />
        {empty ? (
          <p
            data-testid={`${testId}-empty`}
            style={{ margin: 0, padding: '2rem 1rem', color: MUTED, fontSize: 14, textAlign: 'center' }}
          >
            {message}
          </p>
        ) : null}
      </div>
    </Panel>
  );
}
