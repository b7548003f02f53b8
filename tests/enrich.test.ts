/**
 * `npm run enrich` end to end: the CLI run as a user runs it, against a local server that
 * replays the real arXiv recordings (tests/fixtures/arxiv/, see SOURCES.md there). The
 * recordings are of physics, crypto and software-testing papers, so each test builds a content
 * folder whose papers carry those recorded titles and ids.
 *
 * Where a test serves a recording for a URL it was not recorded for, it says so: arXiv answers
 * lectern's title phrase search (`ti:"…"`) with the same feed as any search, but no title-only
 * search was recorded, and no 429/503 response was recorded at all.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { idListUrl, titleSearchUrl } from '../src/core/arxiv/query.ts';
import { parsePaperFile, serializePaperFile } from '../src/core/papers/frontmatter.ts';
import { paperSchema, type PaperFrontmatter, type PaperFrontmatterInput } from '../src/core/papers/schema.ts';
import { deadEndpoint, recording, reply, startReplayServer, type ReplayServer } from './helpers/arxiv-replay.ts';
import { runScript, type ScriptRun } from './helpers/cli.ts';
import { tempDirs } from './helpers/temp-dirs.ts';

const ENV = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !['LECTERN_CONTENT', 'LECTERN_ARXIV_API', 'LECTERN_ARXIV_CACHE', 'LECTERN_ARXIV_INTERVAL'].includes(k)),
);
/** Each case spawns the CLI; on a loaded 2-core machine a spawn can take seconds. */
const SLOW = { timeout: 120_000 };

const tempDir = tempDirs('lectern-enrich-');

const CHECKERBOARD = 'From stripe to checkerboard order on the square lattice in the presence of quenched disorder';
const TESTING_DL = 'Testing Deep Learning Models: A First Comparative Study of Multiple Testing Techniques';
const CRITICALITY_SHORT = 'Quantum Criticality for Extended Nodes on a Bethe Lattice';
const CRITICALITY = 'Quantum Criticality for Extended Nodes on a Bethe Lattice in the Large Connectivity Limit';

/** A paper file the way the importer writes one (schema defaults filled). */
function paperText(slug: string, title: string, fields: Partial<PaperFrontmatterInput> = {}, extra: Record<string, unknown> = {}, body = ''): string {
  const data = paperSchema.parse({
    slug,
    title,
    title_raw: title,
    abstract: 'An abstract.',
    abstract_raw: 'An abstract.',
    added: '2026-11-02',
    sources: [{ file: 'listing.txt', line: 3 }],
    ...fields,
  });
  return serializePaperFile({ ...data, ...extra }, body);
}

function contentWith(papers: Record<string, string>): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'papers'));
  for (const [slug, text] of Object.entries(papers)) writeFileSync(join(dir, 'papers', `${slug}.mdx`), text);
  return dir;
}

function files(content: string): Map<string, string> {
  const dir = join(content, 'papers');
  return new Map(readdirSync(dir).sort().map((n) => [n, readFileSync(join(dir, n), 'utf8')]));
}

function data(content: string, slug: string): PaperFrontmatter & Record<string, unknown> {
  const parsed = parsePaperFile(readFileSync(join(content, 'papers', `${slug}.mdx`), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.message);
  return { ...parsed.file.data, ...paperSchema.parse(parsed.file.data) } as PaperFrontmatter & Record<string, unknown>;
}

let server: ReplayServer;
beforeEach(async () => {
  server = await startReplayServer();
});
afterEach(() => server.close());

const pathOf = (url: string): string => {
  const u = new URL(url);
  return u.pathname + u.search;
};
const titleRoute = (title: string): string => pathOf(titleSearchUrl(server.api, title));

async function enrich(content: string, cache: string, args: string[] = [], api = server.api): Promise<ScriptRun & { report: any }> {
  const run = await runScript('scripts/enrich.ts', ['--json', '--content', content, '--cache', cache, '--api', api, '--interval', '0.05', ...args], ENV);
  let report: any = null;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    // The offline and usage cases print no report.
  }
  return { ...run, report };
}

describe('looking papers up by arXiv id', SLOW, () => {
  it('fills names, first-submission day and category from one batched request; an id arXiv lacks is a warning; a rerun asks nothing', async () => {
    // Recorded for exactly this request: id_list=0808.05394,1707.08567 (only the second exists).
    const rec = recording('2026-id_list_0808.05394_1707.08567');
    expect(pathOf(idListUrl(server.api, ['0808.05394', '1707.08567']))).toBe(rec.pathAndQuery);
    server.route(rec.pathAndQuery!, reply(rec));
    const content = contentWith({
      'aew10': paperText('aew10', 'Proceedings of Workshop AEW10: Concepts in Information Theory and Communications', {
        arxiv: '1707.08567',
        authors: { count: 34 },
      }),
      'missing': paperText('missing', 'A paper whose id arXiv does not know', { arxiv: '0808.05394' }),
    });
    const cache = tempDir();
    const first = await enrich(content, cache);
    expect(first.code).toBe(0);
    expect(server.requests.map((r) => r.pathAndQuery)).toEqual([rec.pathAndQuery]);
    expect(first.report).toMatchObject({ papers: 2, enriched: 1, notFound: 1, requests: { requests: 1 } });
    expect(first.report.changes).toEqual([
      { path: 'papers/aew10.mdx', slug: 'aew10', arxiv: '1707.08567', via: 'id', fields: ['authors.names', 'primary_category', 'submitted'] },
    ]);
    const aew = data(content, 'aew10');
    expect(aew.authors.names).toHaveLength(34);
    expect(aew.authors.names[0]).toBe('Kees A. Schouhamer Immink');
    expect(aew.authors.names).toContain('Dirk Wübben');
    expect(aew).toMatchObject({ submitted: '2017-07-27', primary_category: 'cs.IT', doi: null, arxiv: '1707.08567' });
    expect(first.report.diagnostics).toEqual([
      expect.objectContaining({ code: 'arxiv-id-not-found', file: 'papers/missing.mdx', line: 11, severity: 'warning' }),
    ]);

    const before = files(content);
    const again = await enrich(content, cache);
    expect(again.code).toBe(0);
    expect(server.requests).toHaveLength(1); // the rerun made zero requests
    expect(again.report.requests).toMatchObject({ requests: 0 });
    expect(files(content)).toEqual(before);
  });

  it('reads an old-style id (astro-ph/0601001), a versionless lookup and zero results', async () => {
    const astro = recording('2026-id_list_astro-ph_0601001');
    const none = recording('2026-id_list_0000.0000_zero_results');
    server.route(astro.pathAndQuery!, reply(astro));
    server.route(none.pathAndQuery!, reply(none));
    // Recorded as id_list=2104.12255v1; lectern asks for the versionless id, whose latest (and
    // only) version is v1, so that body is served for the versionless URL.
    const zero = recording('2026-id_list_2104.12255v1');
    server.route(pathOf(idListUrl(server.api, ['2104.12255'])), reply(zero));
    const cache = tempDir();

    const astroContent = contentWith({ 'hot-jupiters': paperText('hot-jupiters', 'Frequency of Hot Jupiters', { arxiv: 'astro-ph/0601001' }) });
    expect((await enrich(astroContent, cache)).code).toBe(0);
    expect(data(astroContent, 'hot-jupiters')).toMatchObject({
      arxiv: 'astro-ph/0601001',
      authors: { names: ['Andrew Gould', 'Susan Dorsher', 'B. Scott Gaudi', 'Andrzej Udalski'] },
      submitted: '2006-01-02',
      primary_category: 'astro-ph',
      // People's title stays: enrich fills identity fields only.
      title: 'Frequency of Hot Jupiters',
    });

    const zeroContent = contentWith({ zero: paperText('zero', '0', { arxiv: '2104.12255' }) });
    expect((await enrich(zeroContent, cache)).code).toBe(0);
    expect(data(zeroContent, 'zero')).toMatchObject({ authors: { names: ['Quan Thoi Minh Nguyen'] }, submitted: '2021-04-20', primary_category: 'cs.CR' });

    const noneContent = contentWith({ nothing: paperText('nothing', 'Nothing', { arxiv: '0000.0000' }) });
    const before = files(noneContent);
    const run = await enrich(noneContent, cache);
    expect(run.code).toBe(0);
    expect(run.report).toMatchObject({ notFound: 1, enriched: 0 });
    expect(files(noneContent)).toEqual(before);
    expect(server.requests.map((r) => r.pathAndQuery)).toEqual([astro.pathAndQuery, pathOf(idListUrl(server.api, ['2104.12255'])), none.pathAndQuery]);
  });
});

describe('looking papers up by title', SLOW, () => {
  // No title-only search (`ti:"…"`) was ever recorded: each of these serves a recorded search
  // feed (old or new layout) for the title query lectern builds.
  it('accepts only a candidate whose folded title equals the paper\'s; near misses are reported with both titles, never written', async () => {
    const checkerboard = recording('2016-search_au_del_maestro_AND_ti_checkerboard');
    const testing = recording('2026-search_testing_m10');
    const criticality = recording('2016-search_au_del_maestro_AND_ti_quantum_criticality');
    const zero = recording('2026-id_list_0000.0000_zero_results');
    const SHOUTED = 'CHATGPT AND SOFTWARE TESTING EDUCATION — PROMISES & PERILS';
    server.route(titleRoute(CHECKERBOARD), reply(checkerboard));
    server.route(titleRoute(TESTING_DL), reply(testing));
    server.route(titleRoute(SHOUTED), reply(testing));
    server.route(titleRoute(CRITICALITY_SHORT), reply(criticality));
    server.route(titleRoute('Efficient attention for everyone'), reply(zero));
    const content = contentWith({
      checkerboard: paperText('checkerboard', CHECKERBOARD, { authors: { count: 3 } }),
      'testing-dl': paperText('testing-dl', TESTING_DL, { authors: { count: 4 } }),
      chatgpt: paperText('chatgpt', SHOUTED),
      criticality: paperText('criticality', CRITICALITY_SHORT),
      attention: paperText('attention', 'Efficient attention for everyone'),
    });
    const before = files(content);
    const run = await enrich(content, tempDir());
    expect(run.code).toBe(0);
    expect(server.requests).toHaveLength(5);
    expect(run.report).toMatchObject({ papers: 5, enriched: 3, notFound: 2, notLookedUp: 0 });

    expect(data(content, 'checkerboard')).toMatchObject({
      arxiv: 'cond-mat/0603029',
      authors: { count: 3, names: ['Adrian Del Maestro', 'Bernd Rosenow', 'Subir Sachdev'] },
      doi: '10.1103/PhysRevB.74.024520',
      primary_category: 'cond-mat.str-el',
      submitted: '2006-03-02',
    });
    // The first of ten candidates, matched by title; the listing counted 4 authors, arXiv names 3.
    expect(data(content, 'testing-dl')).toMatchObject({
      arxiv: '2202.12139',
      authors: { count: 4, names: ['Mohit Kumar Ahuja', 'Arnaud Gotlieb', 'Helge Spieker'] },
      doi: '10.1109/ICSTW55395.2022.00035',
      submitted: '2022-02-24',
    });
    // Case, punctuation and "—" fold away; the fifth candidate is the match.
    expect(data(content, 'chatgpt')).toMatchObject({ arxiv: '2302.03287', submitted: '2023-02-07', primary_category: 'cs.SE' });

    // 4 authors counted, 3 named: both kept, with a warning.
    const warnings = run.report.diagnostics.map((d: any) => [d.code, d.file]);
    expect(warnings).toContainEqual(['author-count-differs', 'papers/testing-dl.mdx']);

    // The near miss: reported with both titles, its file untouched.
    expect(run.report.nearMisses).toEqual([
      { path: 'papers/criticality.mdx', title: CRITICALITY_SHORT, arxivTitle: CRITICALITY, arxiv: '1111.2011' },
    ]);
    const nearMiss = run.report.diagnostics.find((d: any) => d.code === 'arxiv-near-miss');
    expect(nearMiss).toMatchObject({ file: 'papers/criticality.mdx', line: 3, severity: 'warning' });
    expect(nearMiss.message).toContain(`"${CRITICALITY_SHORT}" here, "${CRITICALITY}" on arXiv (1111.2011)`);
    const after = files(content);
    expect(after.get('criticality.mdx')).toBe(before.get('criticality.mdx'));
    expect(after.get('attention.mdx')).toBe(before.get('attention.mdx'));

    // Human-readable output names the near miss too.
    const human = await runScript('scripts/enrich.ts', ['--content', content, '--cache', tempDir(), '--api', server.api, '--interval', '0.05', '--dry-run'], ENV);
    expect(human.stdout).toContain(`papers/criticality.mdx:3: warning: arXiv's closest title is not this paper's`);
  });

  it('never replaces a value a person set, keeps people\'s keys and the notes byte for byte', async () => {
    const checkerboard = recording('2016-search_au_del_maestro_AND_ti_checkerboard');
    server.route(titleRoute(CHECKERBOARD), reply(checkerboard));
    const body = '\nOur notes: see [the code](https://example.org).\n\n<Aside>kept</Aside>\n';
    const content = contentWith({
      checkerboard: paperText(
        'checkerboard',
        CHECKERBOARD,
        { doi: '10.1000/set-by-a-person', primary_category: 'cond-mat.dis-nn', themes: ['moe'], themes_source: 'manual', tldr: 'Stripes vs checkerboards.' },
        { reviewer: 'Ada' },
        body,
      ),
    });
    const run = await enrich(content, tempDir());
    expect(run.code).toBe(0);
    expect(run.report.changes[0].fields).toEqual(['arxiv', 'authors.names', 'submitted']);
    const text = readFileSync(join(content, 'papers', 'checkerboard.mdx'), 'utf8');
    expect(text.endsWith(`---\n${body}`)).toBe(true);
    expect(data(content, 'checkerboard')).toMatchObject({
      doi: '10.1000/set-by-a-person',
      primary_category: 'cond-mat.dis-nn',
      themes: ['moe'],
      themes_source: 'manual',
      tldr: 'Stripes vs checkerboards.',
      reviewer: 'Ada',
      arxiv: 'cond-mat/0603029',
      submitted: '2006-03-02',
    });
  });

  it('--dry-run --json reports the changes and writes nothing', async () => {
    server.route(titleRoute(CHECKERBOARD), reply(recording('2016-search_au_del_maestro_AND_ti_checkerboard')));
    const content = contentWith({ checkerboard: paperText('checkerboard', CHECKERBOARD) });
    const before = files(content);
    const run = await enrich(content, tempDir(), ['--dry-run']);
    expect(run.code).toBe(0);
    expect(run.report).toMatchObject({ dryRun: true, enriched: 1, written: [] });
    expect(run.report.changes[0]).toMatchObject({ arxiv: 'cond-mat/0603029', via: 'title' });
    expect(files(content)).toEqual(before);
  });
});

describe('network behaviour', SLOW, () => {
  const CHECKERBOARD_REC = () => recording('2016-search_au_del_maestro_AND_ti_checkerboard');

  it('keeps the interval between requests, on one connection; the cache answers a rerun; --refresh asks again; --offline never asks', async () => {
    const testing = recording('2026-search_testing_m10');
    const titles = [TESTING_DL, 'Active Fuzzing for Testing and Securing Cyber-Physical Systems', 'OpenCat: Improving Interoperability of ADS Testing'];
    for (const title of titles) server.route(titleRoute(title), reply(testing));
    const content = contentWith(Object.fromEntries(titles.map((t, i) => [`p${i}`, paperText(`p${i}`, t)])));
    const cache = tempDir();
    const run = await enrich(content, cache, ['--interval', '0.4']);
    expect(run.code).toBe(0);
    expect(run.report.enriched).toBe(3);
    expect(server.requests).toHaveLength(3);
    const gaps = server.requests.slice(1).map((r, i) => r.at - server.requests[i]!.at);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(400);
    expect(server.connections()).toBe(1);
    expect(new Set(server.requests.map((r) => r.connection))).toEqual(new Set([1]));
    // The progress line (one line per step when stderr is not a terminal) says where it is.
    expect(run.stderr.split('\n').filter((line) => line.startsWith('enrich: '))).toEqual(titles.map((t, i) => `enrich: title ${i + 1}/3: ${t.slice(0, 60)}`));

    // Reset the papers; the cache alone answers.
    const fresh = contentWith(Object.fromEntries(titles.map((t, i) => [`p${i}`, paperText(`p${i}`, t)])));
    const rerun = await enrich(fresh, cache, ['--interval', '0.4']);
    expect(rerun.report).toMatchObject({ enriched: 3, requests: { requests: 0, cacheHits: 3 } });
    expect(server.requests).toHaveLength(3);
    expect(files(fresh)).toEqual(files(content));

    const offline = await enrich(contentWith(Object.fromEntries(titles.map((t, i) => [`p${i}`, paperText(`p${i}`, t)]))), cache, ['--offline']);
    expect(offline.report).toMatchObject({ enriched: 3, requests: { requests: 0 } });

    const refreshed = await enrich(contentWith(Object.fromEntries(titles.map((t, i) => [`p${i}`, paperText(`p${i}`, t)]))), cache, ['--refresh']);
    expect(refreshed.report).toMatchObject({ requests: { requests: 3, cacheHits: 0 }, enriched: 3 });
    expect(server.requests).toHaveLength(6);
  });

  it('waits 3 seconds between requests by default', async () => {
    server.route(titleRoute(CHECKERBOARD), reply(CHECKERBOARD_REC()));
    server.route(titleRoute(TESTING_DL), reply(recording('2026-search_testing_m10')));
    const content = contentWith({ a: paperText('a', CHECKERBOARD), b: paperText('b', TESTING_DL) });
    const run = await runScript('scripts/enrich.ts', ['--json', '--content', content, '--cache', tempDir(), '--api', server.api], ENV);
    expect(run.code).toBe(0);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(3000);
  });

  // No 429 or 503 from arXiv was ever recorded: these serve the status with a recorded arXiv
  // body (the 400 error feed), then the recorded answer.
  it('retries a 429 after the Retry-After it names, then a 503 with backoff', async () => {
    const errorFeed = recording('2026-id_list_abc_error_400').body;
    server.route(
      titleRoute(CHECKERBOARD),
      { status: 429, body: errorFeed, headers: { 'retry-after': '1' } },
      { status: 503, body: errorFeed },
      reply(CHECKERBOARD_REC()),
    );
    const content = contentWith({ checkerboard: paperText('checkerboard', CHECKERBOARD) });
    const run = await enrich(content, tempDir());
    expect(run.code).toBe(0);
    expect(server.requests.map((r) => r.status)).toEqual([429, 503, 200]);
    // Retry-After: 1 is honoured although the interval is 0.05 s.
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(990);
    // No Retry-After: backoff of interval x 2 (0.1 s) before the third try.
    expect(server.requests[2]!.at - server.requests[1]!.at).toBeGreaterThanOrEqual(95);
    expect(run.report).toMatchObject({ enriched: 1, requests: { requests: 3, retries: 2 } });
    expect(run.stderr).toContain('arXiv answered HTTP 429; waiting 1.0 s');
  });

  it('honours a Retry-After given as an HTTP date; one asking for more than 2 minutes fails the lookup at once', async () => {
    const errorFeed = recording('2026-id_list_abc_error_400').body;
    // An HTTP date has whole seconds: this one is 4-5 s from now (the CLI takes a second or two to start).
    const retryAt = new Date(Math.floor(Date.now() / 1000) * 1000 + 5000);
    server.route(titleRoute(CHECKERBOARD), { status: 503, body: errorFeed, headers: { 'retry-after': retryAt.toUTCString() } }, reply(CHECKERBOARD_REC()));
    server.route(titleRoute(TESTING_DL), { status: 429, body: errorFeed, headers: { 'retry-after': '3600' } });
    const content = contentWith({ a: paperText('a', CHECKERBOARD), b: paperText('b', TESTING_DL) });
    const before = files(content);
    const run = await enrich(content, tempDir());
    expect(run.code).toBe(1);
    const [first, second, third] = server.requests;
    expect([first!.status, second!.status, third!.status]).toEqual([503, 200, 429]);
    // Not before the date (clocks of one machine; 50 ms for timer slack).
    expect(first!.wallClock).toBeLessThan(retryAt.getTime());
    expect(second!.wallClock).toBeGreaterThanOrEqual(retryAt.getTime() - 50);
    // One try only for an hour's wait; nothing written for that paper, the other one enriched.
    expect(server.requests).toHaveLength(3);
    expect(run.report.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'arxiv-lookup-failed', file: 'papers/b.mdx', message: 'the arXiv title search failed: arXiv answered HTTP 429 and asked to wait 3600 s; run enrich again later.' }),
    );
    expect(files(content).get('b.mdx')).toBe(before.get('b.mdx'));
    expect(data(content, 'a').arxiv).toBe('cond-mat/0603029');
  });

  it('gives up after the retries, reports the paper, still writes the others, exits 1', async () => {
    server.route(titleRoute(CHECKERBOARD), { status: 503, body: recording('2026-id_list_abc_error_400').body });
    server.route(titleRoute(TESTING_DL), reply(recording('2026-search_testing_m10')));
    const content = contentWith({ a: paperText('a', CHECKERBOARD), b: paperText('b', TESTING_DL) });
    const run = await enrich(content, tempDir(), ['--retries', '2']);
    expect(run.code).toBe(1);
    expect(server.requests.filter((r) => r.status === 503)).toHaveLength(3);
    expect(run.report.diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'error', code: 'arxiv-lookup-failed', file: 'papers/a.mdx', message: 'the arXiv title search failed: arXiv answered HTTP 503 (3 tries).' }),
    );
    expect(run.report.enriched).toBe(1);
    expect(data(content, 'b').arxiv).toBe('2202.12139');
    expect(data(content, 'a').arxiv).toBeNull();
  });

  it('reports arXiv\'s recorded HTTP 400 error feed without retrying', async () => {
    // Recorded for id_list=abc; served here for the title query (a content folder cannot hold "abc").
    server.route(titleRoute(CHECKERBOARD), reply(recording('2026-id_list_abc_error_400')));
    const content = contentWith({ a: paperText('a', CHECKERBOARD) });
    const run = await enrich(content, tempDir());
    expect(run.code).toBe(1);
    expect(server.requests).toHaveLength(1);
    expect(run.report.diagnostics[0].message).toBe('the arXiv title search failed: arXiv answered HTTP 400: incorrect id format for abc.');
  });

  it('abandons a slow answer after --timeout and retries', async () => {
    server.route(titleRoute(CHECKERBOARD), reply(CHECKERBOARD_REC(), { delayMs: 3000 }), reply(CHECKERBOARD_REC()));
    const content = contentWith({ a: paperText('a', CHECKERBOARD) });
    const started = performance.now();
    const run = await enrich(content, tempDir(), ['--timeout', '0.5']);
    expect(run.code).toBe(0);
    expect(server.requests).toHaveLength(2);
    expect(run.stderr).toContain('no answer within 0.5 s');
    expect(performance.now() - started).toBeLessThan(3000 + 10_000);
    expect(data(content, 'a').arxiv).toBe('cond-mat/0603029');
  });

  it('retries a cut-off body (a truncated recording), and never caches one', async () => {
    const full = CHECKERBOARD_REC();
    const truncated = { status: 200, body: full.body.subarray(0, Math.floor(full.body.length / 2)) };
    server.route(titleRoute(CHECKERBOARD), truncated);
    const cache = tempDir();
    const content = contentWith({ a: paperText('a', CHECKERBOARD) });
    const failed = await enrich(content, cache, ['--retries', '1']);
    expect(failed.code).toBe(1);
    expect(server.requests).toHaveLength(2);
    expect(failed.report.diagnostics[0].message).toBe('the arXiv title search failed: the answer is not a readable feed (not well-formed XML (Unclosed root tag)) (2 tries).');
    expect(readdirSync(cache)).toEqual([]);

    server.route(titleRoute(CHECKERBOARD), truncated, reply(full));
    const ok = await enrich(content, cache);
    expect(ok.code).toBe(0);
    expect(data(content, 'a').arxiv).toBe('cond-mat/0603029');
    expect(readdirSync(cache)).toHaveLength(1);
  });

  it('offline (connection refused): one clear line, exit 1, nothing written even where the cache had answers', async () => {
    const rec = recording('2026-id_list_astro-ph_0601001');
    server.route(rec.pathAndQuery!, reply(rec));
    const cache = tempDir();
    const fill = () => paperText('hot-jupiters', 'Frequency of Hot Jupiters', { arxiv: 'astro-ph/0601001' });
    // Cache the id lookup once...
    expect((await enrich(contentWith({ 'hot-jupiters': fill() }), cache)).code).toBe(0);
    // ...then a folder that needs it and a title search, with arXiv unreachable.
    const content = contentWith({ 'hot-jupiters': fill(), checkerboard: paperText('checkerboard', CHECKERBOARD) });
    const before = files(content);
    const dead = await deadEndpoint();
    const run = await enrich(content, cache, [], dead);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n').filter((l) => l.startsWith('lectern-enrich:'));
    expect(lines).toEqual([
      `lectern-enrich: cannot reach ${new URL(dead).host} (ECONNREFUSED); are you offline? Nothing was written; run again when online (or with --offline to use the cache).`,
    ]);
    expect(files(content)).toEqual(before);

    // --offline fills what the cache (of the same API endpoint) holds, asks nothing, and says
    // what it could not look up.
    const asked = server.requests.length;
    const offline = await enrich(content, cache, ['--offline']);
    expect(server.requests).toHaveLength(asked);
    expect(offline.code).toBe(0);
    expect(offline.report).toMatchObject({ enriched: 1, notLookedUp: 1, requests: { requests: 0, notCached: 1 } });
  });

  it('--help explains the options; bad options are usage errors', async () => {
    const help = await runScript('scripts/enrich.ts', ['--help'], ENV);
    expect(help.code).toBe(0);
    for (const option of ['--offline', '--refresh', '--cache', '--api', '--interval', '--timeout', '--retries', '--dry-run', '--json']) {
      expect(help.stdout).toContain(option);
    }
    const bad = await runScript('scripts/enrich.ts', ['--interval', 'soon'], ENV);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--interval must be a number');
  });
});
