/**
 * The page's own JavaScript before anything is lazily loaded: the entry script of index.html and
 * the chunks it modulepreloads (issue 19, "A light page"). Workers and dynamic imports are not
 * part of it. Sizes are gzip at zlib's default level, as the bench's static host serves them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { appScriptsOf } from '../scripts/startAfterPaint';

export interface MainThreadJs {
  files: { path: string; bytes: number; gzipBytes: number }[];
  bytes: number;
  gzipBytes: number;
}

/**
 * The entry and modulepreload URLs of a built index.html, relative to the site's root: from the
 * list the page requests after its first paint (scripts/startAfterPaint.ts), or from Vite's tags.
 */
export function entryScripts(indexHtml: string): string[] {
  const listed = appScriptsOf(indexHtml);
  if (listed) return [listed.entry, ...listed.preload].map((u) => u.replace(/^\.\//, ''));
  const entry = [...indexHtml.matchAll(/<script\b[^>]*type="module"[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]);
  const preloads = [...indexHtml.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*\shref="([^"]+)"/g)].map((m) => m[1]);
  return [...entry, ...preloads].map((u) => u.replace(/^\.\//, ''));
}

export function mainThreadJs(distDir: string): MainThreadJs {
  const files = entryScripts(readFileSync(join(distDir, 'index.html'), 'utf8')).map((path) => {
    const body = readFileSync(join(distDir, path));
    return { path, bytes: body.length, gzipBytes: gzipSync(body).length };
  });
  return {
    files,
    bytes: files.reduce((s, f) => s + f.bytes, 0),
    gzipBytes: files.reduce((s, f) => s + f.gzipBytes, 0),
  };
}

/** A chunk's references to other chunks: imports and preload lists, and worker entries (`new URL`). */
const REF = /(new URL\(\s*)?["'`](?:\.\/|assets\/)?([\w.-]+\.js)["'`]/g;

function references(distDir: string, path: string): { chunks: string[]; workers: string[] } {
  const text = readFileSync(join(distDir, path), 'utf8');
  const chunks = new Set<string>();
  const workers = new Set<string>();
  for (const m of text.matchAll(REF))
    if (existsSync(join(distDir, 'assets', m[2]))) (m[1] ? workers : chunks).add(`assets/${m[2]}`);
  return { chunks: [...chunks].filter((c) => c !== path), workers: [...workers] };
}

function closure(distDir: string, roots: string[]): { scripts: Set<string>; workers: Set<string> } {
  const scripts = new Set<string>();
  const workers = new Set<string>();
  const queue = [...roots];
  while (queue.length) {
    const path = queue.shift()!;
    if (scripts.has(path)) continue;
    scripts.add(path);
    const refs = references(distDir, path);
    queue.push(...refs.chunks);
    for (const w of refs.workers) workers.add(w);
  }
  return { scripts, workers };
}

/**
 * Every script the page can ever run on its main thread (the entry, its modulepreloads and every
 * chunk they import, lazily or not), and every script its workers run, from the built files.
 */
export function scriptGraph(distDir: string): { page: Set<string>; workerEntries: Set<string>; worker: Set<string> } {
  const page = closure(distDir, entryScripts(readFileSync(join(distDir, 'index.html'), 'utf8')));
  const worker = closure(distDir, [...page.workers]);
  return { page: page.scripts, workerEntries: page.workers, worker: worker.scripts };
}
