/**
 * `npm run experiment` end to end, as a user runs it: a tiny sweep writes the documented JSON and
 * CSV, the same seeds reproduce it exactly, and each bad argument is refused with code 2, a
 * message naming the argument and its value, and no file written.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, readJson as read, tinyArgs } from './experimentCliSupport';

const TINY = tinyArgs();

describe('npm run experiment', () => {
  it('writes the documented JSON and CSV for a tiny sweep, and the same seeds reproduce it exactly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sweep-'));
    const [a, b] = await Promise.all([
      cli([...TINY, '--out', join(dir, 'a.json')]),
      cli([...TINY, '--out', join(dir, 'b.json')]),
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const ra = read(join(dir, 'a.json'));
    expect(ra.config).toMatchObject({
      losses: ['bce', 'balance'],
      ratios: [10],
      seeds: [1, 2],
      steps: 3,
      size: '32',
      levels: 2,
      width: 4,
      batchSize: 2,
    });
    expect(ra.runs.map((r) => `${r.loss} ${r.ratio} ${r.seed}`)).toEqual([
      'bce 10 1',
      'bce 10 2',
      'balance 10 1',
      'balance 10 2',
    ]);
    for (const r of ra.runs) {
      expect(r.steps).toBe(3);
      expect(Object.keys(r.final).sort()).toEqual(
        [
          'bgBiasShare',
          'dice',
          'fnBias',
          'fnHard',
          'fnMain',
          'fpBias',
          'fpHard',
          'fpMain',
          'iou',
          'precision',
          'recall',
        ].sort(),
      );
      for (const v of Object.values(r.final)) expect(Number.isFinite(v)).toBe(true);
      expect(r.switchStep === null || typeof r.switchStep === 'number').toBe(true);
      expect(r.switch).toBe(r.loss === 'balance' ? 'auto' : null);
      expect(r.curve.map((c) => c.step)).toEqual([0, 3]);
    }
    expect(ra.summary.map((s) => [s.loss, s.ratio, s.n])).toEqual([
      ['bce', 10, 2],
      ['balance', 10, 2],
    ]);
    const dices = ra.runs.filter((r) => r.loss === 'bce').map((r) => r.final.dice);
    expect(ra.summary[0].dice.mean).toBeCloseTo((dices[0] + dices[1]) / 2, 12);
    expect(ra.summary[0].recall).toHaveProperty('sd');
    const csv = readFileSync(join(dir, 'a.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toMatch(/^loss,switch,ratio,seed,steps,switchStep/);
    expect(csv).toHaveLength(5);
    const rb = read(join(dir, 'b.json'));
    expect(rb.runs).toEqual(ra.runs);
    expect(rb.summary).toEqual(ra.summary);
  }, 180_000);

  it.concurrent.each([
    ['an unknown loss', ['--losses', 'bce,hinge'], 'losses', 'hinge'],
    ['negative steps', ['--steps', '-5'], 'steps', '-5'],
    ['a ratio above the schema range', ['--ratios', '10,1000'], 'ratios', '1000'],
    ['a ratio below the schema range', ['--ratios', '1'], 'ratios', '1'],
    ['an unwritable output', ['--out', '/nonexistent-folder/results.json'], 'out', '/nonexistent-folder/results.json'],
  ])(
    'refuses %s: exit code 2, the argument and value named, nothing written',
    async (_what, bad, name, value) => {
      const dir = mkdtempSync(join(tmpdir(), 'sweep-bad-'));
      const args = [...TINY, '--out', join(dir, 'r.json')];
      for (let i = 0; i < bad.length; i += 2) {
        const at = args.indexOf(bad[i]);
        args[at + 1] = bad[i + 1];
      }
      const { code, stderr } = await cli(args);
      expect(code).toBe(2);
      expect(stderr).toContain(`--${name}`);
      expect(stderr).toContain(value);
      expect(readdirSync(dir)).toEqual([]);
    },
    120_000,
  );

  it('refuses an output path that is a folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sweep-dir-'));
    mkdirSync(join(dir, 'r.json'));
    const { code, stderr } = await cli([...TINY, '--out', join(dir, 'r.json')]);
    expect(code).toBe(2);
    expect(stderr).toContain('--out');
    expect(existsSync(join(dir, 'r.csv'))).toBe(false);
  }, 120_000);
});
