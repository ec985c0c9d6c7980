/**
 * Sweeps that survive (issue 18): a sweep killed after its first finished run resumes with the same
 * command and ends with exactly the runs of an unbroken sweep; an output holding another sweep is
 * refused unless --force; repeated --out is refused; a single run rerun alone gives the sweep's numbers.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readResults } from '../../src/experiments/readResults';
import { cli, readJson, startCli, tinyArgs } from './experimentCliSupport';

const tmp = (name: string): string => mkdtempSync(join(tmpdir(), `sweep-${name}-`));

/** Polls until the file holds at least one run (the first finished run), or the process ends. */
async function firstRunLanded(path: string, alive: () => boolean): Promise<void> {
  for (;;) {
    if (existsSync(path) && readResults(readFileSync(path, 'utf8')).runs.length > 0) return;
    if (!alive()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('a sweep that survives', () => {
  it('killed after its first run, resumes with the same command: keeps the finished runs, trains the rest, and ends equal to an unbroken sweep', async () => {
    const dir = tmp('kill');
    // 6 runs of 30 steps: long enough that the kill lands while runs remain.
    const args = tinyArgs({ seeds: '1,2,3', steps: '30' });
    const out = join(dir, 'r.json');
    const child = startCli([...args, '--out', out]);
    let exited = false;
    const ended = new Promise<void>((r) => child.on('exit', () => ((exited = true), r())));
    await firstRunLanded(out, () => !exited);
    child.kill('SIGKILL');
    await ended;
    // Whatever the moment of the kill, the JSON on disk is whole.
    const partial = readResults(readFileSync(out, 'utf8'));
    expect(partial.runs.length).toBeGreaterThan(0);
    expect(partial.runs.length).toBeLessThan(6);

    const [resumed, unbroken] = await Promise.all([
      cli([...args, '--out', out]),
      cli([...args, '--out', join(dir, 'ref.json')]),
    ]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(unbroken.code, unbroken.stderr).toBe(0);
    const kept = partial.runs.length;
    expect(resumed.stderr).toContain(`kept ${kept} finished runs, training ${6 - kept}`);
    const a = readJson(out);
    const b = readJson(join(dir, 'ref.json'));
    expect(a.runs).toHaveLength(6);
    expect(a.runs).toEqual(b.runs);
    expect(a.summary).toEqual(b.summary);
    expect(a.runs.slice(0, kept)).toEqual(partial.runs);
    expect(readFileSync(join(dir, 'r.csv'), 'utf8')).toBe(readFileSync(join(dir, 'ref.csv'), 'utf8'));
  }, 180_000);

  it('refuses a different sweep at an existing --out unless --force, and repeated --out; rerunning a finished sweep trains nothing', async () => {
    const dir = tmp('refuse');
    const out = join(dir, 'r.json');
    const first = await cli([...tinyArgs(), '--out', out]);
    expect(first.code, first.stderr).toBe(0);
    const before = readFileSync(out, 'utf8');

    const other = await cli([...tinyArgs({ steps: '4' }), '--out', out]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('--steps 3 → 4');
    expect(other.stderr).toContain('--force');
    expect(readFileSync(out, 'utf8')).toBe(before);

    const twice = await cli([...tinyArgs(), '--out', out, '--out', join(dir, 'b.json')]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/--out .*is given twice/);
    expect(existsSync(join(dir, 'b.json'))).toBe(false);

    const again = await cli([...tinyArgs(), '--out', out]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('kept 4 finished runs, training 0');
    expect(readJson(out).runs).toEqual(JSON.parse(before).runs);

    const forced = await cli([...tinyArgs({ steps: '4' }), '--out', out, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readJson(out).config.steps).toBe(4);
    expect(readJson(out).runs.every((r) => r.steps === 4)).toBe(true);
  }, 180_000);

  it('refuses an output that is not a results file, leaving it as it was', async () => {
    const dir = tmp('junk');
    writeFileSync(join(dir, 'r.json'), '{"not": "a sweep"}');
    const { code, stderr } = await cli([...tinyArgs(), '--out', join(dir, 'r.json')]);
    expect(code).toBe(2);
    expect(stderr).toContain('not a sweep');
    expect(readFileSync(join(dir, 'r.json'), 'utf8')).toBe('{"not": "a sweep"}');
    expect(readdirSync(dir)).toEqual(['r.json']);
  }, 120_000);

  it('gives the same final numbers and curve when one run of a sweep is rerun alone with the same arguments', async () => {
    const dir = tmp('single');
    const sweep = tinyArgs({ losses: 'bce,balance', switch: 'auto,fromStart', seeds: '1,2', steps: '30' });
    const single = tinyArgs({ losses: 'balance', switch: 'fromStart', seeds: '2', steps: '30' });
    const [all, one] = await Promise.all([
      cli([...sweep, '--out', join(dir, 'all.json')]),
      cli([...single, '--out', join(dir, 'one.json')]),
    ]);
    expect(all.code, all.stderr).toBe(0);
    expect(one.code, one.stderr).toBe(0);
    const runs = readJson(join(dir, 'all.json')).runs;
    const alone = readJson(join(dir, 'one.json')).runs;
    expect(alone).toHaveLength(1);
    const same = runs.find((r) => r.loss === 'balance' && r.switch === 'fromStart' && r.seed === 2);
    expect(same?.final).toEqual(alone[0].final);
    expect(same?.curve).toEqual(alone[0].curve);
    expect(alone[0].curve.map((c) => c.step)).toEqual([0, 30]);
  }, 180_000);
});
