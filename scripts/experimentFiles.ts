import { accessSync, constants, existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { SweepArgError } from '../src/experiments/config';
import { runsCsv, summaryCsv } from '../src/experiments/csv';
import type { SweepResults } from '../src/experiments/types';

/** The files a sweep writes: the JSON, the per-run CSV beside it and the summary CSV. */
export function outputPaths(out: string): { json: string; csv: string; summaryCsv: string } {
  const json = resolve(out);
  const stem = json.slice(0, -'.json'.length);
  return { json, csv: `${stem}.csv`, summaryCsv: `${stem}.summary.csv` };
}

/** Refuses, before any training, an output that could not be written at the end. */
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

export function writeResults(out: string, results: SweepResults): ReturnType<typeof outputPaths> {
  const paths = outputPaths(out);
  writeFileSync(paths.json, JSON.stringify(results, null, 2) + '\n');
  writeFileSync(paths.csv, runsCsv(results.runs));
  writeFileSync(paths.summaryCsv, summaryCsv(results.summary));
  return paths;
}
