/**
 * A static file server on 127.0.0.1 for browser tests, serving a built site under its base path
 * like GitHub Pages does: `/base/x/` -> `x/index.html`, unknown paths -> `404.html` with status
 * 404, nothing outside the base path. Responses are not compressed (budgets gzip themselves).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.bib': 'application/x-bibtex; charset=utf-8',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pf_filter': 'application/octet-stream',
};

export interface StaticServer {
  /** Origin plus base path, e.g. `http://127.0.0.1:4321/reading-group/`. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

export async function serveStatic(root: string, base = '/'): Promise<StaticServer> {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const resolve = (pathname: string): string | null => {
    if (!pathname.startsWith(prefix)) return null;
    const relativePath = normalize(decodeURIComponent(pathname.slice(prefix.length)));
    if (relativePath.startsWith('..')) return null;
    let file = join(root, relativePath);
    if (!file.startsWith(root + sep) && file !== root && file !== `${root}${sep}.`) return null;
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    return existsSync(file) && statSync(file).isFile() ? file : null;
  };
  const server: Server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    // Directory URLs without the trailing slash redirect, as static hosts do.
    if (pathname.startsWith(prefix) && !pathname.endsWith('/') && !extname(pathname)) {
      const dir = join(root, pathname.slice(prefix.length));
      if (existsSync(join(dir, 'index.html'))) {
        response.writeHead(301, { Location: `${pathname}/` }).end();
        return;
      }
    }
    const file = resolve(pathname);
    const status = file ? 200 : 404;
    const body = file ?? join(root, '404.html');
    if (!existsSync(body)) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(status, { 'Content-Type': TYPES[extname(body)] ?? 'application/octet-stream' });
    createReadStream(body).pipe(response);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: origin + prefix,
    origin,
    close: () => new Promise<void>((done, fail) => server.close((error) => (error ? fail(error) : done()))),
  };
}
