/**
 * What must hold after every move of the restless user (issue 18): a run the page shows as playing
 * takes steps, nothing is logged as an error, no number on screen is NaN, and the only error
 * notice is the one that explains a NaN pause.
 */
import type { Page } from 'playwright-core';

/** How long a run shown as playing may go without a step. */
export const STALL_MS = 10_000;

/**
 * The NaN pause is the engine doing its job (src/engine/trainer.ts, recoverFromNaN): a learning
 * rate near 1 diverges. Its notice names the loss it saw, so it is the one place "NaN" may show.
 */
const NAN_PAUSE = /The loss became (NaN|-?Infinity) at step \d+: [^.]*\. Training paused;[^.]*\./g;

/**
 * Watches the page for up to STALL_MS: returns once the step counter rises, or once the page has
 * shown the run paused for a while (a pause, a NaN stop or a restore); fails when it shows the run
 * playing the whole time without a step. A transient "paused" that turns back into "playing" is
 * watched on.
 */
async function stepsComeWhilePlaying(page: Page): Promise<string | null> {
  return page.evaluate(
    async ({ stallMs }) => {
      const read = () => ({
        playing: document.querySelector('[data-testid="btn-pause"]') !== null,
        step: Number(document.querySelector('[data-testid="step-counter"]')?.textContent ?? NaN),
      });
      const started = performance.now();
      let last = read();
      let pausedSince = last.playing ? null : started;
      while (performance.now() - started < stallMs) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const now = read();
        // Any rise is a step taken (a restart drops the counter to 0 first, then it rises again).
        if (now.step > last.step) return null;
        if (!now.playing) pausedSince ??= performance.now();
        else pausedSince = null;
        if (pausedSince !== null && performance.now() - pausedSince > 1000) return null;
        last = now;
      }
      return `the page showed the run playing for ${stallMs / 1000} s and the step counter stayed at ${last.step}`;
    },
    { stallMs: STALL_MS },
  );
}

/** NaN (or ±Infinity) anywhere in the visible text, apart from a NaN pause's notice. */
async function nanOnScreen(page: Page): Promise<string | null> {
  const text = await page.evaluate(() => document.body.innerText);
  const rest = text.replace(NAN_PAUSE, '');
  const hit = /NaN|Infinity/.exec(rest);
  if (!hit) return null;
  const around = rest.slice(Math.max(0, hit.index - 80), hit.index + 40).replace(/\s+/g, ' ');
  return `"${hit[0]}" on screen: …${around}…`;
}

async function errorNotices(page: Page): Promise<string | null> {
  const texts = await page.locator('.notice-error').allTextContents();
  const unexplained = texts.filter((t) => t.replace(NAN_PAUSE, '').replace(/×$/, '').trim() !== '');
  return unexplained.length ? `error notice: ${unexplained.join(' | ')}` : null;
}

/** Every invariant, in order; the first that fails is returned as a sentence. */
export async function brokenInvariant(page: Page, consoleErrors: readonly string[]): Promise<string | null> {
  const stalled = await stepsComeWhilePlaying(page);
  if (stalled) return stalled;
  if (consoleErrors.length) return `console error: ${consoleErrors.join(' | ')}`;
  return (await nanOnScreen(page)) ?? (await errorNotices(page));
}
