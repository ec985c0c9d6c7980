import { accessSync, constants, existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { SweepArgError } from '../src/experiments/config';
import { curvesCsv, runsCsv, summaryCsv } from '../src/experiments/csv';
import { readResults } from '../src/experiments/readResults';
import type { SweepResults } from '../src/experiments/types';

/** The files a sweep writes: the JSON, and beside it the per-run, summary and learning-curve CSVs. */
export function outputPaths(out: string): { json: string; csv: string; summaryCsv: string; curvesCsv: string } {
  const json = resolve(out);
  const stem = json.slice(0, -'.json'.length);
  return { json, csv: `${stem}.csv`, summaryCsv: `${stem}.summary.csv`, curvesCsv: `${stem}.curves.csv` };
}

/** Refuses, before any training, an output that could not be written. */
export function checkWritable(out: string): void {
  for (const path of Object.values(outputPaths(out))) {
    const dir = dirname(path);
    if (!existsSync(dir) || !statSync(dir).isDirectory())
      throw new SweepArgError('out', out, `the folder ${dir} does not exist`);
    try {
      accessSync(dir, constants.W_OK);
      if (existsSync(path)) {
        if (statSync(path).isDirectory()) throw new SweepArgError('out', out, `${path} is a folder`);
        accessSync(path, constants.W_OK);
      }
    } catch (err) {
      if (err instanceof SweepArgError) throw err;
      throw new SweepArgError('out', out, `${path} is not writable`);
    }
  }
}

/** What the output JSON holds: null when there is none, an Error when it is not a results file. */
export function readExisting(out: string): SweepResults | Error | null {
  const { json } = outputPaths(out);
  if (!existsSync(json)) return null;
  try {
    return readResults(readFileSync(json, 'utf8'));
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}

/**
 * Writes a file whole or not at all: into a temporary file in the same folder, then renamed over
 * the target (atomic on one file system), so a kill mid-write leaves the previous version.
 */
export function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** The JSON last: a reader that finds it finds CSVs at least as new. */
export function writeResults(out: string, results: SweepResults): ReturnType<typeof outputPaths> {
  const paths = outputPaths(out);
  writeAtomically(paths.csv, runsCsv(results.runs));
  writeAtomically(paths.summaryCsv, summaryCsv(results.summary));
  writeAtomically(paths.curvesCsv, curvesCsv(results.runs));
  writeAtomically(paths.json, JSON.stringify(results, null, 2) + '\n');
  return paths;
}
