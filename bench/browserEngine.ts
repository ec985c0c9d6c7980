import type { Browser } from 'playwright-core';
import type { EngineFigures } from './engineMeasure';
import type { StepFigures } from './stepMeasure';

export interface BrowserEngineResult {
  backend: string;
  ok: boolean;
  error?: string;
  figures?: EngineFigures;
}

/** Opens bench/browser.html for each backend and collects the worker's figures. */
export async function benchBrowserEngine(
  browser: Browser,
  origin: string,
  backends: string[],
  rounds: number,
): Promise<BrowserEngineResult[]> {
  const results: BrowserEngineResult[] = [];
  for (const backend of backends) {
    const page = await browser.newPage();
    try {
      await page.goto(`${origin}/bench/browser.html?backend=${backend}&rounds=${rounds}`);
      await page.waitForSelector('#out[data-done="true"]', { timeout: 1_200_000 });
      const data = JSON.parse((await page.textContent('#out')) ?? '{}') as {
        ok: boolean;
        error?: string;
        figures?: EngineFigures;
      };
      results.push({ backend, ...data });
    } catch (err) {
      results.push({ backend, ok: false, error: err instanceof Error ? err.message : String(err) });
    } finally {
      await page.close();
    }
  }
  return results;
}

export interface BrowserStepResult {
  ok: boolean;
  error?: string;
  report?: { backend: string; fallbacks: { backend: string; reason: string }[] };
  probe?: { results: { backend: string; msPerStep: number | null; note: string }[]; totalMs: number } | null;
  step?: StepFigures;
  isolated?: boolean;
}

/** Default-run step time in a bench worker on `backend` ('auto': the app's probe decides). */
export async function benchBrowserStep(
  browser: Browser,
  origin: string,
  backend: string,
  rounds: number,
): Promise<BrowserStepResult> {
  const page = await browser.newPage();
  try {
    await page.goto(`${origin}/bench/browser.html?backend=${backend}&rounds=${rounds}&mode=step`);
    await page.waitForSelector('#out[data-done="true"]', { timeout: 300_000 });
    return JSON.parse((await page.textContent('#out')) ?? '{}') as BrowserStepResult;
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  } finally {
    await page.close();
  }
}
