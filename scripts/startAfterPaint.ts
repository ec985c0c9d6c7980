/**
 * The built page requests its scripts once the static first screen has painted (docs/architecture.md,
 * "First screen"). On a slow link the entry (about 180 KB gzipped) would otherwise share the line
 * with the faces the first screen's text waits for, and hold its first paint back by about a
 * second; requested after it, the app starts one round trip later than it would have. Measured
 * on a real throttled slow 4G link (`npm run bench:slowlink`, docs/benchmarks.md): first paint
 * 0.85 → 0.69 s, the app ready about 0.1 s later (2.55 → 2.64 s, within the runs' spread). A page
 * without the static screen (a link with parameters, a kept deck) has nothing to paint first and
 * requests them at once, as does a browser without paint timing, or a page that has not painted
 * within LATEST_MS (a background tab).
 *
 * Vite writes the entry as a module script and its static imports as modulepreload links; this
 * moves both into a JSON list (`#app-scripts`) that a small inline script adds to the head.
 */
const LATEST_MS = 3000;

export interface AppScripts {
  entry: string;
  preload: string[];
}

const ENTRY = /\s*<script type="module" crossorigin src="([^"]+)"><\/script>/;
const PRELOAD = /\s*<link rel="modulepreload" crossorigin href="([^"]+)">/g;

/** The inline loader: reads `#app-scripts` and adds the preloads and the entry to the head. */
const LOADER = `(function () {
  var scripts = JSON.parse(document.getElementById('app-scripts').textContent);
  var started = false;
  function add(tag, attrs) {
    var el = document.createElement(tag);
    el.crossOrigin = '';
    for (var k in attrs) el[k] = attrs[k];
    document.head.appendChild(el);
  }
  function start() {
    if (started) return;
    started = true;
    scripts.preload.forEach(function (href) { add('link', { rel: 'modulepreload', href: href }); });
    add('script', { type: 'module', src: scripts.entry });
  }
  var types = window.PerformanceObserver && PerformanceObserver.supportedEntryTypes;
  if (!document.getElementById('root').firstElementChild || !types || types.indexOf('paint') < 0) return start();
  try {
    new PerformanceObserver(function (list) {
      if (list.getEntriesByName('first-contentful-paint').length) start();
    }).observe({ type: 'paint', buffered: true });
  } catch (e) {
    return start();
  }
  setTimeout(start, ${LATEST_MS});
})();`;

/** Rewrites a built index.html: the entry and its preloads start after the first paint. */
export function startAfterPaint(html: string): string {
  const entry = ENTRY.exec(html)?.[1];
  if (!entry) throw new Error('startAfterPaint: no module entry script in index.html');
  const preload = [...html.matchAll(PRELOAD)].map((m) => m[1] as string);
  const list: AppScripts = { entry, preload };
  const tags =
    `<script id="app-scripts" type="application/json">${JSON.stringify(list)}</script>\n` +
    `    <script>${LOADER}</script>\n  </body>`;
  return html.replace(ENTRY, '').replace(PRELOAD, '').replace('</body>', tags);
}

/** The entry and preload URLs of a rewritten index.html (its `#app-scripts` list); null for Vite's own. */
export function appScriptsOf(html: string): AppScripts | null {
  const json = /<script id="app-scripts" type="application\/json">([^<]*)<\/script>/.exec(html)?.[1];
  return json ? (JSON.parse(json) as AppScripts) : null;
}
