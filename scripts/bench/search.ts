/**
 * A query on the built site's search page in chromium: time from submit to "N papers found."
 * (first query: loads Pagefind, the needed index chunks and the first results' fragments; then a
 * second query), plus the bytes fetched from /pagefind/ by the first.
 */
import type { Page } from 'playwright-core';
import { launchBrowser } from '../../tests/helpers/browser.ts';
import { serveStatic } from '../../tests/helpers/static-server.ts';

export interface SearchMeasure {
  query: string;
  status: string;
  /** Submit to "N papers found." on /search/, first query: loads Pagefind, index chunks, fragments. */
  coldMs: number;
  /** The same for a second, different query. */
  warmMs: number;
  /** Bytes fetched under /pagefind/ by the first query (index entry, wasm, chunks, fragments). */
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
    const cold = await timedQuery(page, query);
    await page.waitForLoadState('networkidle');
    await Promise.all(bodies);
    const coldBytes = bytes;
    const coldRequests = requests;
    const warm = await timedQuery(page, second);
    return { query, status: cold.status, coldMs: cold.ms, warmMs: warm.ms, bytes: coldBytes, requests: coldRequests };
  } finally {
    await browser.close();
    await server.close();
  }
}
