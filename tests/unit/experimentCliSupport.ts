/** Spawning the experiment CLIs as a user runs them (shared by the CLI tests). */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { SweepResults } from '../../src/experiments/types';

export const root = new URL('../../', import.meta.url).pathname;

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `scripts/<script>.ts` to its end. */
export function cli(args: string[], script = 'experiment'): Promise<CliOutcome> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', `scripts/${script}.ts`, ...args],
      { cwd: root, timeout: 170_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Starts the sweep CLI and leaves it running (to be killed). */
export const startCli = (args: string[]): ChildProcess =>
  spawn(process.execPath, ['--import', 'tsx', 'scripts/experiment.ts', ...args], { cwd: root, stdio: 'ignore' });

export const readJson = (path: string): SweepResults => JSON.parse(readFileSync(path, 'utf8')) as SweepResults;

/** A tiny sweep: fast enough for a unit test, on the sweep CLI's real code path. */
export const tinyArgs = (over: Record<string, string> = {}): string[] => {
  const args: Record<string, string> = {
    losses: 'bce,balance',
    ratios: '10',
    seeds: '1,2',
    steps: '3',
    size: '32',
    levels: '2',
    width: '4',
    batch: '2',
    train: '8',
    val: '4',
    ...over,
  };
  return Object.entries(args).flatMap(([k, v]) => [`--${k}`, v]);
};
