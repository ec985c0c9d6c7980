/**
 * The built page requests its scripts after the static first screen has painted
 * (scripts/startAfterPaint.ts): the rewrite of Vite's tags into a list and a loader.
 */
import { describe, expect, it } from 'vitest';
import { appScriptsOf, startAfterPaint } from '../../scripts/startAfterPaint';

const BUILT = `<!doctype html>
<html lang="en">
  <head>
    <title>Balance-loss lab</title>
    <script type="module" crossorigin src="./assets/index-AAA.js"></script>
    <link rel="modulepreload" crossorigin href="./assets/jsx-runtime-BBB.js">
    <link rel="modulepreload" crossorigin href="./assets/engineBridge-CCC.js">
    <link rel="stylesheet" crossorigin href="./assets/index-DDD.css">
  </head>
  <body>
    <div id="root"><div class="app">static</div></div>
    <script>/* the guard */</script>
  </body>
</html>`;

describe('startAfterPaint', () => {
  it('moves the entry and its preloads into a list the loader reads, after the guard', () => {
    const html = startAfterPaint(BUILT);
    expect(html).not.toMatch(/<script type="module"/);
    expect(html).not.toMatch(/<link rel="modulepreload"/);
    expect(html).toContain('<link rel="stylesheet" crossorigin href="./assets/index-DDD.css">');
    expect(appScriptsOf(html)).toEqual({
      entry: './assets/index-AAA.js',
      preload: ['./assets/jsx-runtime-BBB.js', './assets/engineBridge-CCC.js'],
    });
    // The list and the loader come after #root and the guard that may empty it.
    const at = (s: string) => html.indexOf(s);
    expect(at('id="app-scripts"')).toBeGreaterThan(at('/* the guard */'));
    expect(at('first-contentful-paint')).toBeGreaterThan(at('id="app-scripts"'));
    expect(at('first-contentful-paint')).toBeLessThan(at('</body>'));
  });

  it('reads no list from a page Vite wrote, and refuses a page without a module entry', () => {
    expect(appScriptsOf(BUILT)).toBeNull();
    expect(() => startAfterPaint('<html><body></body></html>')).toThrow(/no module entry/);
  });
});
