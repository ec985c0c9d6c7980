/**
 * `npm run experiment -- --losses bce,balance --ratios 10,50 --seeds 1,2 --steps 400 --out r.json`:
 * the app's Experiments sweep without the browser, on the same Trainer (WASM in Node). Writes the
 * results JSON, a per-run CSV and a summary CSV. A bad argument exits with code 2 before anything
 * is trained or written.
 */
import { CLI_USAGE, parseCliArgs, type CliRequest } from '../src/experiments/cliArgs';
import { SweepArgError } from '../src/experiments/config';
import { runQueue } from '../src/experiments/queue';
import { checkWritable, writeResults } from './experimentFiles';
import { progressReporter } from './experimentProgress';

const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  console.log(CLI_USAGE);
  process.exit(0);
}

let request: CliRequest;
try {
  request = parseCliArgs(argv);
  checkWritable(request.out);
} catch (err) {
  if (!(err instanceof SweepArgError)) throw err;
  console.error(`experiment: ${err.message}\n${CLI_USAGE}`);
  process.exit(2);
}

const { config, out } = request;
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
const progress = progressReporter(process.stderr, runs);
const results = await runSweep(config, backend, {
  onProgress: (p) => progress.step(p),
  onRun: (r, i) => progress.run(r, i, (i + 1) * config.steps, runs * config.steps),
});
results.meta = { backend, seconds: Math.round(progress.seconds()), finishedAt: new Date().toISOString() };
const paths = writeResults(out, results);
console.log(`experiment: wrote ${paths.json}, ${paths.csv} and ${paths.summaryCsv}`);
