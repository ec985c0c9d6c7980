/**
 * The first load on a real slow link, not a simulated one: `node --import tsx bench/slowLink.ts
 * --dist <a> --dist <b> [--runs 3]`. Each build is served from a sub-path with gzip and opened
 * fresh at Lighthouse's phone size with the DevTools protocol throttling the network to
 * Lighthouse's slow 4G (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up) and the CPU 4×. It
 * reports, per build (medians; the builds' runs alternate):
 * - first contentful paint (the browser's own paint timing);
 * - app ready: the app has replaced the static first screen and drawn the concept Fig. 2, so a
 *   slider moves figures from then on.
 * It weighs what Lighthouse's simulation cannot: requesting the scripts after the first paint
 * (scripts/startAfterPaint.ts) paints sooner, and may start the app later.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { launch, SOFTWARE_RASTER_FLAGS } from '../tests/browser/harness';
import { LIGHTHOUSE_PHONE } from './lighthousePhone';
import { startStaticHost } from '../tests/browser/staticHost';

const { values: args } = parseArgs({
  options: { dist: { type: 'string', multiple: true }, runs: { type: 'string', default: '3' } },
});
const dists = (args.dist ?? []).map((d) => resolve(d));
if (dists.length === 0) throw new Error('usage: slowLink.ts --dist <dir> [--dist <dir>] [--runs N]');
const runs = Math.max(1, Number(args.runs));

const SLOW_4G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};

interface LoadTimes {
  fcp: number;
  appReady: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

const browser = await launch(SOFTWARE_RASTER_FLAGS);
const hosts = await Promise.all(dists.map((d) => startStaticHost(d, { gzip: true })));
const results = dists.map(() => [] as LoadTimes[]);
try {
  for (let run = 0; run < runs; run++)
    for (const [i, host] of hosts.entries()) {
      const context = await browser.newContext(LIGHTHOUSE_PHONE);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await page.goto(host.url);
      await page.waitForFunction(
        () =>
          document.querySelector('#root [inert]') === null &&
          document.querySelector('[data-testid="concept-sorted"] svg') !== null,
        undefined,
        { polling: 'raf', timeout: 120_000 },
      );
      const times: LoadTimes = await page.evaluate(() => ({
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
        appReady: performance.now(),
      }));
      results[i]?.push(times);
      console.log(
        `${dists[i]} run ${run + 1}/${runs}: FCP ${times.fcp.toFixed(0)} ms, app ready ${times.appReady.toFixed(0)} ms`,
      );
      await context.close();
    }
  console.table(
    Object.fromEntries(
      dists.map((d, i) => [
        d.split('/').pop(),
        {
          slowLink_fcpMs: Math.round(median((results[i] ?? []).map((r) => r.fcp))),
          slowLink_appReadyMs: Math.round(median((results[i] ?? []).map((r) => r.appReady))),
        },
      ]),
    ),
  );
} finally {
  await browser.close();
  await Promise.all(hosts.map((h) => h.close()));
}
