/** The five curves of the main-vs-bias history and how their values read. */
import * as d3 from 'd3';
import { colors } from '../kit/theme';

export type CurveId = 'fpMain' | 'fpBias' | 'fnMain' | 'fnBias' | 'fpBiasW';

export interface Curve {
  id: CurveId;
  label: string;
  color: string;
  dashed: boolean;
}

export const CURVES: readonly Curve[] = [
  { id: 'fpMain', label: 'FP main', color: colors.fpMain, dashed: false },
  { id: 'fpBias', label: 'FP bias', color: colors.fpBias, dashed: false },
  { id: 'fnMain', label: 'FN main', color: colors.fnMain, dashed: false },
  { id: 'fnBias', label: 'FN bias', color: colors.fnBias, dashed: false },
  { id: 'fpBiasW', label: 'FP bias, ε-weighted', color: colors.weighted, dashed: true },
];

/** A soft pixel count: whole and grouped from 100 up, three significant digits below. */
export const fmtCount = (v: number): string =>
  v === 0 ? '0' : Math.abs(v) >= 100 ? d3.format(',.0f')(v) : d3.format('.3~g')(v);
