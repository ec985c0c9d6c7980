/**
 * The page's own JavaScript before anything is lazily loaded: the entry script of index.html and
 * the chunks it modulepreloads (issue 19, "A light page"). Workers and dynamic imports are not
 * part of it. Sizes are gzip at zlib's default level, as the bench's static host serves them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface MainThreadJs {
  files: { path: string; bytes: number; gzipBytes: number }[];
  bytes: number;
  gzipBytes: number;
}

/** The entry and modulepreload URLs of a built index.html, relative to the site's root. */
export function entryScripts(indexHtml: string): string[] {
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
