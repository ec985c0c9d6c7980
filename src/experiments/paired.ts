/**
 * Paired differences (issue 21): runs of two configurations on the same ratio and seed share
 * their data, initial weights and batch order, so their difference isolates the one thing that
 * differs — the second stage (Balance − Intra-CBL) or when it starts (auto − from the start).
 */
import type { LossId } from '../core/lossInfo';
import { stat } from './summary';
import type { RunResult, Stat, SweepSwitch } from './types';

/** The three (Dice, FP and FN bias), and the hard FP count the bias tail is the soft side of. */
export const PAIRED_METRICS = ['dice', 'fpBias', 'fnBias', 'fpHard'] as const;
export type PairedMetric = (typeof PAIRED_METRICS)[number];

interface Side {
  loss: LossId;
  switch: SweepSwitch | null;
}

export interface Comparison {
  id: string;
  label: string;
  a: Side;
  b: Side;
}

export const COMPARISONS: readonly Comparison[] = [
  {
    id: 'balance-intra',
    label: 'Balance − Intra-CBL',
    a: { loss: 'balance', switch: 'auto' },
    b: { loss: 'intra', switch: null },
  },
  {
    id: 'auto-fromStart',
    label: 'Balance-auto − Balance-from-start',
    a: { loss: 'balance', switch: 'auto' },
    b: { loss: 'balance', switch: 'fromStart' },
  },
];

export type PairedStat = Stat & {
  /** Seeds where a − b > 0. */
  positive: number;
};

export interface PairedRow {
  comparison: string;
  label: string;
  ratio: number;
  /** The seeds both sides ran, ascending. */
  seeds: number[];
  /** a − b per seed, in the order of `seeds`. */
  diffs: Record<PairedMetric, number[]>;
  stats: Record<PairedMetric, PairedStat>;
}

const isSide = (r: RunResult, s: Side): boolean => r.loss === s.loss && r.switch === s.switch;

/** Every comparison both of whose sides ran, per ratio, over the seeds they share. */
export function pairedDifferences(runs: readonly RunResult[]): PairedRow[] {
  const rows: PairedRow[] = [];
  const ratios = [...new Set(runs.map((r) => r.ratio))].sort((x, y) => x - y);
  for (const c of COMPARISONS)
    for (const ratio of ratios) {
      const at = (s: Side) => new Map(runs.filter((r) => r.ratio === ratio && isSide(r, s)).map((r) => [r.seed, r]));
      const a = at(c.a);
      const b = at(c.b);
      const seeds = [...a.keys()].filter((s) => b.has(s)).sort((x, y) => x - y);
      if (seeds.length === 0) continue;
      const diffs = Object.fromEntries(
        PAIRED_METRICS.map((m) => [
          m,
          seeds.map((s) => (a.get(s) as RunResult).final[m] - (b.get(s) as RunResult).final[m]),
        ]),
      ) as Record<PairedMetric, number[]>;
      const stats = Object.fromEntries(
        PAIRED_METRICS.map((m) => [m, { ...stat(diffs[m]), positive: diffs[m].filter((d) => d > 0).length }]),
      ) as Record<PairedMetric, PairedStat>;
      rows.push({ comparison: c.id, label: c.label, ratio, seeds, diffs, stats });
    }
  return rows;
}

const METRIC_HEAD: Record<PairedMetric, string> = {
  dice: 'Δ Dice',
  fpBias: 'Δ FP bias',
  fnBias: 'Δ FN bias',
  fpHard: 'Δ FP_hard',
};
const DIGITS: Record<PairedMetric, number> = { dice: 3, fpBias: 1, fnBias: 1, fpHard: 1 };

const signed = (v: number, digits: number): string => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(digits)}`;

/** The paired table as Markdown: mean ± sd of a − b and the seeds with a positive difference. */
export function pairedTable(rows: readonly PairedRow[]): string {
  const head = `| comparison | b/f | seeds | ${PAIRED_METRICS.map((m) => METRIC_HEAD[m]).join(' | ')} |`;
  const rule = `|---|---:|---:|${PAIRED_METRICS.map(() => '---').join('|')}|`;
  const lines = rows.map((r) => {
    const cells = PAIRED_METRICS.map((m) => {
      const s = r.stats[m];
      return `${signed(s.mean, DIGITS[m])} ± ${s.sd.toFixed(DIGITS[m])} (${s.positive}/${r.seeds.length} > 0)`;
    });
    return `| ${r.label} | ${r.ratio} | ${r.seeds.length} | ${cells.join(' | ')} |`;
  });
  return [head, rule, ...lines].join('\n') + '\n';
}
