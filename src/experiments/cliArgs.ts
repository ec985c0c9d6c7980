import { isSweepArg, parseSweepArgs, SweepArgError, type SweepArg } from './config';
import type { SweepConfig } from './types';

export interface CliRequest {
  config: SweepConfig;
  out: string;
  /** Overwrite an output that holds a different sweep (otherwise refused). */
  force: boolean;
}

export const CLI_USAGE = `Usage: npm run experiment -- --losses bce,balance --ratios 10,50,200,500 --seeds 1,2,3 --steps 400
         [--switch auto,never,fromStart --size 32 --levels 2 --width 4 --batch 8 --lr 0.003 --t 0.5
          --train 64 --val 16] --out results.json [--force]
The same command with the same --out resumes an interrupted sweep; --force starts over.`;

export const MERGE_USAGE = 'Usage: npm run experiment:merge -- a.json b.json … --out results.json';

/** Flags that take no value. */
const SWITCH_FLAGS = new Set(['force']);

/** Splits `--name value`, `--name=value` and value-less flags; positional arguments come back apart. */
function tokens(argv: readonly string[]): { flags: [string, string][]; positional: string[] } {
  const flags: [string, string][] = [];
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (!token.startsWith('--')) {
      positional.push(token);
      continue;
    }
    const eq = token.indexOf('=');
    const name = token.slice(2, eq < 0 ? undefined : eq);
    if (eq >= 0) flags.push([name, token.slice(eq + 1)]);
    else if (SWITCH_FLAGS.has(name)) flags.push([name, '']);
    else {
      const next = argv[i + 1];
      // A negative number is a value ("--steps -5"), not the next flag.
      if (next === undefined || (next.startsWith('--') && !/^--?\d/.test(next)))
        throw new SweepArgError(name, '', 'needs a value');
      flags.push([name, next]);
      i++;
    }
  }
  return { flags, positional };
}

function checkOut(out: string | undefined, what: string): string {
  if (out === undefined || out.trim() === '') throw new SweepArgError('out', out ?? '', `is required: ${what}`);
  if (!out.endsWith('.json')) throw new SweepArgError('out', out, 'must end in .json (the CSVs are written beside it)');
  return out;
}

/**
 * Reads the sweep's flags. Everything is checked before anything runs, so a refused argument
 * leaves no file behind; every flag may be given once.
 */
export function parseCliArgs(argv: readonly string[]): CliRequest {
  const { flags, positional } = tokens(argv);
  if (positional.length > 0)
    throw new SweepArgError('(positional)', positional[0], 'is not a --flag; every argument is --name value');
  const args: Partial<Record<SweepArg, string>> = {};
  let out: string | undefined;
  let force = false;
  for (const [name, value] of flags) {
    if (name === 'out') {
      if (out !== undefined) throw new SweepArgError(name, value, 'is given twice');
      out = value;
    } else if (name === 'force') {
      if (force) throw new SweepArgError(name, value, 'is given twice');
      force = true;
    } else if (isSweepArg(name)) {
      if (args[name] !== undefined) throw new SweepArgError(name, value, 'is given twice');
      args[name] = value;
    } else throw new SweepArgError(name, value, 'is not an argument of the sweep');
  }
  return { config: parseSweepArgs(args), out: checkOut(out, 'the results JSON to write'), force };
}

/** `experiment:merge`'s arguments: results files, then one `--out` (checked like the sweep's). */
export function parseMergeArgs(argv: readonly string[]): { inputs: string[]; out: string } {
  const { flags, positional } = tokens(argv);
  let out: string | undefined;
  for (const [name, value] of flags) {
    if (name !== 'out') throw new SweepArgError(name, value, 'is not an argument of experiment:merge (only --out)');
    if (out !== undefined) throw new SweepArgError(name, value, 'is given twice');
    out = value;
  }
  const checked = checkOut(out, 'the merged results JSON to write');
  if (positional.length === 0) throw new SweepArgError('(inputs)', '', 'name at least one results JSON to merge');
  for (const input of positional)
    if (!input.endsWith('.json')) throw new SweepArgError('(input)', input, 'is not a results .json');
  if (positional.includes(checked))
    throw new SweepArgError('out', checked, 'is also an input; write the merge elsewhere');
  return { inputs: positional, out: checked };
}
