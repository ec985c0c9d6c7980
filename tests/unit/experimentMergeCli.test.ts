/**
 * `npm run experiment:merge`: sweeps split by loss and switch mode join into one file named by
 * --out with its CSVs beside it; the Balance runs of every switch mode pair with Intra-CBL on the
 * same data and initial weights; every bad argument exits with code 2 and a message.
 */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, readJson, tinyArgs } from './experimentCliSupport';

const dir = mkdtempSync(join(tmpdir(), 'sweep-merge-'));
const a = join(dir, 'a.json');
const b = join(dir, 'b.json');
const merge = (args: string[]) => cli(args, 'experimentMerge');

describe('npm run experiment:merge', () => {
  beforeAll(async () => {
    const steps = '20';
    const [ra, rb] = await Promise.all([
      cli([...tinyArgs({ losses: 'balance', switch: 'auto,never,fromStart', steps }), '--out', a]),
      cli([...tinyArgs({ losses: 'intra,bce', steps }), '--out', b]),
    ]);
    expect(ra.code, ra.stderr).toBe(0);
    expect(rb.code, rb.stderr).toBe(0);
  }, 180_000);

  it('writes the JSON to the file --out names and the CSVs beside it, in the queue order of the merged sweep', async () => {
    const { code, stdout, stderr } = await merge([a, b, '--out', join(dir, 'merged.json')]);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('10 runs');
    for (const f of ['merged.json', 'merged.csv', 'merged.summary.csv', 'merged.curves.csv'])
      expect(existsSync(join(dir, f))).toBe(true);
    const m = readJson(join(dir, 'merged.json'));
    expect(m.config.losses).toEqual(['balance', 'intra', 'bce']);
    expect(m.config.switches).toEqual(['auto', 'never', 'fromStart']);
    expect(m.runs.map((r) => `${r.loss}/${r.switch}/${r.seed}`)).toEqual([
      'balance/auto/1',
      'balance/auto/2',
      'balance/never/1',
      'balance/never/2',
      'balance/fromStart/1',
      'balance/fromStart/2',
      'intra/null/1',
      'intra/null/2',
      'bce/null/1',
      'bce/null/2',
    ]);
  }, 120_000);

  it('pairs the switch modes: Balance-never is Intra-CBL number for number, and every mode starts from the same weights', () => {
    const runs = [...readJson(a).runs, ...readJson(b).runs];
    for (const seed of [1, 2]) {
      const of = (loss: string, sw: string | null) =>
        runs.find((r) => r.loss === loss && r.switch === sw && r.seed === seed);
      expect(of('balance', 'never')?.final).toEqual(of('intra', null)?.final);
      expect(of('balance', 'never')?.curve).toEqual(of('intra', null)?.curve);
      // The stage differs (2 from the start); the predictions of the initial weights do not.
      const start = (sw: string) => ({ ...of('balance', sw)?.curve[0], stage: null });
      expect(start('auto')).toEqual(start('fromStart'));
      expect(of('balance', 'fromStart')?.curve.every((c) => c.stage === 2)).toBe(true);
      expect(of('balance', 'fromStart')?.final).not.toEqual(of('balance', 'never')?.final);
    }
  });

  it.each([
    ['no --out', () => [a, b], '--out'],
    ['an --out that is not .json', (x: string) => [a, b, '--out', join(x, 'merged.csv')], 'merged.csv'],
    ['--out given twice', (x: string) => [a, b, '--out', join(x, 'm.json'), '--out', join(x, 'n.json')], 'twice'],
    ['an unknown flag', (x: string) => [a, b, '--force', '--out', join(x, 'm.json')], '--force'],
    ['no inputs', (x: string) => ['--out', join(x, 'm.json')], 'at least one'],
    ['a missing input', (x: string) => [a, join(x, 'none.json'), '--out', join(x, 'm.json')], 'none.json'],
    ['a file that is not a sweep', (x: string) => [a, join(x, 'junk.json'), '--out', join(x, 'm.json')], 'junk.json'],
    ['the same sweep twice', (x: string) => [a, a, '--out', join(x, 'm.json')], 'more than one sweep'],
  ])(
    'refuses %s with exit code 2 and a message, writing nothing',
    async (_what, args, says) => {
      const out = mkdtempSync(join(tmpdir(), 'sweep-merge-bad-'));
      writeFileSync(join(out, 'junk.json'), '[1, 2]');
      const { code, stderr } = await merge(args(out));
      expect(code).toBe(2);
      expect(stderr).toContain(says);
      expect(stderr).toContain('Usage: npm run experiment:merge');
      expect(readdirSync(out)).toEqual(['junk.json']);
    },
    60_000,
  );

  it('refuses an unfinished sweep', async () => {
    const part = readJson(b);
    const cut = join(dir, 'cut.json');
    writeFileSync(cut, JSON.stringify({ ...part, runs: part.runs.slice(0, 1) }));
    const { code, stderr } = await merge([a, cut, '--out', join(dir, 'm2.json')]);
    expect(code).toBe(2);
    expect(stderr).toContain('unfinished');
  }, 60_000);
});
