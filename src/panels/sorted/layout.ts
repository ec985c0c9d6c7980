/** Where everything of a sorted-predictions chart goes, from its size and data (no DOM). */
import * as d3 from 'd3';
import { layoutLegend, type LegendItem } from '../kit/legend';
import { distinctDigits } from '../equations/epsCase';
import { legendItems } from './captions';
import { rankAxisOf, rankScale, type RankAxis } from './rankScale';
import type { ChartInput, Side } from './types';

export const MARGIN = { left: 58, right: 18, bottom: 48 };
export const LEGEND_X = 18;
/** Room above the plot for the rank-f label. */
const F_BAND = 26;

export interface SortedLayout {
  n: number;
  side: Side;
  fp: boolean;
  /** FP_hard (or FN_hard) clamped to the ranks: the curve crosses t between it and the next rank. */
  hard: number;
  /** Rank f = the number of foreground pixels (Fig. 2): the last rank of Inter-CBL's hard background. */
  fRank: number;
  /** Inter-CBL's hard background H is the top min(f, b) ranks; ε matters only when there is an easy rest. */
  weighted: boolean;
  showF: boolean;
  /** Significant digits of the rank-f and t labels: enough to tell kthBg from t (docs/design.md §1.4b). */
  digits: number;
  items: LegendItem[];
  legend: ReturnType<typeof layoutLegend>;
  fBand: number;
  top: number;
  plotW: number;
  plotH: number;
  /** Linear, log, or two linear segments (head and tail) with the widening of the head. */
  axis: RankAxis;
  x: d3.ScaleContinuousNumeric<number, number>;
  y: d3.ScaleContinuousNumeric<number, number>;
}

export function sortedLayout({ width, height, sorted, d, t, eps, side, xScale, testId }: ChartInput): SortedLayout {
  const n = sorted.length;
  const fp = side === 'fp';
  const showF = fp && d.kthBg !== null && d.f >= 1 && d.f <= n;
  const plotW = Math.max(40, width - MARGIN.left - MARGIN.right);
  // The FN side sorts the f foreground errors: its ranks are all "head", so head mode draws one segment.
  const axis = rankAxisOf(xScale, n, d.f, plotW);
  const items = legendItems(d, t, eps, side, axis, testId);
  const legend = layoutLegend(items, width - LEGEND_X - MARGIN.right);
  const fBand = showF ? F_BAND : 0;
  const top = 6 + legend.height + 8 + fBand;
  const plotH = Math.max(40, height - top - MARGIN.bottom);
  return {
    n,
    side,
    fp,
    hard: Math.min(n, Math.max(0, fp ? d.fpHard : d.fnHard)),
    fRank: d.f,
    weighted: fp && eps !== null && d.f < n,
    showF,
    digits: showF && d.kthBg !== null ? distinctDigits(d.kthBg, t) : 3,
    items,
    legend,
    fBand,
    top,
    plotW,
    plotH,
    axis,
    x: rankScale(axis, n, plotW),
    y: d3.scaleLinear().domain([0, 1]).range([plotH, 0]),
  };
}
