import { runsCsv, summaryCsv } from '../../experiments/csv';
import { summarise } from '../../experiments/summary';
import type { RunResult, SweepConfig, SweepResults } from '../../experiments/types';
import { downloadBlob } from '../../export/download';

/** The same JSON the CLI writes, so either opens in the app and either feeds the same analysis. */
export function resultsJson(config: SweepConfig, runs: RunResult[]): string {
  const results: SweepResults = { config, runs, summary: summarise(runs) };
  return JSON.stringify(results, null, 2) + '\n';
}

export function downloadResults(kind: 'json' | 'csv' | 'runs-csv', config: SweepConfig, runs: RunResult[]): void {
  if (kind === 'json')
    downloadBlob(new Blob([resultsJson(config, runs)], { type: 'application/json' }), 'experiment.json');
  else if (kind === 'csv')
    downloadBlob(new Blob([summaryCsv(summarise(runs))], { type: 'text/csv' }), 'experiment.summary.csv');
  else downloadBlob(new Blob([runsCsv(runs)], { type: 'text/csv' }), 'experiment.csv');
}
