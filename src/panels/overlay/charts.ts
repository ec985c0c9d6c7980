/**
 * The four charts of compare mode's overlay: which quantities each draws, on which scale, and
 * what its caption says. Colour names the quantity; the line style names the run (A solid, B dashed).
 */
import * as d3 from 'd3';
import type { OverlayKey, OverlayRow } from '../../state/overlayQuantities';
import { colors, INK } from '../kit/theme';
import { C } from '../lossMetrics/plots';
import { fmtCount } from '../mainBiasHistory/curves';
import type { TermId } from '../types';

export interface OverlayQuantity {
  key: OverlayKey;
  label: string;
  color: string;
  /** The Eq. 9–12 term it draws, for the cross-panel highlight. */
  term?: TermId;
}

export type OverlayScale = 'log' | 'linear' | 'symlog';

/** One run as the overlay draws it. */
export interface OverlayRun {
  tag: 'A' | 'B';
  /** The run's differing settings, e.g. "Balance loss · ε 0.01". */
  label: string;
  rows: readonly OverlayRow[];
  switchedAt: number | null;
}

export interface OverlayChartSpec {
  id: 'history' | 'metrics' | 'share' | 'hard';
  title: string;
  testId: string;
  scale: OverlayScale;
  /** Fixed value range (metrics and shares); otherwise from the data. */
  domain?: [number, number];
  format: (v: number) => string;
  /** A value as the hover box reads it (finer than the axis ticks). */
  readout: (v: number) => string;
  yLabel: string;
  quantities: OverlayQuantity[];
  /** The sentence under the chart at threshold t (docs/design.md for the definitions). */
  caption: (t: number) => string;
}

/** Line style per run: A solid, B dashed (the same dash in the legend and on the chart). */
export const RUN_DASH: Record<'A' | 'B', string | null> = { A: null, B: '8 5' };
export const RUN_INK = INK;

export const OVERLAY_CHARTS: readonly OverlayChartSpec[] = [
  {
    id: 'history',
    title: 'Main vs bias over training, A and B',
    testId: 'overlay-history',
    scale: 'log',
    format: fmtCount,
    readout: fmtCount,
    yLabel: 'soft pixel count',
    quantities: [
      { key: 'fpMain', label: 'FP main', color: colors.fpMain, term: 'fpMain' },
      { key: 'fpBias', label: 'FP bias', color: colors.fpBias, term: 'fpBias' },
      { key: 'fnMain', label: 'FN main', color: colors.fnMain, term: 'fnMain' },
      { key: 'fnBias', label: 'FN bias', color: colors.fnBias, term: 'fnBias' },
    ],
    caption: (t) =>
      `Recomputed at t = ${t.toFixed(3)} from each logged step’s validation histogram. Hover a colour in the legend to keep one term.`,
  },
  {
    id: 'metrics',
    title: 'Dice and IoU, A and B',
    testId: 'overlay-metrics',
    scale: 'linear',
    domain: [0, 1],
    format: d3.format('.1f'),
    readout: d3.format('.3f'),
    yLabel: 'validation, p > 0.5',
    quantities: [
      { key: 'dice', label: 'Dice', color: C.dice },
      { key: 'iou', label: 'IoU', color: C.iou },
    ],
    caption: () => 'Test metrics on the validation images at p > 0.5, whatever t is.',
  },
  {
    id: 'share',
    title: 'Push on background bias, A and B',
    testId: 'overlay-share',
    scale: 'linear',
    domain: [0, 1],
    format: d3.format('.0%'),
    readout: d3.format('.1%'),
    yLabel: 'share of Σ|∂L/∂z|',
    quantities: [{ key: 'bgBiasShare', label: 'BG-bias share, trained loss', color: colors.fpBias, term: 'fpBias' }],
    caption: (t) =>
      `The share of Σ|∂L/∂z| that the loss each run trained with at that step puts on background pixels with p ≤ t = ${t.toFixed(3)}, on its validation predictions.`,
  },
  {
    id: 'hard',
    title: 'Hard FP and FN at t, A and B',
    testId: 'overlay-hard',
    scale: 'symlog',
    format: d3.format('~s'),
    readout: d3.format(','),
    yLabel: 'pixels (symlog)',
    quantities: [
      { key: 'fpHard', label: 'FP (hard)', color: colors.fpMain },
      { key: 'fnHard', label: 'FN (hard)', color: colors.fnMain },
    ],
    caption: (t) =>
      `FP_hard = background pixels with p > t, FN_hard = foreground pixels with 1 − p ≥ t, at t = ${t.toFixed(3)}, over the validation images.`,
  },
];
