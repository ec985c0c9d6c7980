/**
 * A static host as a class would use (README, "Host it for a class"): the production build served
 * from a sub-path of a plain Node server, without COOP/COEP headers, optionally gzip-compressing
 * text as GitHub Pages or a department web server does. Anything outside the sub-path is a 404,
 * so a root-relative asset URL fails loudly. Used by the hosting and light-page tests and by
 * `npm run bench:load`.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { createGzip } from 'node:zlib';

export const SUB_PATH = '/some/sub/path/';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};
/** What a web server compresses: text and WASM, not the already-compressed images and woff fonts. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.wasm', '.svg', '.webmanifest', '.ttf', '.json']);

export interface StaticHost {
  server: Server;
  /** The page's URL: origin + sub-path. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

function handler(root: string, gzip: boolean) {
  return (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(SUB_PATH)) {
      res.writeHead(404).end('not under the sub-path');
      return;
    }
    let file = normalize(join(root, path.slice(SUB_PATH.length)));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    const ext = extname(file);
    const zip = gzip && COMPRESSIBLE.has(ext) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    res.writeHead(200, {
      'Content-Type': TYPES[ext] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
      ...(zip ? { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' } : {}),
    });
    const body = createReadStream(file);
    if (zip) body.pipe(createGzip()).pipe(res);
    else body.pipe(res);
  };
}

/** Serves the built site in `root` (an absolute path) under SUB_PATH on a free port of 127.0.0.1. */
export async function startStaticHost(root: string, opts: { gzip?: boolean } = {}): Promise<StaticHost> {
  const server = createServer(handler(root, opts.gzip ?? false));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('static host has no port');
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    server,
    origin,
    url: `${origin}${SUB_PATH}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
