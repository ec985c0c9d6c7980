/**
 * Browser-test harness: a Vite dev server on 127.0.0.1 and Debian's Chromium driven by
 * playwright-core with the SwiftShader WebGPU flags of docs/design.md §3. Records console errors and
 * every request, so tests can assert "no errors" and "nothing leaves the origin".
 */
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { build, createServer, preview, type PreviewServer, type ViteDevServer } from 'vite';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const BASE_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
export const WEBGPU_FLAGS = [
  ...BASE_FLAGS,
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-angle=swiftshader',
];
/** No GPU at all: pages are rastered in software (the benchmark's view of main-thread cost). */
export const SOFTWARE_RASTER_FLAGS = [...BASE_FLAGS, '--disable-gpu'];
/** WebGPU switched off in the browser itself (the adapter request fails), WebGL still on. */
export const NO_WEBGPU_FLAGS = [...BASE_FLAGS, '--disable-features=WebGPU,Vulkan', '--use-angle=swiftshader'];

/**
 * Neither WebGPU nor WebGL: a machine without a usable GPU, where training must run on WASM.
 * --disable-3d-apis alone leaves WebGL on in workers (on SwiftShader); without the software
 * rasteriser no WebGL context can be made at all.
 */
export const NO_GPU_FLAGS = [
  ...BASE_FLAGS,
  '--disable-features=WebGPU,Vulkan',
  '--disable-3d-apis',
  '--disable-gpu',
  '--disable-software-rasterizer',
];

export async function startServer(): Promise<{ server: ViteDevServer; origin: string }> {
  const server = await createServer({
    configFile: 'vite.config.ts',
    server: { host: '127.0.0.1', port: 0, strictPort: false },
    logLevel: 'error',
    clearScreen: false,
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('Vite server has no port');
  return { server, origin: `http://127.0.0.1:${address.port}` };
}

/** The production build, served as a user would get it (benchmarks measure this, not dev mode). */
export async function startPreview(outDir = 'dist'): Promise<{ server: PreviewServer; origin: string }> {
  await build({ configFile: 'vite.config.ts', logLevel: 'error', build: { outDir, emptyOutDir: true } });
  const server = await preview({
    configFile: 'vite.config.ts',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0 },
    logLevel: 'error',
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('Preview server has no port');
  return { server, origin: `http://127.0.0.1:${address.port}` };
}

export interface PageRecord {
  page: Page;
  errors: string[];
  requests: string[];
  /** Requests that carried a body or were not GET/HEAD. */
  uploads: string[];
}

export async function launch(flags: string[] = WEBGPU_FLAGS): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: flags, headless: true });
}

const openContexts = new Set<BrowserContext>();

/** Closes every page opened by openPage, so a finished test's engine stops competing for the CPU. */
export async function closeAllPages(): Promise<void> {
  const contexts = [...openContexts];
  openContexts.clear();
  await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
}

export async function openPage(
  browser: Browser,
  url: string,
  viewport = { width: 1280, height: 800 },
  permissions: string[] = [],
): Promise<PageRecord> {
  const context = await browser.newContext({ viewport, permissions });
  openContexts.add(context);
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  const uploads: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(String(err)));
  // Context-level, so requests from workers are recorded too.
  context.on('request', (req) => {
    requests.push(req.url());
    // Anything that sends a body (POST, PUT, beacons) would be an upload, even to our own origin.
    if (!['GET', 'HEAD'].includes(req.method()) || req.postData() !== null)
      uploads.push(`${req.method()} ${req.url()}`);
  });
  // The dev server bundles on first request; on a busy 2-core machine that outlasts the 30 s default.
  await page.goto(url, { timeout: 180_000 });
  return { page, errors, requests, uploads };
}

/** Requests that left the app's origin (data: and blob: URLs stay in the browser). */
export function foreignRequests(requests: string[], origin: string): string[] {
  return requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
}

/**
 * Tiny shapes: SwiftShader runs WebGPU on the CPU (docs/design.md §3). `be=webgpu` because these tests
 * exercise WebGPU: left on auto, the backend probe would rightly pick WASM over SwiftShader.
 */
export const TINY = 'px=32&lv=2&w=4&bs=2&ntr=8&nva=4&be=webgpu';

export async function textOf(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).first().textContent()) ?? '';
}

export async function waitForStep(page: Page, atLeast: number, timeout = 240_000): Promise<number> {
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid="step-counter"]')?.textContent ?? 0) >= n,
    atLeast,
    { timeout },
  );
  return Number(await textOf(page, 'step-counter'));
}

/** Waits until the store holds a snapshot of at least `atLeast` steps (the step counter can run ahead of snapshots). */
export async function waitForSnapshot(page: Page, atLeast: number, timeout = 240_000): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const lab = (
        window as unknown as { balanceLab?: { store: { getState(): { snapshot: { step: number } | null } } } }
      ).balanceLab;
      return (lab?.store.getState().snapshot?.step ?? -1) >= n;
    },
    atLeast,
    { timeout },
  );
}

/**
 * Waits until the engine has chosen a backend and returns its name; fails with the fallback
 * reasons (the badge tooltip) when it is not the one expected.
 */
export async function expectBackend(page: Page, expected: string, timeout = 180_000): Promise<void> {
  const badge = page.getByTestId('backend-badge');
  await page.waitForFunction(
    () => !/starting/.test(document.querySelector('[data-testid="backend-badge"]')?.textContent ?? 'starting'),
    undefined,
    { timeout },
  );
  // The badge reads "wasm · 140 ms/step" once steps run: the backend is its first word.
  const name = ((await badge.textContent()) ?? '').split(' ')[0];
  if (name !== expected)
    throw new Error(`engine chose ${name}, expected ${expected}: ${(await badge.getAttribute('title')) ?? ''}`);
}

/**
 * A screenshot of painted content. Under heavy load SwiftShader's compositor occasionally hands
 * back a frame with only the page background (a flat PNG of a few kB); such a frame is retaken.
 */
export async function screenshotPainted(page: Page, path: string, fullPage = false): Promise<void> {
  const fs = await import('node:fs/promises');
  let shot = await page.screenshot({ fullPage });
  for (let attempt = 0; attempt < 5 && shot.length < 30_000; attempt++) {
    await page.waitForTimeout(1000);
    shot = await page.screenshot({ fullPage });
  }
  const { dirname } = await import('node:path');
  await fs.mkdir(dirname(path), { recursive: true });
  await fs.writeFile(path, shot);
}

/**
 * Walks down the empty boxes (`.panel-pending`) within `scope`, as a reader scrolling would, until
 * `done`: a panel that has never come near the viewport is such a box, without test ids
 * (src/panels/kit/onScreen.tsx).
 */
async function walkPendingUntil(
  page: Page,
  done: () => Promise<boolean>,
  scope: string,
  what: string,
  timeout: number,
): Promise<void> {
  const until = Date.now() + timeout;
  while (!(await done())) {
    if (Date.now() > until) throw new Error(what);
    // In the page, in one step: the box may draw (and go) between two calls from here.
    await page.evaluate(
      (selector) => document.querySelector(selector)?.scrollIntoView({ block: 'center' }),
      `${scope} .panel-pending`.trim(),
    );
    await page.waitForTimeout(100);
  }
}

/** Scrolls down the page's empty boxes until an element with `testId` (or matching a locator) exists. */
export async function scrollUntilDrawn(page: Page, testId: string | Locator, timeout = 60_000): Promise<void> {
  const target = typeof testId === 'string' ? page.getByTestId(testId).first() : testId.first();
  const what = `scrollUntilDrawn: nothing matches ${String(target)}`;
  await walkPendingUntil(page, async () => (await target.count()) > 0, '', what, timeout);
}

/** Scrolls to each empty box in `container` until every panel there has drawn, then back to the top. */
export async function drawAllIn(page: Page, container: string, timeout = 60_000): Promise<void> {
  const pending = page.locator(`${container} .panel-pending`);
  const what = `drawAllIn: panels in ${container} never drew`;
  await walkPendingUntil(page, async () => (await pending.count()) === 0, container, what, timeout);
  await page.evaluate(() => window.scrollTo(0, 0));
}

/**
 * Waits until the element with `testId` shows what is current (`live`), or what its panel held when
 * it left the screen (`!live`): the `data-live` of its `WhileOnScreen` wrapper. An element outside
 * any wrapper always shows what is current.
 */
export async function waitForLive(page: Page, testId: string, live = true): Promise<void> {
  await page.waitForFunction(
    ([id, live]) => {
      const el = document.querySelector(`[data-testid="${id}"]`);
      if (el === null) return false;
      const wrapper = el.closest('.on-screen');
      return wrapper ? wrapper.getAttribute('data-live') === String(live) : live;
    },
    [testId, live] as const,
  );
}

/**
 * Scrolls a training panel (or an element in one) into view, as a reader would, and waits until
 * it shows current data and has drawn it: off screen a panel holds what it last drew
 * (src/panels/kit/onScreen.tsx, docs/architecture.md data flow).
 */
export async function scrollInLive(page: Page, testId: string): Promise<void> {
  await scrollUntilDrawn(page, testId);
  await page.getByTestId(testId).first().scrollIntoViewIfNeeded();
  await waitForLive(page, testId);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}
