/**
 * The last word of `.ci/run`: "N passed, N failed, N skipped" from vitest's JSON report, and a
 * verdict that cannot pass by accident (issue 18). A skipped or todo test fails the run: vitest
 * marks every test of a suite whose beforeAll failed as skipped, so "0 failed" alone would hide a
 * browser suite that never started. A test file that failed to load, or failed outside its tests
 * (a hook), fails the run too, and so does a missing report.
 *
 * `node --import tsx scripts/ciSummary.ts test-results/vitest.json` prints the problems, then the
 * summary line, and exits 1 when there is any problem.
 */
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** The part of vitest's JSON reporter output that the verdict reads. */
export interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  success: boolean;
  testResults: {
    name: string;
    status: string;
    message: string;
    assertionResults: { fullName: string; status: string }[];
  }[];
}

export interface CiVerdict {
  /** "N passed, N failed, N skipped". */
  line: string;
  /** One sentence per reason the run fails; empty when it passes. */
  problems: string[];
}

const SKIPPED = new Set(['skipped', 'pending', 'todo', 'disabled']);

export function ciVerdict(report: VitestReport | null, root = ''): CiVerdict {
  if (!report) {
    return {
      line: '0 passed, 0 failed, 0 skipped',
      problems: ['no test report: typecheck, lint or formatting failed before the tests ran'],
    };
  }
  const skipped = report.numPendingTests + report.numTodoTests;
  const line = `${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`;
  const problems: string[] = [];
  const short = (file: string): string => (root && file.startsWith(root) ? file.slice(root.length + 1) : file);
  for (const file of report.testResults) {
    const failedInside = file.assertionResults.some((t) => t.status === 'failed');
    if (file.status === 'failed' && !failedInside) {
      problems.push(
        file.assertionResults.length === 0
          ? `${short(file.name)} failed to load: ${file.message || 'no tests collected'}`
          : `${short(file.name)} failed outside its tests (a beforeAll or afterAll hook)${file.message ? `: ${file.message}` : ''}`,
      );
    }
    for (const t of file.assertionResults) {
      if (SKIPPED.has(t.status)) problems.push(`skipped: ${short(file.name)} › ${t.fullName}`);
    }
  }
  if (report.numFailedTests > 0) problems.push(`${report.numFailedTests} failed`);
  if (!report.success && problems.length === 0) problems.push('vitest reported the run as unsuccessful');
  return { line, problems };
}

function main(path: string): void {
  const report = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as VitestReport) : null;
  const { line, problems } = ciVerdict(report, process.cwd());
  for (const p of problems) console.log(`✗ ${p}`);
  console.log(line);
  process.exit(problems.length ? 1 : 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv[2] ?? 'test-results/vitest.json');
}
