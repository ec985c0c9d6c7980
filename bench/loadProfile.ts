/**
 * Where the first load spends the main thread: `node --import tsx bench/loadProfile.ts <dist>
 * [cpuThrottle]`. Serves a build (best built with `--minify false`, so function names survive),
 * opens it fresh at Lighthouse's phone size with the CPU slowed down, and prints (1) the long
 * tasks (over 50 ms) until the page has been quiet for 3 s, with what ran in each, and (2) the JS
 * inclusive time by function over the whole load. A tool for finding costs, not a figure to report
 * (bench:load reports Lighthouse's figures).
 */
import { launch, SOFTWARE_RASTER_FLAGS } from '../tests/browser/harness';
import { LIGHTHOUSE_PHONE } from './lighthousePhone';
import { serveDist } from './staticServer';
import { frameName, stacksOf, type CpuProfile, type TraceEvent } from './traceTypes';

const [dist, throttleArg = '4'] = process.argv.slice(2);
if (!dist) throw new Error('usage: loadProfile.ts <dist> [cpuThrottle]');

/** Inclusive JS time by function, of the samples within [from, to) µs (all when not given). */
function inclusive(p: CpuProfile, from = -Infinity, to = Infinity, top = 50): [string, number][] {
  const stackOf = stacksOf(p);
  const total = new Map<string, number>();
  let at = p.startTime;
  p.samples.forEach((id, i) => {
    at += p.timeDeltas[i] ?? 0;
    if (at < from || at >= to) return;
    const ms = (p.timeDeltas[i] ?? 0) / 1000;
    // Each function once per stack, however deep it recurses.
    for (const name of new Set(stackOf(id).map(frameName))) total.set(name, (total.get(name) ?? 0) + ms);
  });
  return [...total.entries()]
    .filter(([name]) => !/^\((root|program|idle)\)/.test(name))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top);
}

const server = await serveDist(dist);
const browser = await launch(SOFTWARE_RASTER_FLAGS);
try {
  const context = await browser.newContext(LIGHTHOUSE_PHONE);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(throttleArg) });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await browser.startTracing(page, {
    categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'],
  });
  await cdp.send('Profiler.start');
  await page.goto(`${server.origin}/`);
  await page.getByTestId('concept-sorted').waitFor({ timeout: 120_000 });
  await page.waitForTimeout(Number(process.env.SETTLE_MS ?? 6000));
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
    profile: CpuProfile;
  };
  const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
  // The navigation may move to a new renderer process: the page's main thread is the busiest one.
  const mains = trace.traceEvents.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const busy = (m: TraceEvent) =>
    trace.traceEvents.reduce(
      (sum, e) => sum + (e.tid === m.tid && e.pid === m.pid && e.ph === 'X' ? (e.dur ?? 0) : 0),
      0,
    );
  const main = mains.sort((a, b) => busy(b) - busy(a))[0];
  const onMain = trace.traceEvents.filter((e) => main && e.tid === main.tid && e.pid === main.pid && e.ph === 'X');
  const nav = trace.traceEvents.find((e) => e.name === 'navigationStart' || e.name === 'TracingStartedInBrowser');
  const t0 = Math.min(...onMain.map((e) => e.ts), nav?.ts ?? Infinity);
  const paints = trace.traceEvents.filter((e) => /firstContentfulPaint|largestContentfulPaint::Candidate/.test(e.name));
  for (const p of paints) console.log(`${p.name} at ${((p.ts - t0) / 1000).toFixed(0)} ms`);
  const tasks = onMain.filter((e) => e.name === 'RunTask' && (e.dur ?? 0) > 50_000);
  console.log(`\n## long tasks (start ms, duration ms): what ran inside (ms, inclusive)`);
  for (const task of tasks) {
    const end = task.ts + (task.dur ?? 0);
    const inside = new Map<string, number>();
    for (const e of onMain) {
      if (e === task || e.ts < task.ts || e.ts >= end || !e.dur) continue;
      if (
        !/FunctionCall|EvaluateScript|Layout|UpdateLayoutTree|Paint|ParseHTML|TimerFire|FireAnimationFrame|v8.compile|RunMicrotasks|EventDispatch|PrePaint|Commit/.test(
          e.name,
        )
      )
        continue;
      const label = `${e.name}${e.args?.data?.functionName ? `:${e.args.data.functionName}` : ''}${e.args?.data?.url ? ` ${e.args.data.url.split('/').pop()}` : ''}`;
      inside.set(label, (inside.get(label) ?? 0) + e.dur / 1000);
    }
    const top = [...inside.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
    console.log(
      `${((task.ts - t0) / 1000).toFixed(0).padStart(6)} ${((task.dur ?? 0) / 1000).toFixed(0).padStart(5)}  ${top.map(([n, ms]) => `${n} ${ms.toFixed(0)}`).join(' | ')}`,
    );
    const js = inclusive(profile, task.ts, end, Number(process.env.TASK_TOP ?? 14)).filter(([, ms]) => ms >= 5);
    console.log(`         JS: ${js.map(([n, ms]) => `${n} ${ms.toFixed(0)}`).join(' · ')}`);
  }
  console.log(`\n## JS inclusive time over the load (ms)`);
  for (const [name, ms] of inclusive(profile, -Infinity, Infinity, Number(process.env.TOP ?? 50)))
    console.log(`${ms.toFixed(1).padStart(9)}  ${name}`);
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
