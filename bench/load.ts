/**
 * `npm run bench:load`: how light the first load is (issue 19, "A light page").
 * - main-thread JS: the entry script plus its modulepreloads, gzip KB (target ≤ 400);
 * - DOM elements at load, and Lighthouse 12 mobile performance and accessibility on the built
 *   site served from a sub-path with gzip (targets ≥ 90 and 100): the median of `--runs` runs.
 * `--dist <dir>` measures an existing build (e.g. of another commit); otherwise this tree is built.
 * Each run's full report is written to test-results/lighthouse-<i>.json for digging.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import { runLighthouse, type LighthouseFigures } from './lighthouse';
import { mainThreadJs } from './loadBundle';
import { round } from './timing';
import { startStaticHost } from '../tests/browser/staticHost';

const { values: args } = parseArgs({
  options: { dist: { type: 'string' }, runs: { type: 'string', default: '3' } },
});
const runs = Math.max(1, Number(args.runs));
let dist = args.dist ? resolve(args.dist) : resolve('test-results/dist-load');
if (!args.dist)
  await build({ configFile: 'vite.config.ts', logLevel: 'error', build: { outDir: dist, emptyOutDir: true } });
dist = resolve(dist);

const js = mainThreadJs(dist);
console.table(
  js.files.map((f) => ({ file: f.path, kB: round(f.bytes / 1000, 1), gzipKB: round(f.gzipBytes / 1000, 1) })),
);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
mkdirSync('test-results', { recursive: true });
const host = await startStaticHost(dist, { gzip: true });
const results: LighthouseFigures[] = [];
try {
  for (let i = 0; i < runs; i++) {
    const r = await runLighthouse(host.url, resolve(`test-results/lighthouse-${i}.json`));
    console.log(`run ${i + 1}/${runs}: performance ${r.performance}, accessibility ${r.accessibility}`);
    results.push(r);
  }
} finally {
  await host.close();
}

const of = (key: keyof Omit<LighthouseFigures, 'findings'>) => median(results.map((r) => r[key]));
const figures = {
  load_mainThreadJsGzipKB: round(js.gzipBytes / 1000, 1),
  load_mainThreadJsKB: round(js.bytes / 1000, 1),
  load_domElements: of('domElements'),
  load_lighthousePerformance: of('performance'),
  load_lighthouseAccessibility: of('accessibility'),
  load_fcpMs: round(of('fcpMs'), 0),
  load_lcpMs: round(of('lcpMs'), 0),
  load_tbtMs: round(of('tbtMs'), 0),
  load_speedIndexMs: round(of('speedIndexMs'), 0),
  load_cls: round(of('cls'), 3),
};
console.table(figures);
const findings = [...new Set(results.flatMap((r) => r.findings))];
if (findings.length) console.log(`Findings (any run):\n- ${findings.join('\n- ')}`);
console.log(JSON.stringify(figures));
