/**
 * Queries on the built site's search page in chromium, timed to "N papers found.": a freshly
 * opened `/search/?q=…` (from navigation start, as a shared link or the header box gives it;
 * median of 5), a first query typed 1 s after the page loaded, one typed as soon as it loaded,
 * and later queries on the same page; plus the bytes each fetches from /pagefind/.
 */
import type { Page } from 'playwright-core';
import { launchBrowser } from '../lib/browser.ts';
import { serveStatic } from '../lib/static-server.ts';

export interface SearchMeasure {
  query: string;
  status: string;
  /** First query 1 s after the page loaded (Pagefind loads with the page). */
  firstMs: number;
  /** First query on a fresh page as soon as it has loaded: Pagefind may still be loading. */
  coldMs: number;
  /** A second, different query on the same page. */
  warmMs: number;
  /** Bytes fetched under /pagefind/ by the page and its first query (index entry, wasm, chunks, fragments, filters). */
  bytes: number;
  requests: number;
  /** A fresh page opened at /search/?q=<query>: navigation start to the answer, and /pagefind/ bytes it fetched. */
  urlMs: number;
  urlBytes: number;
  /** Of `urlBytes`, those that arrived before the answer (the rest: filter indexes for the option counts). */
  urlBytesToAnswer: number;
  /** The same fresh page over an emulated link of SLOW_LINK (median of URL_RUNS): round trips count there. */
  urlSlowMs: number;
  slowLink: typeof SLOW_LINK;
  /** Later queries on that page (typed after the first answered): median time and median /pagefind/ bytes each. */
  laterMs: number;
  laterBytes: number;
  laterQueries: string[];
}

/** Bytes and requests under /pagefind/ on a page, counted as their bodies arrive. */
function countPagefind(page: Page): { bytes: () => Promise<number>; requests: () => number } {
  let bytes = 0;
  let requests = 0;
  const bodies: Promise<unknown>[] = [];
  page.on('response', (response) => {
    if (!response.url().includes('/pagefind/')) return;
    requests += 1;
    bodies.push(response.body().then((body) => (bytes += body.length), () => undefined));
  });
  return { bytes: async () => (await Promise.all(bodies), bytes), requests: () => requests };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Waits for the answer on a page opened at /search/?q=…; ms since navigation start. It starts
 * when the navigation commits, perhaps before the status line is parsed: it watches the document.
 */
function answeredSinceNavigation(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const done = () => /found|could not/.test(document.getElementById('search-status')?.textContent ?? '');
        if (done()) return resolve(performance.now());
        new MutationObserver((_, observer) => {
          if (!done()) return;
          observer.disconnect();
          resolve(performance.now());
        }).observe(document, { childList: true, characterData: true, subtree: true });
      }),
  );
}

/** Bytes of /pagefind/ responses (preloads included) that ended before `ms` after navigation start. */
function pagefindBytesBefore(page: Page, ms: number): Promise<number> {
  return page.evaluate(
    (ms) =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => entry.name.includes('/pagefind/') && (entry as PerformanceResourceTiming).responseEnd <= ms)
        .reduce((sum, entry) => sum + (entry as PerformanceResourceTiming).encodedBodySize, 0),
    ms,
  );
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

/** Fresh pages opened at /search/?q=… whose median the bench reports. */
const URL_RUNS = 5;

/**
 * A link with a round trip a reader far from the host has (chromium's emulation adds the latency to
 * every request): on localhost a page's time is its CPU, over such a link also the chain of requests.
 */
export const SLOW_LINK = { latencyMs: 50, megabitsPerSecond: 10 };

/** Later queries: what people type after a first search (a title, a topic, an author-like word). */
const LATER = ['mixture of experts routing', 'kv cache', 'state space model', 'quantization', 'pixart alpha'];

export async function measureSearch(dist: string, query = 'flash attention', second = LATER[0]!): Promise<SearchMeasure> {
  const server = await serveStatic(dist);
  const url = server.url;
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const fetched = countPagefind(page);
    await page.goto(`${url}search/`, { waitUntil: 'load' });
    await page.focus('#search-q');
    await page.waitForTimeout(1000);
    const first = await timedQuery(page, query);
    await page.waitForLoadState('networkidle');
    const firstBytes = await fetched.bytes();
    const firstRequests = fetched.requests();
    const warm = await timedQuery(page, second);
    const fresh = await (await browser.newContext()).newPage();
    await fresh.goto(`${url}search/`, { waitUntil: 'load' });
    const cold = await timedQuery(fresh, query);

    // Fresh pages opened at /search/?q=… (the median of URL_RUNS: one run is noisy on a shared
    // machine), then later queries typed into the last one.
    const opens: { ms: number; bytesToAnswer: number; bytes: number }[] = [];
    let opened!: Page;
    let counted!: ReturnType<typeof countPagefind>;
    for (let i = 0; i < URL_RUNS; i++) {
      if (opened) await opened.context().close();
      opened = await (await browser.newContext()).newPage();
      counted = countPagefind(opened);
      await opened.goto(`${url}search/?q=${encodeURIComponent(query)}`, { waitUntil: 'commit' });
      const ms = await answeredSinceNavigation(opened);
      const bytesToAnswer = await pagefindBytesBefore(opened, ms);
      await opened.waitForLoadState('networkidle');
      opens.push({ ms, bytesToAnswer, bytes: await counted.bytes() });
    }
    const slow: number[] = [];
    for (let i = 0; i < URL_RUNS; i++) {
      const page = await (await browser.newContext()).newPage();
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Network.enable');
      const bytesPerSecond = (SLOW_LINK.megabitsPerSecond * 1e6) / 8;
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: SLOW_LINK.latencyMs, downloadThroughput: bytesPerSecond, uploadThroughput: bytesPerSecond });
      await page.goto(`${url}search/?q=${encodeURIComponent(query)}`, { waitUntil: 'commit' });
      slow.push(await answeredSinceNavigation(page));
      await page.context().close();
    }
    const urlMs = median(opens.map((o) => o.ms));
    const urlBytesToAnswer = median(opens.map((o) => o.bytesToAnswer));
    const urlBytes = opens.at(-1)!.bytes;
    const later: { ms: number; bytes: number }[] = [];
    let before = urlBytes;
    for (const next of LATER) {
      const { ms } = await timedQuery(opened, next);
      await opened.waitForLoadState('networkidle');
      const now = await counted.bytes();
      later.push({ ms, bytes: now - before });
      before = now;
    }
    return {
      query,
      status: first.status,
      firstMs: first.ms,
      coldMs: cold.ms,
      warmMs: warm.ms,
      bytes: firstBytes,
      requests: firstRequests,
      urlMs,
      urlBytes,
      urlBytesToAnswer,
      urlSlowMs: median(slow),
      slowLink: SLOW_LINK,
      laterMs: median(later.map((l) => l.ms)),
      laterBytes: median(later.map((l) => l.bytes)),
      laterQueries: LATER,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
