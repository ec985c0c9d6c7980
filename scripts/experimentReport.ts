/**
 * `node --import tsx scripts/experimentReport.ts results.json`: the summary and the paired
 * differences of a results file as Markdown tables, for the README.
 */
import { readFileSync } from 'node:fs';
import { summaryTable } from '../src/experiments/markdown';
import { pairedDifferences, pairedTable } from '../src/experiments/paired';
import { readResults } from '../src/experiments/readResults';

const [input] = process.argv.slice(2);
if (!input?.endsWith('.json')) {
  console.error('Usage: node --import tsx scripts/experimentReport.ts results.json');
  process.exit(2);
}
const results = readResults(readFileSync(input, 'utf8'));
console.log(summaryTable(results.summary));
const paired = pairedDifferences(results.runs);
if (paired.length > 0) console.log(pairedTable(paired));
