import { describe, expect, it } from 'vitest';
import { DEFAULT_SWEEP, parseSweepArgs, SweepArgError, sweepArgsOf } from '../../src/experiments/config';
import { parseCliArgs, parseMergeArgs } from '../../src/experiments/cliArgs';
import { meanCurve, switchSteps } from '../../src/experiments/curves';
import { summaryTable } from '../../src/experiments/markdown';
import { mergeSweeps } from '../../src/experiments/merge';
import { pairedDifferences, pairedTable } from '../../src/experiments/paired';
import { decideResume } from '../../src/experiments/resume';
import { runQueue } from '../../src/experiments/queue';
import { readResults } from '../../src/experiments/readResults';
import { stat, summarise } from '../../src/experiments/summary';
import type { RunResult, SweepResults } from '../../src/experiments/types';
import { experimentFromQuery } from '../../src/state/experimentView';
import { schema } from '../../src/params/schema';

const run = (loss: RunResult['loss'], ratio: number, seed: number, dice: number): RunResult => ({
  loss,
  switch: loss === 'balance' ? 'auto' : null,
  ratio,
  seed,
  steps: 5,
  switchStep: loss === 'balance' ? 3 : null,
  divergedAt: null,
  trainedAtEnd: loss,
  final: {
    dice,
    iou: dice / 2,
    precision: 1,
    recall: dice,
    fpHard: 1,
    fnHard: 2,
    fpMain: 0.5,
    fpBias: 1.5,
    fnMain: 2,
    fnBias: 0.1,
    bgBiasShare: 0.2,
  },
  curve: [],
});

describe('sweep configuration', () => {
  it('round-trips through its textual form and keeps the ratio range of the imbalance slider', () => {
    expect(parseSweepArgs(sweepArgsOf(DEFAULT_SWEEP))).toEqual(DEFAULT_SWEEP);
    expect(parseSweepArgs({ ratios: `${schema.imbalance.min},${schema.imbalance.max}` }).ratios).toEqual([2, 500]);
    expect(() => parseSweepArgs({ ratios: String(schema.imbalance.max + 1) })).toThrow(SweepArgError);
    expect(() => parseSweepArgs({ ratios: '10,10' })).toThrow(/twice/);
    expect(() => parseSweepArgs({ steps: '0' })).toThrow(/--steps "0"/);
    expect(() => parseSweepArgs({ lr: 'fast' })).toThrow(/--lr "fast": is not a number/);
  });
  it('orders the queue loss, ratio, seed', () => {
    const q = runQueue({ ...DEFAULT_SWEEP, losses: ['bce', 'balance'], ratios: [10, 50], seeds: [1, 2] });
    expect(q.map((r) => `${r.loss}${r.ratio}/${r.seed}`)).toEqual([
      'bce10/1',
      'bce10/2',
      'bce50/1',
      'bce50/2',
      'balance10/1',
      'balance10/2',
      'balance50/1',
      'balance50/2',
    ]);
  });
  it('reads a sweep from a link and reports bad values', () => {
    const r = experimentFromQuery('?x=1&x.losses=dice,focal&x.steps=-1&x.foo=2');
    expect(r.open).toBe(true);
    expect(r.config.losses).toEqual(['dice', 'focal']);
    expect(r.config.steps).toBe(DEFAULT_SWEEP.steps);
    expect(r.problems).toHaveLength(2);
    const sw = experimentFromQuery('?x.switch=auto,fromStart&x.losses=balance');
    expect(sw.config.switches).toEqual(['auto', 'fromStart']);
    expect(sw.problems).toEqual([]);
    expect(experimentFromQuery('?x.switch=sometimes').problems[0]).toMatch(/--switch "sometimes"/);
  });
});

describe('summary', () => {
  it('gives the mean and the sample sd', () => {
    expect(stat([1, 2, 3])).toEqual({ mean: 2, sd: 1 });
    expect(stat([4])).toEqual({ mean: 4, sd: 0 });
    const s = summarise([run('bce', 10, 1, 0.5), run('bce', 10, 2, 0.7), run('balance', 10, 1, 0.9)]);
    expect(s.map((r) => [r.loss, r.n])).toEqual([
      ['bce', 2],
      ['balance', 1],
    ]);
    expect(s[0].dice.mean).toBeCloseTo(0.6, 12);
    expect(s[0].dice.sd).toBeCloseTo(Math.SQRT2 * 0.1, 12);
    expect(s[1].switchStep).toEqual({ mean: 3, sd: 0 });
    expect(s[0].switchStep).toBeNull();
  });
  it('merges sweeps that differ only in their losses, and reads results files back', () => {
    const a: SweepResults = {
      config: { ...DEFAULT_SWEEP, losses: ['balance'], ratios: [10], seeds: [1] },
      runs: [run('balance', 10, 1, 0.9)],
      summary: [],
    };
    const b: SweepResults = {
      config: { ...DEFAULT_SWEEP, losses: ['bce'], ratios: [10], seeds: [1] },
      runs: [run('bce', 10, 1, 0.5)],
      summary: [],
    };
    const m = mergeSweeps([a, b]);
    expect(m.config.losses).toEqual(['balance', 'bce']);
    expect(readResults(JSON.stringify(m)).summary).toEqual(m.summary);
    expect(() => mergeSweeps([a, { ...b, config: { ...b.config, steps: 1 } }])).toThrow(/more than their losses/);
    expect(() => readResults('{"config": {}, "runs": [{}]}')).toThrow();
    expect(() => readResults('nope')).toThrow(/not JSON/);
  });
});

describe('the switch as a sweep dimension, and resuming', () => {
  it('queues the Balance loss once per switch mode and every other loss once', () => {
    const config = parseSweepArgs({ losses: 'balance,intra', switch: 'auto,fromStart', ratios: '50', seeds: '1' });
    expect(runQueue(config).map((r) => `${r.loss}/${r.switch}`)).toEqual([
      'balance/auto',
      'balance/fromStart',
      'intra/null',
    ]);
    expect(() => parseSweepArgs({ switch: 'now' })).toThrow(/--switch "now": unknown switch mode/);
    expect(sweepArgsOf(config).switch).toBe('auto,fromStart');
  });
  it('reads results written before the switch and the curves existed as the default switch', () => {
    const old = {
      config: { ...DEFAULT_SWEEP, switches: undefined },
      runs: [{ ...run('balance', 10, 1, 0.5), switch: undefined, curve: undefined }],
    };
    const r = readResults(JSON.stringify(old));
    expect(r.config.switches).toEqual(['auto']);
    expect(r.runs[0].switch).toBe('auto');
    expect(r.runs[0].curve).toEqual([]);
    expect(r.summary[0].switch).toBe('auto');
  });
  it('resumes the same sweep, keeping only runs of its queue, and refuses a different one unless forced', () => {
    const config = { ...DEFAULT_SWEEP, losses: ['bce' as const], ratios: [10], seeds: [1, 2] };
    const existing: SweepResults = {
      config,
      runs: [run('bce', 10, 1, 0.5)],
      summary: [],
      meta: { backend: 'wasm', seconds: 40, finishedAt: '' },
    };
    expect(decideResume(existing, config, false)).toEqual({ kind: 'resume', kept: existing.runs, seconds: 40 });
    const other = decideResume(existing, { ...config, seeds: [1, 3] }, false);
    expect(other.kind === 'refuse' && other.why).toMatch(/--seeds 1,2 → 1,3.*--force/);
    expect(decideResume(existing, { ...config, seeds: [1, 3] }, true)).toEqual({ kind: 'fresh' });
    expect(decideResume(new Error('bad'), config, false).kind).toBe('refuse');
    expect(decideResume(null, config, false)).toEqual({ kind: 'fresh' });
  });
  it('reads --force without a value and refuses a repeated --out', () => {
    expect(parseCliArgs(['--steps', '5', '--force', '--out', 'r.json'])).toMatchObject({ force: true, out: 'r.json' });
    expect(parseCliArgs(['--out', 'r.json']).force).toBe(false);
    expect(() => parseCliArgs(['--out', 'a.json', '--out=b.json'])).toThrow(/--out "b.json": is given twice/);
    expect(() => parseMergeArgs(['a.json', '--out', 'm.csv'])).toThrow(/must end in .json/);
    expect(parseMergeArgs(['a.json', 'b.json', '--out', 'm.json'])).toEqual({
      inputs: ['a.json', 'b.json'],
      out: 'm.json',
    });
  });
});

describe('paired differences', () => {
  const withSwitch = (r: RunResult, sw: RunResult['switch'], dice: number, fpBias: number): RunResult => ({
    ...r,
    switch: sw,
    final: { ...r.final, dice, fpBias },
  });
  it('subtracts run from run on the same ratio and seed, and counts the seeds with a positive difference', () => {
    const runs = [
      withSwitch(run('balance', 200, 1, 0), 'auto', 0.5, 10),
      withSwitch(run('balance', 200, 2, 0), 'auto', 0.4, 10),
      withSwitch(run('balance', 200, 3, 0), 'auto', 0.9, 10),
      withSwitch(run('balance', 200, 1, 0), 'fromStart', 0.1, 30),
      withSwitch(run('balance', 200, 2, 0), 'fromStart', 0.2, 2),
      run('intra', 200, 1, 0.3),
      run('intra', 200, 2, 0.6),
      run('bce', 200, 1, 0.9),
    ];
    const rows = pairedDifferences(runs);
    expect(rows.map((r) => [r.comparison, r.ratio, r.seeds])).toEqual([
      ['balance-intra', 200, [1, 2]],
      ['auto-fromStart', 200, [1, 2]],
    ]);
    const [vsIntra, vsStart] = rows;
    expect(vsIntra.diffs.dice[0]).toBeCloseTo(0.2, 12);
    expect(vsIntra.diffs.dice[1]).toBeCloseTo(-0.2, 12);
    expect(vsIntra.stats.dice.mean).toBeCloseTo(0, 12);
    expect(vsIntra.stats.dice.positive).toBe(1);
    expect(vsStart.diffs.fpBias).toEqual([-20, 8]);
    expect(vsStart.stats.fpBias).toMatchObject({ mean: -6, positive: 1 });
    expect(vsStart.stats.dice.positive).toBe(2);
    const table = pairedTable(rows).split('\n');
    expect(table[0]).toBe('| comparison | b/f | seeds | Δ Dice | Δ FP bias | Δ FN bias | Δ FP_hard |');
    expect(table[3]).toContain(
      '| Balance-auto − Balance-from-start | 200 | 2 | +0.300 ± 0.141 (2/2 > 0) | −6.0 ± 19.8 (1/2 > 0) |',
    );
  });
  it('has no rows when no pair ran', () => {
    expect(pairedDifferences([run('bce', 10, 1, 0.5), run('balance', 10, 1, 0.5)])).toEqual([]);
  });
});

describe('learning curves', () => {
  const curved = (seed: number, dices: number[], switchStep: number | null): RunResult => ({
    ...run('balance', 200, seed, dices[dices.length - 1]),
    switchStep,
    curve: dices.map((dice, i) => ({ step: 50 * i, stage: 1, dice, fpMain: 0, fpBias: 0, fnMain: 0, fnBias: 0 })),
  });
  it('averages a series over its seeds at each measured step and lists its switch steps', () => {
    const runs = [curved(1, [0, 0.2, 0.4], 60), curved(2, [0, 0.4, 0.6], null), curved(3, [0, 0.3], 80)];
    const balance = { loss: 'balance' as const, switch: 'auto' as const };
    const c = meanCurve(runs, balance, 200);
    expect(c.map((p) => [p.step, p.n])).toEqual([
      [0, 3],
      [50, 3],
      [100, 2],
    ]);
    expect(c[1].mean).toBeCloseTo(0.3, 12);
    expect(c[1].sd).toBeCloseTo(0.1, 12);
    expect(c[2].mean).toBeCloseTo(0.5, 12);
    expect(switchSteps(runs, balance, 200)).toEqual([60, 80]);
    expect(meanCurve(runs, { loss: 'balance', switch: 'fromStart' }, 200)).toEqual([]);
    expect(meanCurve(runs, balance, 50)).toEqual([]);
  });
});

describe('the Markdown summary', () => {
  it('lists series by ratio with mean ± sd, and names the Balance switch mode', () => {
    const fromStart: RunResult = { ...run('balance', 10, 1, 0.4), switch: 'fromStart', switchStep: null };
    const lines = summaryTable(summarise([run('balance', 50, 1, 0.5), run('bce', 10, 1, 0.7), fromStart])).split('\n');
    expect(lines[0]).toMatch(/^\| b\/f \| loss \| n \| Dice \|/);
    expect(lines.slice(2, 5).map((l) => l.split(' | ').slice(0, 4))).toEqual([
      ['| 10', 'BCE', '1', '0.700 ± 0.000'],
      ['| 10', 'Balance loss (stage 2 from the start)', '1', '0.400 ± 0.000'],
      ['| 50', 'Balance loss', '1', '0.500 ± 0.000'],
    ]);
    expect(lines[3]).toMatch(/\| from the start \|$/);
    expect(lines[4]).toMatch(/\| 3 ± 0 \(1\/1\) \|$/);
  });
});
