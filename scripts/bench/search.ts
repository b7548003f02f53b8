/**
 * Queries on the built site's search page in chromium, timed from submit to "N papers found.":
 * the first query after focusing the box (the page preloads Pagefind on focus), the same query
 * on a fresh page without that preload, and a second query; plus the bytes fetched from
 * /pagefind/ up to the first answer.
 */
import type { Page } from 'playwright-core';
import { launchBrowser } from '../lib/browser.ts';
import { serveStatic } from '../lib/static-server.ts';

export interface SearchMeasure {
  query: string;
  status: string;
  /** First query after focusing the search box and 1 s of "typing" (the page preloads Pagefind on focus). */
  firstMs: number;
  /** First query on a fresh page without focus first: Pagefind's wasm and metadata load inside it. */
  coldMs: number;
  /** A second, different query on the same page. */
  warmMs: number;
  /** Bytes fetched under /pagefind/ by the preload and the first query (index entry, wasm, chunks, fragments). */
  bytes: number;
  requests: number;
}

/** Types `query` into the search page's form, submits, and times until the status says what was found. */
async function timedQuery(page: Page, query: string): Promise<{ ms: number; status: string }> {
  return page.evaluate(
    (query) =>
      new Promise<{ ms: number; status: string }>((resolve, reject) => {
        const form = document.getElementById('search-form') as HTMLFormElement | null;
        const status = document.getElementById('search-status');
        const input = document.getElementById('search-q') as HTMLInputElement | null;
        if (!form || !status || !input) return reject(new Error('the search page has no #search-form/#search-status/#search-q'));
        const started = performance.now();
        new MutationObserver((_, observer) => {
          const text = status.textContent ?? '';
          if (/found|could not/.test(text)) {
            observer.disconnect();
            resolve({ ms: performance.now() - started, status: text });
          }
        }).observe(status, { childList: true, characterData: true, subtree: true });
        input.value = query;
        form.requestSubmit();
      }),
    query,
  );
}

export async function measureSearch(dist: string, query = 'flash attention', second = 'mixture of experts routing'): Promise<SearchMeasure> {
  const server = await serveStatic(dist);
  const url = server.url;
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    let bytes = 0;
    let requests = 0;
    const bodies: Promise<unknown>[] = [];
    page.on('response', (response) => {
      if (!response.url().includes('/pagefind/')) return;
      requests += 1;
      bodies.push(response.body().then((body) => (bytes += body.length), () => undefined));
    });
    await page.goto(`${url}search/`, { waitUntil: 'load' });
    await page.focus('#search-q');
    await page.waitForTimeout(1000);
    const first = await timedQuery(page, query);
    await page.waitForLoadState('networkidle');
    await Promise.all(bodies);
    const firstBytes = bytes;
    const firstRequests = requests;
    const warm = await timedQuery(page, second);
    const fresh = await (await browser.newContext()).newPage();
    await fresh.goto(`${url}search/`, { waitUntil: 'load' });
    const cold = await timedQuery(fresh, query);
    return { query, status: first.status, firstMs: first.ms, coldMs: cold.ms, warmMs: warm.ms, bytes: firstBytes, requests: firstRequests };
  } finally {
    await browser.close();
    await server.close();
  }
}
