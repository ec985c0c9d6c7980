/**
 * axe-core in a test page: injected as a script (no network), run on the whole document (or on the
 * part a CSS selector names), and its serious and critical violations returned as readable lines
 * ("rule: target — summary").
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const results = await page.evaluate(async (selector) => {
    const axe = (
      window as unknown as { axe: { run(context: Document | object, options: object): Promise<AxeResults> } }
    ).axe;
    return axe.run(selector ? { include: [selector] } : document, { resultTypes: ['violations'] });
  }, include);
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(0, 2).join(' ') ?? v.help}`,
      ),
    );
}
