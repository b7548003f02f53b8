/**
 * A stand-in for export.arxiv.org on 127.0.0.1 that serves the real recorded responses in
 * tests/fixtures/arxiv/: each recording's bytes for the URL it was recorded for, or, where a
 * test says so, for the URL lectern asks (no title-only search was ever recorded). It logs every
 * request with its arrival time and connection, so tests can check the rate limit and that one
 * connection is used. No test reaches the internet.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join, resolve } from 'node:path';

export const ARXIV_FIXTURES = resolve(import.meta.dirname, '../fixtures/arxiv');

export interface Reply {
  status: number;
  body: Buffer;
  headers?: Record<string, string>;
  /** Wait this long before answering (a slow server). */
  delayMs?: number;
}

export interface Recording {
  /** Path and query the body answers, relative to the host (`/api/query?…`), when recorded. */
  pathAndQuery: string | null;
  status: number;
  body: Buffer;
}

/**
 * A recording by file stem: `2026-…` ones carry their URL and status (`*.recorded.json`);
 * the 2016 raw XML files were all HTTP 200 and their URL is only documented (SOURCES.md).
 */
export function recording(stem: string): Recording {
  try {
    const wrapped = JSON.parse(readFileSync(join(ARXIV_FIXTURES, `${stem}.recorded.json`), 'utf8')) as { url: string; status_code: number };
    const url = new URL(wrapped.url);
    // The .xml beside it is the body's exact bytes.
    return { pathAndQuery: url.pathname + url.search, status: wrapped.status_code, body: readFileSync(join(ARXIV_FIXTURES, `${stem}.xml`)) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return { pathAndQuery: null, status: 200, body: readFileSync(join(ARXIV_FIXTURES, `${stem}.xml`)) };
  }
}

export interface LoggedRequest {
  pathAndQuery: string;
  /** ms since the server started. */
  at: number;
  /** Wall-clock time (Date.now()), for comparing with HTTP dates. */
  wallClock: number;
  /** Which connection it came on (1-based, in order of connection). */
  connection: number;
  status: number;
}

export interface ReplayServer {
  /** The API endpoint to pass as `--api`. */
  api: string;
  requests: LoggedRequest[];
  /** Connections accepted so far. */
  connections(): number;
  /**
   * Serves `replies` in turn for one request path+query (the last one again once used up).
   * `pathAndQuery` is relative to the host, e.g. from `recording()` or `new URL(url)`.
   */
  route(pathAndQuery: string, ...replies: Reply[]): void;
  close(): Promise<void>;
}

export const reply = (rec: Recording, extra: Partial<Reply> = {}): Reply => ({ status: rec.status, body: rec.body, ...extra });

export async function startReplayServer(): Promise<ReplayServer> {
  const routes = new Map<string, Reply[]>();
  const requests: LoggedRequest[] = [];
  const socketIds = new WeakMap<Socket, number>();
  let connections = 0;
  const started = performance.now();
  const server: Server = createServer((req, res) => {
    const pathAndQuery = req.url ?? '';
    const queue = routes.get(pathAndQuery);
    const next = queue ? (queue.length > 1 ? queue.shift()! : queue[0]!) : { status: 404, body: Buffer.from('') };
    requests.push({ pathAndQuery, at: performance.now() - started, wallClock: Date.now(), connection: socketIds.get(req.socket) ?? 0, status: next.status });
    const send = (): void => {
      if (res.destroyed) return;
      res.writeHead(next.status, { 'content-type': 'application/atom+xml; charset=utf-8', ...next.headers });
      res.end(next.body);
    };
    if (next.delayMs) setTimeout(send, next.delayMs);
    else send();
  });
  server.on('connection', (socket: Socket) => {
    socketIds.set(socket, ++connections);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    api: `http://127.0.0.1:${port}/api/query`,
    requests,
    connections: () => connections,
    route(pathAndQuery, ...replies) {
      routes.set(pathAndQuery, replies);
    },
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** An API endpoint on 127.0.0.1 where nothing listens (connection refused: offline). */
export async function deadEndpoint(): Promise<string> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return `http://127.0.0.1:${port}/api/query`;
}
