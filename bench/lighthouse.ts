/**
 * One Lighthouse 12 run (its default mobile profile: Moto G Power screen, simulated slow 4G and 4×
 * CPU) against a URL, in Debian's Chromium started with the harness's no-network flags. Chromium
 * is started here rather than by playwright because Lighthouse drives it over a DevTools port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse, { type Result } from 'lighthouse';
import { CHROMIUM, SOFTWARE_RASTER_FLAGS } from '../tests/browser/harness';

export interface LighthouseFigures {
  performance: number;
  accessibility: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  speedIndexMs: number;
  cls: number;
  domElements: number;
  /** Opportunities and diagnostics that cost time, and failed accessibility audits: what to fix. */
  findings: string[];
}

async function startChromium(): Promise<{ proc: ChildProcess; port: number; profile: string }> {
  const profile = mkdtempSync(join(tmpdir(), 'lh-chromium-'));
  const proc = spawn(
    CHROMIUM,
    [...SOFTWARE_RASTER_FLAGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not open a DevTools port: ${err}`)), 60_000);
    proc.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    proc.on('exit', (code) => reject(new Error(`Chromium exited (${code}): ${err}`)));
  });
  return { proc, port, profile };
}

const score = (lhr: Result, id: string): number => Math.round((lhr.categories[id]?.score ?? 0) * 100);
const value = (lhr: Result, id: string): number => lhr.audits[id]?.numericValue ?? NaN;

function findings(lhr: Result): string[] {
  const out: string[] = [];
  for (const ref of lhr.categories.performance?.auditRefs ?? []) {
    const a = lhr.audits[ref.id];
    if (!a || a.score === null || a.score >= 0.9 || ref.weight > 0) continue;
    const saving = a.details && 'overallSavingsMs' in a.details ? a.details.overallSavingsMs : undefined;
    out.push(
      `perf: ${a.title}${a.displayValue ? ` — ${a.displayValue}` : ''}${saving ? ` (saves ~${Math.round(Number(saving))} ms)` : ''}`,
    );
  }
  for (const ref of lhr.categories.accessibility?.auditRefs ?? []) {
    const a = lhr.audits[ref.id];
    if (a && a.score !== null && a.score < 1) out.push(`a11y: ${a.title}`);
  }
  return out;
}

export async function runLighthouse(url: string, reportPath?: string): Promise<LighthouseFigures> {
  const chrome = await startChromium();
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      logLevel: 'error',
      output: 'json',
      onlyCategories: ['performance', 'accessibility'],
    });
    if (!result) throw new Error('Lighthouse returned no result');
    const lhr = result.lhr;
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
    if (reportPath) {
      const { writeFileSync } = await import('node:fs');
      writeFileSync(reportPath, JSON.stringify(lhr));
    }
    return {
      performance: score(lhr, 'performance'),
      accessibility: score(lhr, 'accessibility'),
      fcpMs: value(lhr, 'first-contentful-paint'),
      lcpMs: value(lhr, 'largest-contentful-paint'),
      tbtMs: value(lhr, 'total-blocking-time'),
      speedIndexMs: value(lhr, 'speed-index'),
      cls: value(lhr, 'cumulative-layout-shift'),
      domElements: value(lhr, 'dom-size'),
      findings: findings(lhr),
    };
  } finally {
    if (chrome.proc.exitCode === null) {
      const exited = new Promise((done) => chrome.proc.once('exit', done));
      chrome.proc.kill();
      await exited;
    }
    rmSync(chrome.profile, { recursive: true, force: true });
  }
}
