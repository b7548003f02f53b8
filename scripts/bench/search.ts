/**
 * A Pagefind query in a real browser on a built site: time to first results (cold: loads the
 * index entry, the needed index chunks and the top results' fragments) and again warm, plus the
 * bytes fetched from /pagefind/ for the cold query.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
};

/** Serve `root` at `/` (the bench builds with base `/`). */
export function serveStatic(root: string): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    let file = join(root, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file.startsWith(root) || !existsSync(file)) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/` });
    }),
  );
}

export interface SearchMeasure {
  query: string;
  results: number;
  coldMs: number;
  warmMs: number;
  /** Bytes fetched under /pagefind/ by the cold query (index entry, wasm, chunks, fragments). */
  bytes: number;
  requests: number;
}

export async function measureSearch(dist: string, query = 'flash attention', top = 5): Promise<SearchMeasure> {
  const { server, url } = await serveStatic(dist);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    let bytes = 0;
    let requests = 0;
    page.on('response', (response) => {
      if (!response.url().includes('/pagefind/')) return;
      requests += 1;
      response.body().then((body) => (bytes += body.length), () => undefined);
    });
    await page.goto(url);
    const timing = await page.evaluate(
      async ({ query, top }) => {
        const run = async () => {
          const started = performance.now();
          // @ts-expect-error served by the site, not a module of this project
          const pagefind = await import('/pagefind/pagefind.js');
          const search = await pagefind.search(query);
          await Promise.all(search.results.slice(0, top).map((r: { data: () => Promise<unknown> }) => r.data()));
          return { ms: performance.now() - started, results: search.results.length as number };
        };
        const cold = await run();
        const warm = await run();
        return { cold, warm };
      },
      { query, top },
    );
    await page.waitForLoadState('networkidle');
    return { query, results: timing.cold.results, coldMs: timing.cold.ms, warmMs: timing.warm.ms, bytes, requests };
  } finally {
    await browser.close();
    server.close();
  }
}
