/**
 * `npm run experiment -- --losses bce,balance --ratios 10,50 --seeds 1,2 --steps 400 --out r.json`:
 * the app's Experiments sweep without the browser, on the same Trainer (WASM in Node). Writes the
 * results JSON, a per-run CSV and a summary CSV after every finished run (atomically), so the same
 * command resumes an interrupted sweep. A bad argument, or an output holding a different sweep
 * (without --force), exits with code 2 before anything is trained or written.
 */
import { CLI_USAGE, parseCliArgs } from '../src/experiments/cliArgs';
import { SweepArgError } from '../src/experiments/config';
import { pairedDifferences, pairedTable } from '../src/experiments/paired';
import { runQueue } from '../src/experiments/queue';
import { decideResume } from '../src/experiments/resume';
import { summarise } from '../src/experiments/summary';
import { checkWritable, readExisting, writeResults } from './experimentFiles';
import { progressReporter } from './experimentProgress';

const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  console.log(CLI_USAGE);
  process.exit(0);
}

function refuse(message: string): never {
  console.error(`experiment: ${message}\n${CLI_USAGE}`);
  process.exit(2);
}

function prepare() {
  try {
    const request = parseCliArgs(argv);
    checkWritable(request.out);
    const decision = decideResume(readExisting(request.out), request.config, request.force);
    if (decision.kind === 'refuse') refuse(`--out ${JSON.stringify(request.out)}: ${decision.why}`);
    return { ...request, decision };
  } catch (err) {
    if (!(err instanceof SweepArgError)) throw err;
    return refuse(err.message);
  }
}

const { config, out, decision } = prepare();
const kept = decision.kind === 'resume' ? decision.kept : [];
const earlierSeconds = decision.kind === 'resume' ? decision.seconds : 0;
// tfjs loads only now: a refused argument answers at once.
const [{ selectBackend }, { runSweep }] = await Promise.all([
  import('../src/engine/backend'),
  import('../src/experiments/runSweep'),
]);
const { backend } = await selectBackend(['wasm']);
const runs = runQueue(config).length;
console.error(
  `experiment: ${runs} runs × ${config.steps} steps on ${backend} (${config.size} px, ${config.levels} levels, width ${config.width}, batch ${config.batchSize})`,
);
if (decision.kind === 'resume')
  console.error(`experiment: resuming ${out}: kept ${kept.length} finished runs, training ${runs - kept.length}`);
const progress = progressReporter(process.stderr, runs);
const meta = () => ({
  backend,
  seconds: earlierSeconds + Math.round(progress.seconds()),
  finishedAt: new Date().toISOString(),
});
const results = await runSweep(config, backend, {
  done: kept,
  onProgress: (p) => progress.step(p),
  onRun: (r, i, finished) => {
    // Every finished run is on disk before the next starts: a kill loses at most the run in training.
    writeResults(out, { config, runs: [...finished], summary: summarise(finished), meta: meta() });
    progress.run(r, i, (i + 1) * config.steps, runs * config.steps);
  },
});
results.meta = meta();
const paths = writeResults(out, results);
console.log(
  `experiment: wrote ${paths.json}, ${paths.csv}, ${paths.summaryCsv} and ${paths.curvesCsv} (${runs - kept.length} runs trained, ${kept.length} kept)`,
);
const paired = pairedDifferences(results.runs);
// The paired differences (same seed, data and initial weights) answer what the second stage adds.
if (paired.length > 0) console.log(`\nPaired differences, mean ± sd over seeds:\n\n${pairedTable(paired)}`);
