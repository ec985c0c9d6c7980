/**
 * `npm run experiment:merge -- a.json b.json --out results.json`: one results file from sweeps run
 * in parallel processes with different --losses or --switch (each process trains on one core).
 * Bad arguments exit with code 2 and a message, like `npm run experiment`.
 */
import { readFileSync } from 'node:fs';
import { MERGE_USAGE, parseMergeArgs } from '../src/experiments/cliArgs';
import { SweepArgError } from '../src/experiments/config';
import { pairedDifferences, pairedTable } from '../src/experiments/paired';
import { mergeSweeps } from '../src/experiments/merge';
import { readResults } from '../src/experiments/readResults';
import type { SweepResults } from '../src/experiments/types';
import { checkWritable, writeResults } from './experimentFiles';

function refuse(message: string): never {
  console.error(`experiment:merge: ${message}\n${MERGE_USAGE}`);
  process.exit(2);
}

function read(path: string): SweepResults {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return refuse(`${path} cannot be read`);
  }
  try {
    return readResults(text);
  } catch (err) {
    return refuse(`${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

let request: { inputs: string[]; out: string };
try {
  request = parseMergeArgs(process.argv.slice(2));
  checkWritable(request.out);
} catch (err) {
  if (!(err instanceof SweepArgError)) throw err;
  refuse(err.message);
}
const parts = request.inputs.map(read);
let merged: SweepResults;
try {
  merged = mergeSweeps(parts);
} catch (err) {
  refuse(`${request.inputs.join(', ')}: ${err instanceof Error ? err.message : String(err)}`);
}
const paths = writeResults(request.out, merged);
console.log(
  `experiment:merge: ${merged.runs.length} runs → ${paths.json}, ${paths.csv}, ${paths.summaryCsv}, ${paths.curvesCsv}`,
);
const paired = pairedDifferences(merged.runs);
// The paired differences (same seed, data and initial weights) answer what the second stage adds.
if (paired.length > 0) console.log(`\nPaired differences, mean ± sd over seeds:\n\n${pairedTable(paired)}`);
