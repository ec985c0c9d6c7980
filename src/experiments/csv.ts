import { FINAL_KEYS, type RunResult, type SummaryRow } from './types';

/** Full precision, so the CSV and the JSON hold the same numbers. */
const cell = (v: number | string | null): string =>
  v === null ? '' : typeof v === 'number' ? String(v) : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;

/** One line per run, the columns of the JSON's `runs[].final`. */
export function runsCsv(runs: readonly RunResult[]): string {
  const head = ['loss', 'switch', 'ratio', 'seed', 'steps', 'switchStep', 'divergedAt', 'trainedAtEnd', ...FINAL_KEYS];
  const rows = runs.map((r) =>
    [
      r.loss,
      r.switch,
      r.ratio,
      r.seed,
      r.steps,
      r.switchStep,
      r.divergedAt,
      r.trainedAtEnd,
      ...FINAL_KEYS.map((k) => r.final[k]),
    ]
      .map(cell)
      .join(','),
  );
  return [head.join(','), ...rows].join('\n') + '\n';
}

/** One line per loss × ratio: n, then mean and sd of every number. */
export function summaryCsv(summary: readonly SummaryRow[]): string {
  const head = [
    'loss',
    'switch',
    'ratio',
    'n',
    ...FINAL_KEYS.flatMap((k) => [`${k}_mean`, `${k}_sd`]),
    'switched',
    'switchStep_mean',
    'switchStep_sd',
    'diverged',
  ];
  const rows = summary.map((s) =>
    [
      s.loss,
      s.switch,
      s.ratio,
      s.n,
      ...FINAL_KEYS.flatMap((k) => [s[k].mean, s[k].sd]),
      s.switched,
      s.switchStep?.mean ?? null,
      s.switchStep?.sd ?? null,
      s.diverged,
    ]
      .map(cell)
      .join(','),
  );
  return [head.join(','), ...rows].join('\n') + '\n';
}

/** The learning curves: one line per run × measured step. */
export function curvesCsv(runs: readonly RunResult[]): string {
  const head = ['loss', 'switch', 'ratio', 'seed', 'step', 'stage', 'dice', 'fpMain', 'fpBias', 'fnMain', 'fnBias'];
  const rows = runs.flatMap((r) =>
    r.curve.map((c) =>
      [r.loss, r.switch, r.ratio, r.seed, c.step, c.stage, c.dice, c.fpMain, c.fpBias, c.fnMain, c.fnBias]
        .map(cell)
        .join(','),
    ),
  );
  return [head.join(','), ...rows].join('\n') + '\n';
}
