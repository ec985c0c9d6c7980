import { inSeries, type Series } from './series';
import { stat } from './summary';
import type { CurvePoint, RunResult } from './types';

export interface MeanCurvePoint {
  step: number;
  mean: number;
  sd: number;
  /** Seeds measured at this step (fewer than the series' runs after a run diverged and stopped). */
  n: number;
}

/**
 * A series' learning curve at one ratio: mean ± sd over its seeds at each measured step
 * (every run of a sweep is measured at the same steps, docs/design.md §1.4b for the metrics).
 */
export function meanCurve(
  runs: readonly RunResult[],
  series: Series,
  ratio: number,
  metric: keyof Omit<CurvePoint, 'step' | 'stage'> = 'dice',
): MeanCurvePoint[] {
  const byStep = new Map<number, number[]>();
  for (const r of runs)
    if (r.ratio === ratio && inSeries(r, series))
      for (const p of r.curve) byStep.set(p.step, [...(byStep.get(p.step) ?? []), p[metric]]);
  return [...byStep.entries()]
    .sort(([a], [b]) => a - b)
    .map(([step, values]) => ({ step, ...stat(values), n: values.length }));
}

/** The steps after which each run of a series switched to stage 2 (Algorithm 1), at one ratio. */
export const switchSteps = (runs: readonly RunResult[], series: Series, ratio: number): number[] =>
  runs
    .filter((r) => r.ratio === ratio && inSeries(r, series) && r.switchStep !== null)
    .map((r) => r.switchStep as number);
