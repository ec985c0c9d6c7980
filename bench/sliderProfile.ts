/**
 * Where a slider's key presses spend the main thread: `node --import tsx bench/sliderProfile.ts
 * <dist> [param] [profile] [presses] [paused|training|fresh]`. Serves a build (best one built with `--minify false`, so
 * function names survive), presses the slider as bench:ui does, and prints (1) the trace's
 * main-thread time by event (script, style, layout, paint, …) and (2) the JS self time by function
 * from the V8 sampling profiler. A tool for finding costs, not a figure to report.
 */
import type { CDPSession } from 'playwright-core';
import { launch, SOFTWARE_RASTER_FLAGS } from '../tests/browser/harness';
import { serveDist } from './staticServer';
import { frameName, stacksOf, type ProfileNode, type TraceEvent } from './traceTypes';
import { openLab, pressLatencies, PROFILES, summarisePresses, type Profile, type SliderParam } from './sliderKeys';

const [dist, param = 't', profileName = 'desktop', pressArg = '20', mode = 'paused'] = process.argv.slice(2);
if (!dist) throw new Error('usage: sliderProfile.ts <dist> [param] [desktop|phone] [presses]');
const profile: Profile = PROFILES[profileName as Profile['name']];

/** Self time of complete events on the renderer main thread, by name (µs → ms). */
function timelineTotals(events: TraceEvent[]): Record<string, number> {
  const main = events.find((e) => e.name === 'thread_name' && (e.args as { name?: string })?.name === 'CrRendererMain');
  const onMain = events.filter((e) => main && e.tid === main.tid && e.pid === main.pid && e.ph === 'X' && e.dur);
  const totals: Record<string, number> = {};
  for (const e of onMain) {
    const name = e.name === 'EventDispatch' ? `EventDispatch:${e.args?.data?.type}` : e.name;
    totals[name] = (totals[name] ?? 0) + (e.dur ?? 0) / 1000;
  }
  return totals;
}

/**
 * Per press, what the main thread ran from the keydown to the end of the first frame committed
 * after it (the span Event Timing measures, less the compositor's share): the median over presses
 * of each event's self time, by name. Nested events are charged to the innermost one.
 */
function perPress(events: TraceEvent[]): Array<[string, number]> {
  const main = events.find((e) => e.name === 'thread_name' && (e.args as { name?: string })?.name === 'CrRendererMain');
  const onMain = events
    .filter((e) => main && e.tid === main.tid && e.pid === main.pid && e.ph === 'X' && e.dur)
    .sort((a, b) => a.ts - b.ts);
  const keydowns = onMain.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown');
  const perName = new Map<string, number[]>();
  keydowns.forEach((kd, i) => {
    const commit = onMain.find((e) => e.name === 'Commit' && e.ts > kd.ts + (kd.dur ?? 0));
    const end = commit ? commit.ts + (commit.dur ?? 0) : kd.ts;
    const inWindow = onMain.filter((e) => e.ts >= kd.ts && e.ts + (e.dur ?? 0) <= end);
    const self = new Map<string, number>();
    for (const e of inWindow) {
      const children = inWindow.filter((c) => c !== e && c.ts >= e.ts && c.ts + (c.dur ?? 0) <= e.ts + (e.dur ?? 0));
      // Direct children only: those not inside another child.
      const direct = children.filter(
        (c) =>
          !children.some(
            (o) => o !== c && o.ts <= c.ts && o.ts + (o.dur ?? 0) >= c.ts + (c.dur ?? 0) && (o.dur ?? 0) > (c.dur ?? 0),
          ),
      );
      const own = (e.dur ?? 0) - direct.reduce((sum, c) => sum + (c.dur ?? 0), 0);
      const name = e.name === 'EventDispatch' ? `EventDispatch:${e.args?.data?.type}` : e.name;
      self.set(name, (self.get(name) ?? 0) + own / 1000);
    }
    self.set('(window: key → commit end)', (end - kd.ts) / 1000);
    for (const [name, ms] of self) {
      const list = perName.get(name) ?? new Array<number>(i).fill(0);
      list.push(ms);
      perName.set(name, list);
    }
    for (const list of perName.values()) while (list.length <= i) list.push(0);
  });
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  if (process.env.WORST) {
    // The slowest presses one by one: what made the tail.
    const windows = perName.get('(window: key → commit end)') ?? [];
    const worst = windows
      .map((w, i) => [w, i])
      .sort((a, b) => b[0] - a[0])
      .slice(0, Number(process.env.WORST));
    for (const [, i] of worst) {
      const row = [...perName.entries()].map(([n, xs]): [string, number] => [n, xs[i]]).sort((a, b) => b[1] - a[1]);
      console.log(
        `press ${i}: ${row
          .slice(0, 8)
          .map(([n, ms]) => `${n} ${ms.toFixed(1)}`)
          .join(' · ')}`,
      );
    }
  }
  return [...perName.entries()].map(([n, xs]): [string, number] => [n, med(xs)]).sort((a, b) => b[1] - a[1]);
}

/** Only samples under this function (env FOCUS), to see what one part spends its time on. */
const FOCUS = process.env.FOCUS;

/** Self and inclusive (each function once per stack) time per function, ms, the 40 largest of each. */
function aggregate(p: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }) {
  const stackOf = stacksOf(p);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const ms = (p.timeDeltas[i] ?? 0) / 1000;
    const stack = stackOf(id);
    if (stack.length === 0) return;
    if (FOCUS && !stack.some((n) => n.callFrame.functionName === FOCUS)) return;
    const leaf = frameName(stack[0]);
    self.set(leaf, (self.get(leaf) ?? 0) + ms);
    for (const name of new Set(stack.map(frameName))) total.set(name, (total.get(name) ?? 0) + ms);
  });
  const top = (m: Map<string, number>) =>
    [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 40));
  return { self: top(self), total: top(total) };
}

async function jsTimes(cdp: CDPSession, run: () => Promise<unknown>) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await run();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  };
  return aggregate(profile);
}

const server = await serveDist(dist);
const browser = await launch(SOFTWARE_RASTER_FLAGS);
try {
  const { page, context } = await openLab(browser, server.origin, profile, '?backends=cpu');
  // 'fresh': no training step, so only the concept explorer has data (its cost alone).
  if (mode !== 'fresh') await page.getByTestId('btn-step').first().click();
  if (mode !== 'fresh')
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="step-counter"]')?.textContent) >= 1,
      null,
      { timeout: 900_000 },
    );
  const cdp = await context.newCDPSession(page);
  const presses = Number(pressArg);
  const fig2 = param === 't' || param === 'eps';
  const watch =
    mode === 'training' ? (fig2 ? 'train-sorted-fp' : 'train-gradient') : fig2 ? 'concept-sorted' : 'concept-gradient';
  if (mode === 'training') {
    await page.getByTestId('btn-play').first().click();
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="step-counter"]')?.textContent) >= 3,
      null,
      { timeout: 900_000 },
    );
  }
  if (param === 'eps') await page.getByTestId('select-epsMode').first().selectOption('value');
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  const results = await pressLatencies(page, param as SliderParam, presses, watch);
  const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
  console.log('presses', summarisePresses(results));
  const totals = Object.entries(timelineTotals(trace.traceEvents))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25);
  console.log(`\n## main-thread events over ${presses} presses (ms, inclusive of children)`);
  for (const [name, ms] of totals) console.log(`${ms.toFixed(1).padStart(9)}  ${name}`);
  if (process.env.DUMP) (await import('node:fs')).writeFileSync(process.env.DUMP, JSON.stringify(trace));
  console.log(`\n## per press, key → its frame's commit: median self time (ms)`);
  for (const [name, ms] of perPress(trace.traceEvents).slice(0, 25))
    console.log(`${ms.toFixed(2).padStart(9)}  ${name}`);
  const js = await jsTimes(cdp, () => pressLatencies(page, param as SliderParam, presses, watch));
  console.log(`\n## JS self time over ${presses} more presses (ms)`);
  for (const [name, ms] of js.self) console.log(`${ms.toFixed(1).padStart(9)}  ${name}`);
  console.log(`\n## JS inclusive time (ms)`);
  for (const [name, ms] of js.total) console.log(`${ms.toFixed(1).padStart(9)}  ${name}`);
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
