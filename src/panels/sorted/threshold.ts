/**
 * Threshold t and the crossing: sorted values cross t between rank FP_hard and FP_hard + 1. The
 * crossing label goes above and right of the point (the empty side of a descending curve); the
 * t label takes the first spot that stays in the plot and misses it.
 */
import { setAttrs, setText } from '../kit/setIfChanged';
import { measureParts, setRichText, textWidth, type TextPart } from '../kit/text';
import { colors, HALO, INK } from '../kit/theme';
import { printed } from '../equations/epsCase';
import type { SortedLayout } from './layout';
import type { ChartInput, G } from './types';

interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** White outline behind labels that sit on top of the areas. */
const HALO_ATTRS = { 'paint-order': 'stroke', stroke: HALO, 'stroke-width': 4, 'stroke-linejoin': 'round' };

/** The element of `marks` with this class, made on first use (in call order, which is the drawing order). */
function mark<K extends 'line' | 'circle' | 'text'>(marks: G, tag: K, cls: string) {
  const found = marks.select<SVGElementTagNameMap[K]>(`${tag}.${cls}`);
  return found.empty() ? marks.append(tag).attr('class', cls) : found;
}

/**
 * Moves the threshold line, the crossing point and their labels in `marks` (made on first use).
 * Attributes are written only where they changed (kit/setIfChanged.ts): most do not, per t move.
 */
export function drawThresholdMarks(marks: G, input: ChartInput, l: SortedLayout): void {
  const ty = l.y(Math.min(1, Math.max(0, input.t)));
  setAttrs(mark(marks, 'line', 't-line'), {
    x1: 0,
    x2: l.plotW,
    y1: ty,
    y2: ty,
    stroke: colors.threshold,
    'stroke-width': 1.5,
    'stroke-dasharray': '7 4',
  });
  const cx = l.x(l.hard + 0.5);
  setAttrs(mark(marks, 'circle', 't-crossing'), {
    cx,
    cy: ty,
    r: 5.5,
    fill: HALO,
    stroke: colors.threshold,
    'stroke-width': 2,
  });
  const crossBox = drawCrossingLabel(marks, input, l.plotW, cx, ty);
  drawTLabel(marks, `t = ${printed(input.t, l.digits)}`, l.plotW, l.plotH, ty, crossBox);
}

/** "FP_hard = k" beside the crossing at (cx, ty); returns the box it takes, padded. */
function drawCrossingLabel(marks: G, { d, side, testId }: ChartInput, plotW: number, cx: number, ty: number): Box {
  const fp = side === 'fp';
  const parts: TextPart[] = [
    fp ? 'FP' : 'FN',
    { text: 'hard', sub: true },
    ' = ',
    { text: String(fp ? d.fpHard : d.fnHard), bold: true, testId: `${testId}-crossing` },
  ];
  const cw = measureParts(parts);
  const toRight = cx + 9 + cw <= plotW - 2;
  const crossY = ty - 24 >= 0 ? ty - 9 : ty + 20;
  const crossX0 = toRight ? cx + 9 : cx - 9 - cw;
  const label = mark(marks, 'text', 'crossing-label');
  setAttrs(label, {
    fill: INK,
    'font-size': 13,
    ...HALO_ATTRS,
    x: toRight ? cx + 9 : cx - 9,
    y: crossY,
    'text-anchor': toRight ? 'start' : 'end',
  });
  setRichText(label, parts);
  return { x0: crossX0 - 4, x1: crossX0 + cw + 4, y0: crossY - 14, y1: crossY + 5 };
}

/** The t label at the plot's right or left edge, just above or below the line, clear of `avoid` if it can. */
function drawTLabel(marks: G, text: string, plotW: number, plotH: number, ty: number, avoid: Box): void {
  const tw = textWidth(text, 13, true);
  const spots = [
    { right: true, y: ty - 7 },
    { right: true, y: ty + 17 },
    { right: false, y: ty - 7 },
    { right: false, y: ty + 17 },
  ];
  const inside = (p: { y: number }) => p.y - 13 >= 0 && p.y + 3 <= plotH - 2;
  const clear = (p: { right: boolean; y: number }) => {
    const x0 = p.right ? plotW - 4 - tw : 6;
    return x0 + tw < avoid.x0 || x0 > avoid.x1 || p.y + 3 < avoid.y0 || p.y - 13 > avoid.y1;
  };
  const spot = spots.find((p) => inside(p) && clear(p)) ?? spots.find(inside) ?? spots[0];
  const label = mark(marks, 'text', 't-label');
  setAttrs(label, {
    fill: colors.threshold,
    'font-size': 13,
    'font-weight': 600,
    ...HALO_ATTRS,
    x: spot.right ? plotW - 4 : 6,
    y: spot.y,
    'text-anchor': spot.right ? 'end' : 'start',
  });
  setText(label, text);
}
