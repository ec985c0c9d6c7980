/**
 * `npm run experiment:merge -- a.json b.json --out results.json`: one results file from sweeps run
 * in parallel processes with different --losses (each process trains on one core).
 */
import { readFileSync } from 'node:fs';
import { mergeSweeps } from '../src/experiments/merge';
import type { SweepResults } from '../src/experiments/types';
import { checkWritable, writeResults } from './experimentFiles';

const argv = process.argv.slice(2);
const at = argv.indexOf('--out');
const out = at >= 0 ? argv[at + 1] : undefined;
const inputs = argv.filter((_, i) => i !== at && i !== at + 1);
if (!out || inputs.length === 0) {
  console.error('Usage: npm run experiment:merge -- a.json b.json … --out results.json');
  process.exit(2);
}
checkWritable(out);
const merged = mergeSweeps(inputs.map((f) => JSON.parse(readFileSync(f, 'utf8')) as SweepResults));
const paths = writeResults(out, merged);
console.log(`experiment:merge: ${merged.runs.length} runs → ${paths.json}, ${paths.csv}, ${paths.summaryCsv}`);
