/**
 * The page's first screen as static HTML (issue 19, a light page; docs/architecture.md, "First
 * screen"): the markup of the app's first render in its default state, shown by index.html before
 * the scripts arrive, so the title, toolbar and sliders paint with the HTML and CSS. React replaces
 * it on its first commit. It is captured from the app itself, never written by hand:
 * `npm run shell:capture` writes it, and tests/browser/firstScreen.test.ts fails when it differs
 * from what the app renders now.
 */
import type { Page } from 'playwright-core';

/** Where the captured first screen lives; vite.config.ts puts it inside index.html's #root. */
export const FIRST_SCREEN_FILE = 'src/ui/shell/firstScreen.html';

/**
 * Runs in the page before its scripts: at React's first commit into #root, keeps a copy of what it
 * drew, made static. The concept panels and the phone dock are left out: they draw to the width of
 * the screen they open on, while this markup serves every width (the panels mount below everything
 * it shows, so nothing it shows moves). Test ids are left out too, so a test never finds the static copy; and the app
 * element is inert, so nothing in it takes a click or focus before the app does.
 */
export function keepFirstCommit(): void {
  // This runs before the document is parsed: watch it all; React's app is the one with a test id.
  const seen = new MutationObserver(() => {
    const app = document.querySelector('#root > [data-testid="app"]');
    if (!app) return;
    seen.disconnect();
    const copy = app.cloneNode(true) as Element;
    // The panels' place is kept a screen tall, so what follows them (the sliders, on a phone) stays
    // below the fold until the panels come; an empty panel there says they are on their way.
    copy.querySelectorAll('.concept-grid').forEach((grid) => {
      const pending = document.createElement('div');
      pending.className = 'panel-pending';
      pending.setAttribute('style', 'padding: 12px 14px; color: var(--muted)');
      pending.textContent = 'Drawing the figures…';
      grid.replaceChildren(pending);
      grid.setAttribute('style', 'min-height: 100vh');
    });
    // The phone dock follows the panels on screen; it comes with them.
    copy.querySelectorAll('.slider-dock').forEach((dock) => dock.remove());
    for (const el of [copy, ...copy.querySelectorAll('*')]) el.removeAttribute('data-testid');
    copy.setAttribute('inert', '');
    copy.setAttribute('aria-busy', 'true');
    (window as unknown as { __firstScreen: string }).__firstScreen = copy.outerHTML;
  });
  seen.observe(document, { childList: true, subtree: true });
}

/** The first screen of the app served at `origin`, captured with a fresh page at its default state. */
export async function captureFirstScreen(page: Page, origin: string): Promise<string> {
  await page.addInitScript(keepFirstCommit);
  await page.goto(`${origin}/`);
  const html = await page.waitForFunction(() => (window as unknown as { __firstScreen?: string }).__firstScreen, null, {
    timeout: 120_000,
  });
  return (await html.jsonValue()) as string;
}
