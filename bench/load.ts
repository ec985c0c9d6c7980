/**
 * `npm run bench:load`: how light the first load is (issue 19, "A light page").
 * - main-thread JS: the entry script plus its modulepreloads, gzip KB (target ≤ 400);
 * - DOM elements at load, and Lighthouse 12 mobile performance and accessibility on the built
 *   site served from a sub-path with gzip (targets ≥ 90 and 100): the median of `--runs` runs.
 * `--dist <dir>` measures an existing build (e.g. of another commit) instead of building this
 * tree; given several times, the builds' runs alternate (A, B, A, B…), so machine noise hits all
 * alike. Each run's full report is written to test-results/lighthouse-<build>-<i>.json.
 */
import { mkdirSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import { runLighthouse, type LighthouseFigures } from './lighthouse';
import { mainThreadJs } from './loadBundle';
import { round } from './timing';
import { startStaticHost, type StaticHost } from '../tests/browser/staticHost';

const { values: args } = parseArgs({
  options: { dist: { type: 'string', multiple: true }, runs: { type: 'string', default: '3' } },
});
const runs = Math.max(1, Number(args.runs));
const dists = (args.dist ?? []).map((d) => resolve(d));
if (dists.length === 0) {
  dists.push(resolve('test-results/dist-load'));
  await build({ configFile: 'vite.config.ts', logLevel: 'error', build: { outDir: dists[0], emptyOutDir: true } });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
type Metric = keyof Omit<LighthouseFigures, 'findings'>;

function figures(dist: string, results: LighthouseFigures[]) {
  const js = mainThreadJs(dist);
  const of = (key: Metric, digits = 0) => round(median(results.map((r) => r[key])), digits);
  return {
    load_mainThreadJsGzipKB: round(js.gzipBytes / 1000, 1),
    load_mainThreadJsKB: round(js.bytes / 1000, 1),
    load_domElements: of('domElements'),
    load_lighthousePerformance: of('performance'),
    load_lighthouseAccessibility: of('accessibility'),
    load_fcpMs: of('fcpMs'),
    load_lcpMs: of('lcpMs'),
    load_tbtMs: of('tbtMs'),
    load_speedIndexMs: of('speedIndexMs'),
    load_cls: of('cls', 3),
  };
}

mkdirSync('test-results', { recursive: true });
for (const dist of dists) {
  const js = mainThreadJs(dist);
  console.log(`\n${dist}: the entry and its modulepreloads`);
  console.table(
    js.files.map((f) => ({ file: f.path, kB: round(f.bytes / 1000, 1), gzipKB: round(f.gzipBytes / 1000, 1) })),
  );
}
const hosts: StaticHost[] = [];
const results: LighthouseFigures[][] = dists.map(() => []);
try {
  for (const dist of dists) hosts.push(await startStaticHost(dist, { gzip: true }));
  for (let i = 0; i < runs; i++) {
    for (let k = 0; k < dists.length; k++) {
      const r = await runLighthouse(hosts[k].url, resolve(`test-results/lighthouse-${basename(dists[k])}-${i}.json`));
      console.log(
        `${basename(dists[k])} run ${i + 1}/${runs}: performance ${r.performance}, TBT ${Math.round(r.tbtMs)} ms`,
      );
      results[k].push(r);
    }
  }
} finally {
  await Promise.all(hosts.map((h) => h.close()));
}

const table = Object.fromEntries(dists.map((d, k) => [basename(d), figures(d, results[k])]));
console.table(table);
for (const [k, d] of dists.entries()) {
  const findings = [...new Set(results[k].flatMap((r) => r.findings))];
  if (findings.length) console.log(`Findings for ${basename(d)} (any run):\n- ${findings.join('\n- ')}`);
}
// The last line is one JSON object, as the other benchmarks end: the figures of the last build.
console.log(JSON.stringify(table[basename(dists[dists.length - 1])]));
