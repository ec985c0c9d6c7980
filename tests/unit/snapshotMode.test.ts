/**
 * A missing snapshot baseline fails instead of being written and passing (issue 18): the repo's
 * vitest.config.ts runs a file snapshot with no baseline, in a scratch folder under test-results/,
 * the way `npm test` would, then with `UPDATE_SNAPSHOT=new` and `-u`, the documented ways to write one.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const BASELINE = 'tests/unit/__snapshots__/greeting.txt';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function scratch(): string {
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, 'test-results', 'snapshot-mode-'));
  made.push(dir);
  mkdirSync(join(dir, 'tests/unit'), { recursive: true });
  writeFileSync(
    join(dir, 'tests/unit/greeting.test.ts'),
    "import { expect, it } from 'vitest';\n" +
      "it('greets', async () => { await expect('hello').toMatchFileSnapshot('./__snapshots__/greeting.txt'); });\n",
  );
  return dir;
}

function vitest(dir: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  const base = { ...process.env };
  delete base.UPDATE_SNAPSHOT;
  delete base.CI;
  const bin = join(ROOT, 'node_modules/vitest/vitest.mjs');
  const config = join(ROOT, 'vitest.config.ts');
  return new Promise((done) => {
    execFile(
      process.execPath,
      [bin, 'run', '--config', config, '--root', dir, '--project', 'unit', ...args],
      { cwd: dir, env: { ...base, ...env } },
      (err) => done(err ? Number(err.code ?? 1) : 0),
    );
  });
}

describe('snapshot mode', () => {
  it('a missing baseline fails without CI set, and nothing is written', async () => {
    const dir = scratch();
    expect(await vitest(dir, [])).toBe(1);
    expect(existsSync(join(dir, BASELINE))).toBe(false);
  });

  it('UPDATE_SNAPSHOT=new writes a missing baseline; -u rewrites a changed one; then the plain run passes', async () => {
    const dir = scratch();
    expect(await vitest(dir, [], { UPDATE_SNAPSHOT: 'new' })).toBe(0);
    expect(readFileSync(join(dir, BASELINE), 'utf8')).toBe('hello');
    writeFileSync(join(dir, BASELINE), 'changed');
    expect(await vitest(dir, [], { UPDATE_SNAPSHOT: 'new' })).toBe(1);
    expect(await vitest(dir, ['-u'])).toBe(0);
    expect(readFileSync(join(dir, BASELINE), 'utf8')).toBe('hello');
    expect(await vitest(dir, [])).toBe(0);
  });
});
