/**
 * `npm run bench:ui`: slider input → next paint for real key presses (bench/sliderKeys.ts) on the
 * production build, for t, ε, t_h and a, on a 1440×900 desktop and a 390×844 phone with the CPU
 * throttled 4×, paused (after one step) and while training. Software raster: the main thread's
 * own cost. Targets (issue 19): desktop p95 ≤ 32 ms, phone p95 ≤ 64 ms.
 *
 *   npm run bench:ui                          this tree, one run
 *   npm run bench:ui -- --base 05bb3b5,main --runs 3  this tree against git refs, alternating, medians
 *   options: --presses N (per slider and mode, default 40), --profiles desktop,phone
 *
 * Paused, the concept explorer's figure is on screen (Fig. 2 for t and ε, "Where the loss pushes"
 * for t_h and a); while training, the training section's. ε is measured with its source set to
 * the slider value (with the authors' f/N the ε slider moves nothing on screen).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launch, SOFTWARE_RASTER_FLAGS } from '../tests/browser/harness';
import { drawTrainingFig2 } from './ui';
import { serveDist } from './staticServer';
import { openLab, pressLatencies, PROFILES, summarisePresses, type Profile, type SliderParam } from './sliderKeys';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
/** Git refs to measure against, comma-separated. */
const baseRefs = option('base')?.split(',') ?? [];
/** A build to use as is instead of building this tree (e.g. one already built with `--minify false`). */
const headDist = option('dist');
const runs = Number(option('runs') ?? (baseRefs.length ? 3 : 1));
const presses = Number(option('presses') ?? 40);
const profiles = (option('profiles') ?? 'desktop,phone').split(',').map((p) => PROFILES[p as Profile['name']]);
const PARAMS: readonly SliderParam[] = ['t', 'eps', 'tHard', 'a'];
const QUERY = '?backends=cpu';

/** Builds a tree into `outDir` with its own vite config. */
function buildTree(root: string, outDir: string): void {
  execFileSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: root,
    stdio: 'inherit',
  });
}

/** Checks out `ref` into a temporary folder (git archive, no worktree) sharing this tree's node_modules, and builds it. */
function buildRef(ref: string, scratch: string): string {
  const root = join(scratch, `src-${ref.replace(/[^\w.-]/g, '_')}`);
  execFileSync('mkdir', ['-p', root]);
  execFileSync('sh', ['-c', `git archive ${JSON.stringify(ref)} | tar -x -C ${JSON.stringify(root)}`]);
  symlinkSync(resolve('node_modules'), join(root, 'node_modules'));
  const out = join(scratch, `dist-${ref.replace(/[^\w.-]/g, '_')}`);
  buildTree(root, out);
  return out;
}

type Mode = 'paused' | 'training';
/** p95 and median per profile, mode and slider of one run. */
type RunFigures = Record<string, { p95: number; median: number; moved: number }>;
const key = (profile: string, mode: Mode, param: SliderParam) => `${profile} ${mode} ${param}`;

async function setEpsSource(page: Page, source: 'value' | 'reference'): Promise<void> {
  await page.getByTestId('select-epsMode').first().selectOption(source);
}

async function measureMode(page: Page, profile: Profile, mode: Mode, out: RunFigures): Promise<void> {
  for (const param of PARAMS) {
    if (param === 'eps') await setEpsSource(page, 'value');
    const watch =
      mode === 'paused'
        ? param === 't' || param === 'eps'
          ? 'concept-sorted'
          : 'concept-gradient'
        : param === 't' || param === 'eps'
          ? 'train-sorted-fp'
          : 'train-gradient';
    out[key(profile.name, mode, param)] = summarisePresses(await pressLatencies(page, param, presses, watch));
    if (param === 'eps') await setEpsSource(page, 'reference');
  }
}

const stepAtLeast = (page: Page, n: number) =>
  page.waitForFunction((n) => Number(document.querySelector('[data-testid="step-counter"]')?.textContent) >= n, n, {
    timeout: 900_000,
  });

async function measureProfile(browser: Browser, origin: string, profile: Profile, out: RunFigures): Promise<void> {
  const { page, context } = await openLab(browser, origin, profile, QUERY);
  try {
    // One step so that every training panel has data; then paused, then while training.
    await page.getByTestId('btn-step').first().click();
    await stepAtLeast(page, 1);
    await drawTrainingFig2(page);
    await measureMode(page, profile, 'paused', out);
    await page.getByTestId('btn-play').first().click();
    await stepAtLeast(page, 2);
    await measureMode(page, profile, 'training', out);
    await page.getByTestId('btn-pause').first().click();
  } finally {
    await context.close();
  }
}

/** One run of one build in a fresh browser (work queued by a previous page cannot spill over). */
async function runOnce(dist: string): Promise<RunFigures> {
  const server = await serveDist(dist);
  const browser = await launch(SOFTWARE_RASTER_FLAGS);
  const out: RunFigures = {};
  try {
    for (const profile of profiles) await measureProfile(browser, server.origin, profile, out);
  } finally {
    await browser.close();
    await server.close();
  }
  return out;
}

const median = (xs: number[]): number => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function medianOf(results: RunFigures[]): Record<string, { p95: number; median: number }> {
  const keys = Object.keys(results[0] ?? {});
  return Object.fromEntries(
    keys.map((k) => [
      k,
      { p95: median(results.map((r) => r[k].p95)), median: median(results.map((r) => r[k].median)) },
    ]),
  );
}

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

async function main(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'bench-ui-'));
  try {
    const builds: Record<string, string> = {};
    for (const ref of baseRefs) builds[ref] = buildRef(ref, scratch);
    builds.head = headDist ?? join(scratch, 'dist-head');
    if (!headDist) buildTree(process.cwd(), builds.head);
    const results: Record<string, RunFigures[]> = Object.fromEntries(Object.keys(builds).map((b) => [b, []]));
    console.log(`load average at start: ${load()}`);
    for (let r = 0; r < runs; r++) {
      // Rotate which build goes first, so a trend in the machine's load hits all alike.
      const names = Object.keys(builds);
      const order = names.map((_, i) => names[(i + r) % names.length]);
      for (const name of order) {
        results[name].push(await runOnce(builds[name]));
        console.log(`run ${r + 1}/${runs} ${name} done · load ${load()}`);
      }
    }
    printTable(results);
    console.log(`load average at end: ${load()}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function printTable(results: Record<string, RunFigures[]>): void {
  const med = Object.fromEntries(Object.entries(results).map(([name, rs]) => [name, medianOf(rs)]));
  const names = Object.keys(med);
  const rows: Record<string, Record<string, string | number>> = {};
  for (const k of Object.keys(med[names[0]])) {
    rows[k] = {};
    for (const name of names) {
      rows[k][`${name} p95`] = med[name][k].p95;
      rows[k][`${name} median`] = med[name][k].median;
    }
    for (const name of names.filter((n) => n !== 'head'))
      rows[k][`p95 head/${name}`] = Number((med.head[k].p95 / med[name][k].p95).toFixed(2));
  }
  console.log(`\n## Slider key press → next paint, ms (Event Timing; 0 = under 16 ms; medians of ${runs} run(s))`);
  console.table(rows);
  console.log(JSON.stringify({ runs, presses, med, all: results }));
}

await main();
