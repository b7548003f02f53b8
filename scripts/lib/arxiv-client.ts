/**
 * The arXiv API client behind `npm run enrich` (and the id-list import): polite and resumable.
 *
 * - An on-disk cache keyed by request URL: a well-formed answer is kept, so a rerun asks arXiv
 *   nothing. `refresh` asks again (and updates the cache); `offline` never asks.
 * - arXiv's terms: one request every 3 seconds (`intervalMs`), on one connection (a keep-alive
 *   agent with a single socket).
 * - 429 and 5xx answers are retried, waiting `Retry-After` when arXiv sends it and backing off
 *   exponentially otherwise; a request with no answer within `timeoutMs` is retried too.
 * - Being offline (the host cannot be reached) is not retried: it throws `OfflineError` at once
 *   so the caller can stop and write nothing.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { join } from 'node:path';
import { writeFileAtomic } from '../../src/io/atomic.ts';
import { parseArxivFeed, type ArxivEntry, type ArxivFeed } from '../../src/core/arxiv/atom.ts';
import { ID_BATCH, idListUrl, idsOfIdListUrl, titleSearchUrl } from '../../src/core/arxiv/query.ts';

export interface ArxivClientOptions {
  /** The API endpoint, `https://export.arxiv.org/api/query` unless a test or mirror says otherwise. */
  api: string;
  cacheDir: string;
  /** Least time between two requests (arXiv asks for 3 s), counted from the previous answer. */
  intervalMs: number;
  /** A request (connect and whole body) that takes longer is abandoned and retried. */
  timeoutMs: number;
  /** Further tries after a 429/5xx/timeout/truncated answer. */
  retries: number;
  /** Never ask arXiv; answer from the cache only. */
  offline: boolean;
  /** Ignore cached answers (and replace them with fresh ones). */
  refresh: boolean;
  /** Called before each request and each wait, for a progress line. */
  onEvent?: (event: ClientEvent) => void;
}

export type ClientEvent =
  | { kind: 'request'; url: string; attempt: number }
  | { kind: 'wait'; url: string; ms: number; reason: string };

/** The host could not be reached at all: nothing can be looked up. */
export class OfflineError extends Error {
  readonly host: string;
  readonly code: string;
  constructor(host: string, code: string) {
    super(`cannot reach ${host} (${code}); are you offline?`);
    this.host = host;
    this.code = code;
  }
}

/** Defaults shared by `npm run enrich` and the import of id lists. */
export const DEFAULT_TIMEOUT_S = 30;
export const DEFAULT_RETRIES = 4;

/** One lookup's outcome. `failed` leaves the papers it concerns as they are. */
export type FetchResult =
  | { kind: 'feed'; feed: Extract<ArxivFeed, { kind: 'results' }>; fromCache: boolean }
  | { kind: 'failed'; message: string }
  | { kind: 'not-cached' };

interface CacheRecord {
  url: string;
  status: number;
  fetched: string;
  body: string;
}

/** Longest `Retry-After` we wait for; a longer one fails the lookup (rerun later). */
const MAX_RETRY_AFTER_MS = 120_000;
const OFFLINE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN']);
const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);

export class ArxivClient {
  /** Requests sent (retries included), URL cache hits, retries, ids answered by earlier batches. */
  readonly stats = { requests: 0, cacheHits: 0, retries: 0, idsFromCache: 0 };
  private readonly options: ArxivClientOptions;
  private readonly agent: http.Agent;
  /** When the previous request ended: the next starts `intervalMs` after, so arXiv sees the gap. */
  private lastEnd = -Infinity;

  constructor(options: ArxivClientOptions) {
    this.options = options;
    const Agent = options.api.startsWith('https:') ? https.Agent : http.Agent;
    this.agent = new Agent({ keepAlive: true, maxSockets: 1 });
  }

  /** Closes the kept-alive connection. */
  close(): void {
    this.agent.destroy();
  }

  /**
   * Looks ids up, ID_BATCH at a time. An id answered by any cached `id_list` response (found or
   * not) is not asked again. Returns id -> entry | null (arXiv has no such paper); ids whose
   * lookup failed are absent, with the reason in `failures`; `notCached` counts ids an offline
   * run could not answer.
   */
  async lookupIds(ids: readonly string[]): Promise<{ found: Map<string, ArxivEntry | null>; failures: Map<string, string>; notCached: number }> {
    const found = new Map<string, ArxivEntry | null>();
    const failures = new Map<string, string>();
    let notCached = 0;
    if (!this.options.refresh) {
      const cached = this.cachedIdAnswers();
      for (const id of ids) {
        if (!cached.has(id)) continue;
        found.set(id, cached.get(id)!);
        this.stats.idsFromCache++;
      }
    }
    const missing = ids.filter((id) => !found.has(id));
    for (let i = 0; i < missing.length; i += ID_BATCH) {
      const batch = missing.slice(i, i + ID_BATCH);
      const result = await this.fetchFeed(idListUrl(this.options.api, batch));
      if (result.kind === 'not-cached') {
        notCached += batch.length;
        continue;
      }
      if (result.kind === 'failed') {
        for (const id of batch) failures.set(id, result.message);
        continue;
      }
      for (const [id, entry] of answersOf(batch, result.feed.entries)) found.set(id, entry);
    }
    return { found, failures, notCached };
  }

  /** The candidates of a title search. */
  searchTitle(cleanTitle: string): Promise<FetchResult> {
    return this.fetchFeed(titleSearchUrl(this.options.api, cleanTitle));
  }

  /** A feed for `url`: from the cache when there, else from arXiv (cached when well formed). */
  async fetchFeed(url: string): Promise<FetchResult> {
    if (!this.options.refresh) {
      const record = this.readCache(url);
      if (record) {
        const feed = parseArxivFeed(record.body);
        if (feed.kind === 'results') {
          this.stats.cacheHits++;
          return { kind: 'feed', feed, fromCache: true };
        }
      }
    }
    if (this.options.offline) return { kind: 'not-cached' };

    let lastProblem = '';
    for (let attempt = 1; attempt <= this.options.retries + 1; attempt++) {
      if (attempt > 1) this.stats.retries++;
      await this.waitTurn();
      this.options.onEvent?.({ kind: 'request', url, attempt });
      this.stats.requests++;
      let response: { status: number; headers: http.IncomingHttpHeaders; body: string };
      try {
        response = await this.get(url);
      } catch (error) {
        this.lastEnd = performance.now();
        const code = (error as NodeJS.ErrnoException).code ?? '';
        if (OFFLINE_CODES.has(code)) {
          throw new OfflineError(new URL(url).host, code);
        }
        lastProblem = code === 'ETIMEDOUT' ? `no answer within ${this.options.timeoutMs / 1000} s` : `the connection failed (${code || (error as Error).message})`;
        await this.backoff(url, attempt, null, lastProblem);
        continue;
      }
      this.lastEnd = performance.now();
      if (response.status === 200) {
        const feed = parseArxivFeed(response.body);
        if (feed.kind === 'results') {
          this.writeCache({ url, status: 200, fetched: new Date().toISOString(), body: response.body });
          return { kind: 'feed', feed, fromCache: false };
        }
        lastProblem = feed.kind === 'api-error' ? `arXiv reported an error: ${feed.message}` : `the answer is not a readable feed (${feed.message})`;
        if (feed.kind === 'api-error') return { kind: 'failed', message: lastProblem };
        await this.backoff(url, attempt, null, lastProblem);
        continue;
      }
      if (RETRY_STATUSES.has(response.status)) {
        lastProblem = `arXiv answered HTTP ${response.status}`;
        const retryAfter = retryAfterMs(response.headers['retry-after']);
        if (retryAfter !== null && retryAfter > MAX_RETRY_AFTER_MS) {
          return { kind: 'failed', message: `${lastProblem} and asked to wait ${Math.round(retryAfter / 1000)} s; run enrich again later` };
        }
        await this.backoff(url, attempt, retryAfter, lastProblem);
        continue;
      }
      // Anything else (400 and friends) will not get better by asking again.
      const feed = parseArxivFeed(response.body);
      return {
        kind: 'failed',
        message: `arXiv answered HTTP ${response.status}${feed.kind === 'api-error' ? `: ${feed.message}` : ''}`,
      };
    }
    return { kind: 'failed', message: `${lastProblem} (${this.options.retries + 1} tries)` };
  }

  /** Keeps the interval between the end of one request and the start of the next. */
  private async waitTurn(): Promise<void> {
    const wait = this.lastEnd + this.options.intervalMs - performance.now();
    if (wait > 0) await sleep(wait);
  }

  /** Waits before a retry: `Retry-After` when given, else interval x 2^(attempt-1). */
  private async backoff(url: string, attempt: number, retryAfter: number | null, reason: string): Promise<void> {
    if (attempt > this.options.retries) return;
    const ms = retryAfter ?? this.options.intervalMs * 2 ** (attempt - 1);
    this.options.onEvent?.({ kind: 'wait', url, ms, reason });
    // The next waitTurn adds only what is left of the interval, if anything.
    await sleep(ms);
  }

  private get(url: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
    const request = url.startsWith('https:') ? https.request : http.request;
    return new Promise((resolve, reject) => {
      const req = request(url, { agent: this.agent, headers: { 'user-agent': 'lectern-enrich (reading-group site generator)' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: new TextDecoder('utf-8').decode(Buffer.concat(chunks)) });
        });
        res.on('error', fail);
        res.on('aborted', () => fail(Object.assign(new Error('the connection closed mid-answer'), { code: 'ECONNRESET' })));
      });
      const timer = setTimeout(() => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })), this.options.timeoutMs);
      function fail(error: Error): void {
        clearTimeout(timer);
        reject(error);
      }
      req.on('error', fail);
      req.end();
    });
  }

  private cachePath(url: string): string {
    return join(this.options.cacheDir, `${createHash('sha256').update(url).digest('hex').slice(0, 32)}.json`);
  }

  private readCache(url: string): CacheRecord | null {
    try {
      const record = JSON.parse(readFileSync(this.cachePath(url), 'utf8')) as CacheRecord;
      return record.url === url ? record : null;
    } catch {
      return null;
    }
  }

  private writeCache(record: CacheRecord): void {
    try {
      writeFileAtomic(this.cachePath(record.url), JSON.stringify(record));
    } catch {
      // A cache that cannot be written only costs a request next time.
    }
  }

  /** id -> entry | null from every cached `id_list` answer of this API. */
  private cachedIdAnswers(): Map<string, ArxivEntry | null> {
    const answers = new Map<string, ArxivEntry | null>();
    let names: string[];
    try {
      names = readdirSync(this.options.cacheDir).filter((n) => n.endsWith('.json'));
    } catch {
      return answers;
    }
    for (const name of names) {
      let record: CacheRecord;
      try {
        record = JSON.parse(readFileSync(join(this.options.cacheDir, name), 'utf8')) as CacheRecord;
      } catch {
        continue;
      }
      const asked = idsOfIdListUrl(this.options.api, record.url);
      if (!asked) continue;
      const feed = parseArxivFeed(record.body);
      if (feed.kind !== 'results') continue;
      for (const [id, entry] of answersOf(asked, feed.entries)) if (entry || !answers.has(id)) answers.set(id, entry);
    }
    return answers;
  }
}

/** Each asked id with its entry, or null when the answer has none (arXiv does not know it). */
function answersOf(asked: readonly string[], entries: readonly ArxivEntry[]): Array<[string, ArxivEntry | null]> {
  const byId = new Map(entries.map((e) => [e.id, e]));
  return asked.map((id) => [id, byId.get(id) ?? null]);
}

/** `Retry-After` in ms: delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | string[] | undefined, now = Date.now()): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return null;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
