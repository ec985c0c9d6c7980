import type { LossId } from '../core/lossInfo';
import { FINAL_KEYS, type RunResult, type Stat, type SummaryRow, type SweepSwitch } from './types';

/** Mean and sample standard deviation (n − 1); the sd of a single value is 0. */
export function stat(values: readonly number[]): Stat {
  const n = values.length;
  if (n === 0) return { mean: NaN, sd: NaN };
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n === 1) return { mean, sd: 0 };
  const ss = values.reduce((s, v) => s + (v - mean) ** 2, 0);
  return { mean, sd: Math.sqrt(ss / (n - 1)) };
}

/** One row per loss × switch × ratio over its seeds, in the order the runs first appear. */
export function summarise(runs: readonly RunResult[]): SummaryRow[] {
  const groups = new Map<string, { loss: LossId; switch: SweepSwitch | null; ratio: number; runs: RunResult[] }>();
  for (const r of runs) {
    const key = `${r.loss}|${r.switch ?? '-'}|${r.ratio}`;
    const g = groups.get(key) ?? { loss: r.loss, switch: r.switch, ratio: r.ratio, runs: [] };
    g.runs.push(r);
    groups.set(key, g);
  }
  return [...groups.values()].map(({ loss, switch: sw, ratio, runs: rs }) => {
    const switches = rs.map((r) => r.switchStep).filter((s): s is number => s !== null);
    const stats = Object.fromEntries(FINAL_KEYS.map((k) => [k, stat(rs.map((r) => r.final[k]))])) as Record<
      (typeof FINAL_KEYS)[number],
      Stat
    >;
    return {
      loss,
      switch: sw,
      ratio,
      n: rs.length,
      ...stats,
      switched: switches.length,
      // Over the runs that switched only: a run that never switched has no switch step to average.
      switchStep: switches.length > 0 ? stat(switches) : null,
      diverged: rs.filter((r) => r.divergedAt !== null).length,
    };
  });
}
