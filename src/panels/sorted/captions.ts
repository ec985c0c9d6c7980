/** The words and numbers of the sorted-predictions chart: its legend items and its text alternative. */
import type { DecompositionW } from '../../engine/protocol';
import { fmt3, fmt4 } from '../kit/format';
import type { LegendItem } from '../kit/legend';
import type { TextPart } from '../kit/text';
import { colors, INK } from '../kit/theme';
import { epsCase } from '../equations/epsCase';
import type { TermId } from '../types';
import { HEAD_K, MAX_HEAD_SHARE, widenLabel, type OneSegmentReason, type RankAxis } from './rankScale';
import type { Side } from './types';

/**
 * What the legend may say about areas (docs/design.md §1.1a, Fig. 2): on a linear rank axis every
 * rank is equally wide, so the area under the curve over a set of ranks is the sum of their
 * values (FP_soft = FP_main + FP_bias); on two segments that holds within each segment only (a
 * head rank is drawn `widen`× a tail rank); on a log rank axis it does not hold at all.
 */
export function scaleNote(axis: RankAxis, side: Side): TextPart[] {
  const sym = side === 'fp' ? 'FP' : 'FN';
  const muted = (text: string): TextPart => ({ text, muted: true });
  const sumClaim = (axisName: string): TextPart[] => [
    muted(`${axisName}: each area is the sum it labels (total `),
    muted(sym),
    { text: 'soft', sub: true, muted: true },
    muted(')'),
  ];
  switch (axis.kind) {
    case 'log':
      return [muted('log rank axis: areas are not to scale')];
    case 'twoSegment':
      return [
        muted(
          `two-segment rank axis: areas to scale within each segment; the head (ranks 1–${axis.headEnd}) is widened ${widenLabel(axis.widen)}`,
        ),
      ];
    case 'oneSegment':
      return sumClaim(`linear rank axis (${ONE_SEGMENT_WHY[axis.reason]})`);
    default:
      return sumClaim('linear rank axis');
  }
}

/** Why head mode drew one linear segment, in the legend's words. */
const ONE_SEGMENT_WHY: Record<OneSegmentReason, string> = {
  noForeground: 'f = 0, no head to widen',
  headTooLarge: `no head to widen: ranks 1–${HEAD_K}f are over ${100 * MAX_HEAD_SHARE}% of all`,
};

/** The panel's text alternative with the numbers it draws, e.g. 'FP soft 394.4: main 12.22, bias 382.1, 97% bias, FP hard 20'. */
export function sortedSummary(d: DecompositionW, side: Side): string {
  const [sym, main, bias, hard] =
    side === 'fp' ? (['FP', d.fpMain, d.fpBias, d.fpHard] as const) : (['FN', d.fnMain, d.fnBias, d.fnHard] as const);
  const soft = main + bias;
  const share = soft > 0 ? `${Math.round((100 * bias) / soft)}% bias` : 'no soft errors';
  return `${sym} soft ${fmt4(soft)}: main ${fmt4(main)}, bias ${fmt4(bias)}, ${share}, ${sym} hard ${hard}`;
}

/** The svg's aria-label: what is sorted, at which t, and the summary. */
export function sortedAriaLabel(title: string, d: DecompositionW, side: Side, t: number): string {
  const what = side === 'fp' ? 'background predictions' : 'foreground errors';
  return `${title}: sorted ${what} with threshold t = ${t}. ${sortedSummary(d, side)}.`;
}

export interface SumStyle {
  value: 'fpMain' | 'fpBias' | 'fnMain' | 'fnBias';
  rule: string;
  color: string;
  opacity?: number;
  terms: TermId[];
}

/** Which pixels each sum holds and the terms it feeds (the ε-weighted ones only on the FP side). */
export const SUMS: Record<Side, Record<'main' | 'bias', SumStyle>> = {
  fp: {
    main: { value: 'fpMain', rule: '  p > t', color: colors.fpMain, terms: ['fpMain', 'fpMainW'] },
    bias: { value: 'fpBias', rule: '  p ≤ t', color: colors.fpBias, opacity: 0.8, terms: ['fpBias', 'fpBiasW'] },
  },
  fn: {
    main: { value: 'fnMain', rule: '  1 − p ≥ t', color: colors.fnMain, terms: ['fnMain'] },
    bias: { value: 'fnBias', rule: '  1 − p < t', color: colors.fnBias, opacity: 0.8, terms: ['fnBias'] },
  },
};

/** One of the two sums (main or bias) with its value and the rule that puts a pixel in it. */
function sumItem(d: DecompositionW, side: Side, term: 'main' | 'bias', testId: string): LegendItem {
  const s = SUMS[side][term];
  return {
    parts: [
      side === 'fp' ? 'FP' : 'FN',
      { text: term, sub: true },
      ' = ',
      { text: fmt4(d[s.value]), bold: true },
      { text: s.rule, muted: true },
    ],
    swatch: s.opacity === undefined ? { color: s.color } : { color: s.color, opacity: s.opacity },
    terms: s.terms,
    hoverTerm: s.value,
    testId: `${testId}-${term}`,
  };
}

/** ε's dashed curve and which of Eq. 11/12 the numbers are in (see epsCase). */
function epsItems(d: DecompositionW, t: number, eps: number, testId: string): LegendItem[] {
  const c = epsCase(d, t, eps);
  return [
    {
      parts: ['ε·p past rank f  ', { text: `(ε = ${fmt3(eps)})`, muted: true }],
      swatch: { color: colors.weighted, dashed: true },
      terms: ['fpMainW', 'fpBiasW'],
      hoverTerm: 'fpBiasW',
    },
    { parts: c.short, color: c.mainAltered ? colors.fpMain : INK, testId: `${testId}-case` },
  ];
}

/** The legend: the two sums, ε's curve and its case (Eq. 11/12, see epsCase), and the area note. */
export function legendItems(
  d: DecompositionW,
  t: number,
  eps: number | null,
  side: Side,
  axis: RankAxis,
  testId: string,
): LegendItem[] {
  return [
    sumItem(d, side, 'main', testId),
    sumItem(d, side, 'bias', testId),
    ...(side === 'fp' && eps !== null ? epsItems(d, t, eps, testId) : []),
    { parts: scaleNote(axis, side), testId: `${testId}-scale-note` },
  ];
}
