/**
 * Queries on the built site's search page in chromium, timed to "N papers found.": a freshly
 * opened `/search/?q=…` (from navigation start, as a shared link or the header box gives it;
 * median of 5); queries typed key by key into such a page, from the Enter key (issue 16's "first
 * query typed into a freshly opened /search/?q=…" and "later queries"); and queries put into the
 * box whole and submitted (pasted): 1 s after the page loaded, as soon as it loaded, and later on
 * one page; plus the bytes each fetches from /pagefind/.
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
  /** Later queries pasted whole into that page and submitted: median time and median /pagefind/ bytes each. */
  laterMs: number;
  laterBytes: number;
  laterQueries: string[];
  /**
   * A query typed key by key (TYPING_DELAY_MS apart) into a freshly opened /search/?q=… once it
   * answered, from the Enter key to the answer (median of TYPED_RUNS pages); then later queries
   * typed into the last of them (median). Typing gives the page time to fetch the typed words'
   * index chunks ahead (src/client/search.ts), which a pasted query does not.
   */
  typedFirstMs: number;
  typedLaterMs: number;
  typedQueries: string[];
  typingDelayMs: number;
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

/** Puts `query` into the search box whole (as pasted), submits, and times until the status says what was found. */
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

/**
 * Clears the search box, types `query` a key every TYPING_DELAY_MS and presses Enter: ms from the
 * Enter key to the status saying what was found.
 */
async function typedQuery(page: Page, query: string): Promise<number> {
  const box = page.locator('#search-q');
  await box.fill('');
  await page.waitForTimeout(300); // the emptied box's own search (it clears the results) runs first
  await box.pressSequentially(query, { delay: TYPING_DELAY_MS });
  await page.evaluate(() => {
    const timed = window as unknown as { typedMs?: number };
    delete timed.typedMs;
    const status = document.getElementById('search-status')!;
    let enter = 0;
    document.getElementById('search-q')!.addEventListener('keydown', (event) => event.key === 'Enter' && (enter = performance.now()), { once: true });
    new MutationObserver((_, observer) => {
      if (!enter || !/found|could not/.test(status.textContent ?? '')) return;
      observer.disconnect();
      timed.typedMs = performance.now() - enter;
    }).observe(status, { childList: true, characterData: true, subtree: true });
  });
  await box.press('Enter');
  const handle = await page.waitForFunction(() => (window as unknown as { typedMs?: number }).typedMs, undefined, { timeout: 30_000 });
  return Number(await handle.jsonValue());
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

/** Typed queries: the first is typed into each fresh page, the rest into the last one (other words than LATER's). */
const TYPED = ['linear attention', 'low rank adapters', 'survey of mamba', 'speculative decoding', 'sparse inference'];
const TYPED_RUNS = 3;
/** 100 ms a key is about 120 words a minute, a fast typist: the least time the page gets to fetch ahead. */
const TYPING_DELAY_MS = 100;

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
    const typedFirst: number[] = [];
    let typing!: Page;
    for (let i = 0; i < TYPED_RUNS; i++) {
      if (typing) await typing.context().close();
      typing = await (await browser.newContext()).newPage();
      await typing.goto(`${url}search/?q=${encodeURIComponent(query)}`, { waitUntil: 'commit' });
      await answeredSinceNavigation(typing);
      typedFirst.push(await typedQuery(typing, TYPED[0]!));
    }
    const typedLater: number[] = [];
    for (const next of TYPED.slice(1)) typedLater.push(await typedQuery(typing, next));
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
      typedFirstMs: median(typedFirst),
      typedLaterMs: median(typedLater),
      typedQueries: TYPED,
      typingDelayMs: TYPING_DELAY_MS,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
