import { isSweepArg, parseSweepArgs, SweepArgError, type SweepArg } from './config';
import type { SweepConfig } from './types';

export interface CliRequest {
  config: SweepConfig;
  out: string;
}

export const CLI_USAGE = `Usage: npm run experiment -- --losses bce,balance --ratios 10,50,200,500 --seeds 1,2,3 --steps 400
         [--size 32 --levels 2 --width 4 --batch 8 --lr 0.003 --t 0.5 --train 64 --val 16] --out results.json`;

/**
 * Reads `--name value` and `--name=value` flags. Everything is checked before anything runs, so a
 * refused argument leaves no file behind.
 */
export function parseCliArgs(argv: readonly string[]): CliRequest {
  const args: Partial<Record<SweepArg, string>> = {};
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (!token.startsWith('--'))
      throw new SweepArgError('(positional)', token, 'is not a --flag; every argument is --name value');
    const eq = token.indexOf('=');
    const name = token.slice(2, eq < 0 ? undefined : eq);
    let value: string;
    if (eq >= 0) value = token.slice(eq + 1);
    else {
      const next = argv[i + 1];
      // A negative number is a value ("--steps -5"), not the next flag.
      if (next === undefined || (next.startsWith('--') && !/^--?\d/.test(next)))
        throw new SweepArgError(name, '', 'needs a value');
      value = next;
      i++;
    }
    if (name === 'out') out = value;
    else if (isSweepArg(name)) {
      if (args[name] !== undefined) throw new SweepArgError(name, value, 'is given twice');
      args[name] = value;
    } else throw new SweepArgError(name, value, 'is not an argument of the sweep');
  }
  if (out === undefined || out.trim() === '')
    throw new SweepArgError('out', out ?? '', 'is required: the results JSON to write');
  if (!out.endsWith('.json')) throw new SweepArgError('out', out, 'must end in .json (the CSV is written beside it)');
  return { config: parseSweepArgs(args), out };
}
