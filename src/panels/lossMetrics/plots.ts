/** The three stacked plots of the loss panel (loss, validation, hard counts) as series of [step, value]. */
import * as d3 from 'd3';
import { colors, INK, MUTED } from '../kit/theme';
import type { LossPanelProps } from '../types';

type History = LossPanelProps['history'];
type Steps = LossPanelProps['steps'];

export const C = {
  loss: MUTED,
  lossSmooth: INK,
  intra: '#009E73',
  inter: colors.weighted,
  dice: INK,
  iou: '#8a8f98',
};

export type Pt = [number, number];

export interface Series {
  label: string;
  color: string;
  width: number;
  dash?: string;
  opacity?: number;
  points: Pt[];
  /** Left out of the legend (e.g. the raw loss under its smoothed line). */
  noLegend?: boolean;
}

export interface SubPlot {
  title: string;
  series: Series[];
  scale: 'linear' | 'symlog';
  domain?: [number, number];
  format: (v: number) => string;
  weight: number;
}

/** Exponential moving average; the weight adapts so a short run is not over-smoothed. */
function smooth(points: Pt[]): Pt[] {
  if (points.length < 8) return [];
  const alpha = Math.min(0.3, Math.max(0.02, 20 / points.length));
  let m = points[0][1];
  return points.map(([s, v]) => {
    m = Number.isFinite(v) ? m + alpha * (v - m) : m;
    return [s, m];
  });
}

/** `history` already re-derived at the current t. */
export function lossPlots(history: History, steps: Steps): SubPlot[] {
  return [
    { title: 'loss', series: lossSeries(history, steps), scale: 'linear', format: d3.format('.2~f'), weight: 0.44 },
    {
      title: 'validation',
      series: [
        { label: 'Dice (p > 0.5)', color: C.dice, width: 2, points: history.map((e) => [e.step, e.dice]) },
        { label: 'IoU', color: C.iou, width: 2, dash: '5 3', points: history.map((e) => [e.step, e.iou]) },
      ],
      scale: 'linear',
      domain: [0, 1],
      format: d3.format('.1f'),
      weight: 0.28,
    },
    {
      title: 'hard counts',
      series: [
        { label: 'FP (hard)', color: colors.fpMain, width: 2, points: history.map((e) => [e.step, e.fpHard]) },
        { label: 'FN (hard)', color: colors.fnMain, width: 2, points: history.map((e) => [e.step, e.fnHard]) },
      ],
      scale: 'symlog',
      format: d3.format('~s'),
      weight: 0.28,
    },
  ];
}

/** The training loss per step and smoothed, with the Intra-/Inter-CBL parts where they were logged. */
function lossSeries(history: History, steps: Steps): Series[] {
  const raw: Pt[] = steps.map((s) => [s.step, s.loss]);
  const intra: Pt[] = [];
  const inter: Pt[] = [];
  for (const e of history) {
    if (e.intra !== null) intra.push([e.step, e.intra]);
    if (e.inter !== null) inter.push([e.step, e.inter]);
  }
  const series: Series[] = [
    { label: 'per step', color: C.loss, width: 1.5, opacity: 0.55, points: raw },
    { label: 'smoothed', color: C.lossSmooth, width: 2.25, points: smooth(raw) },
    { label: 'Intra-CBL', color: C.intra, width: 2, points: intra },
    { label: 'Inter-CBL', color: C.inter, width: 2, dash: '6 3', points: inter },
  ];
  return series.filter((s) => s.points.length > 0);
}
