/** Types shared by the parts of the sorted-predictions chart. */
import type * as d3 from 'd3';
import type { DecompositionW } from '../../engine/protocol';
import type { SortedPredictionsProps, TermId } from '../types';

export type Side = SortedPredictionsProps['side'];
export type RankScale = SortedPredictionsProps['xScale'];
export type G = d3.Selection<SVGGElement, unknown, null, undefined>;
export type Hover = (term: TermId | null) => void;

/** What one drawing of the chart depends on. */
export interface ChartInput {
  width: number;
  height: number;
  /** The values in rank order (rank r is sorted[r − 1]). */
  sorted: Float64Array;
  d: DecompositionW;
  t: number;
  eps: number | null;
  side: Side;
  xScale: RankScale;
  testId: string;
}
