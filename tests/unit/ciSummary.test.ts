/**
 * `.ci/run`'s last line cannot pass by accident (issue 18): the reports below have the shape vitest
 * 4's JSON reporter writes for a suite whose beforeAll threw (its tests "skipped", the file
 * "failed" with no message) and for a file that threw while loading (no tests at all).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ciVerdict, type VitestReport } from '../../scripts/ciSummary';

const ROOT = '/repo';
type FileResult = VitestReport['testResults'][number];

function report(files: FileResult[]): VitestReport {
  const all = files.flatMap((f) => f.assertionResults);
  const count = (s: string) => all.filter((t) => t.status === s).length;
  return {
    numPassedTests: count('passed'),
    numFailedTests: count('failed'),
    numPendingTests: count('skipped'),
    numTodoTests: count('todo'),
    success: files.every((f) => f.status === 'passed'),
    testResults: files,
  };
}

const passing: FileResult = {
  name: `${ROOT}/tests/unit/a.test.ts`,
  status: 'passed',
  message: '',
  assertionResults: [
    { fullName: 'a one', status: 'passed' },
    { fullName: 'a two', status: 'passed' },
  ],
};

describe('ciVerdict', () => {
  it('an all-green report passes with "N passed, 0 failed, 0 skipped"', () => {
    expect(ciVerdict(report([passing]), ROOT)).toEqual({ line: '2 passed, 0 failed, 0 skipped', problems: [] });
  });

  it('a suite whose beforeAll failed fails the run and names the skipped tests', () => {
    const hookFailed: FileResult = {
      name: `${ROOT}/tests/browser/engine.test.ts`,
      status: 'failed',
      message: '',
      assertionResults: [
        { fullName: 'engine trains', status: 'skipped' },
        { fullName: 'engine pauses', status: 'skipped' },
      ],
    };
    const v = ciVerdict(report([passing, hookFailed]), ROOT);
    expect(v.line).toBe('2 passed, 0 failed, 2 skipped');
    expect(v.problems).toEqual([
      'tests/browser/engine.test.ts failed outside its tests (a beforeAll or afterAll hook)',
      'skipped: tests/browser/engine.test.ts › engine trains',
      'skipped: tests/browser/engine.test.ts › engine pauses',
    ]);
  });

  it('a file that failed to load fails the run with its error', () => {
    const broken: FileResult = {
      name: `${ROOT}/tests/unit/b.test.ts`,
      status: 'failed',
      message: 'boom at load',
      assertionResults: [],
    };
    const v = ciVerdict(report([passing, broken]), ROOT);
    expect(v.line).toBe('2 passed, 0 failed, 0 skipped');
    expect(v.problems).toEqual(['tests/unit/b.test.ts failed to load: boom at load']);
  });

  it('a skipped or todo test fails the run even when every file passed', () => {
    const withSkips: FileResult = {
      ...passing,
      assertionResults: [...passing.assertionResults, { fullName: 'later', status: 'todo' }],
    };
    const v = ciVerdict(report([withSkips]), ROOT);
    expect(v.line).toBe('2 passed, 0 failed, 1 skipped');
    expect(v.problems).toEqual(['skipped: tests/unit/a.test.ts › later']);
  });

  it('a failed test and a missing report fail the run', () => {
    const failing: FileResult = {
      ...passing,
      status: 'failed',
      assertionResults: [{ fullName: 'x', status: 'failed' }],
    };
    expect(ciVerdict(report([failing]), ROOT)).toEqual({
      line: '0 passed, 1 failed, 0 skipped',
      problems: ['1 failed'],
    });
    expect(ciVerdict(null).problems).toHaveLength(1);
    expect(ciVerdict(null).line).toBe('0 passed, 0 failed, 0 skipped');
  });

  it('the command prints the problems and the line, and exits 1 on a skipped test', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ci-summary-'));
    const file = join(dir, 'vitest.json');
    const skipped: FileResult = { ...passing, assertionResults: [{ fullName: 'a one', status: 'skipped' }] };
    writeFileSync(file, JSON.stringify(report([skipped])));
    const run = (path: string) =>
      new Promise<{ code: number; stdout: string }>((resolve) => {
        execFile(process.execPath, ['--import', 'tsx', 'scripts/ciSummary.ts', path], (err, stdout) =>
          resolve({ code: err ? Number(err.code) : 0, stdout }),
        );
      });
    const bad = await run(file);
    expect(bad.code).toBe(1);
    expect(bad.stdout.trim().split('\n').at(-1)).toBe('0 passed, 0 failed, 1 skipped');
    writeFileSync(file, JSON.stringify(report([passing])));
    const good = await run(file);
    expect(good).toEqual({ code: 0, stdout: '2 passed, 0 failed, 0 skipped\n' });
  });
});
