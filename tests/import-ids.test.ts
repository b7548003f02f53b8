/**
 * `npm run import` of a plain list of arXiv ids / arxiv.org / huggingface.co/papers URLs (issue
 * 12, input 4): the titles, abstracts and authors come from arXiv, here a local server replaying
 * the real recordings in tests/fixtures/arxiv/ for the exact URLs they were recorded for. Without
 * network the import says so in one line per id and writes nothing for them.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectFormat, parseInput } from '../src/core/inputs/index.ts';
import { parsePaperFile } from '../src/core/papers/frontmatter.ts';
import { paperSchema, type PaperFrontmatter } from '../src/core/papers/schema.ts';
import { deadEndpoint, recording, reply, startReplayServer, type ReplayServer } from './helpers/arxiv-replay.ts';
import { runScript, type ScriptRun } from './helpers/cli.ts';
import { tempDirs } from './helpers/temp-dirs.ts';

const SLOW = { timeout: 120_000 };
const tempDir = tempDirs('lectern-import-ids-');

let server: ReplayServer;
beforeEach(async () => {
  server = await startReplayServer();
});
afterEach(() => server.close());

function env(api: string, cache: string): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('LECTERN_')));
  return { ...base, LECTERN_ARXIV_API: api, LECTERN_ARXIV_CACHE: cache, LECTERN_ARXIV_INTERVAL: '0.05' };
}

async function importFiles(args: string[], api: string, cache: string): Promise<ScriptRun & { report: any }> {
  const run = await runScript('scripts/import.ts', ['--json', '--init', '--added', '2026-11-30', ...args], env(api, cache));
  return { ...run, report: JSON.parse(run.stdout) };
}

function papers(content: string): PaperFrontmatter[] {
  const dir = join(content, 'papers');
  return readdirSync(dir)
    .sort()
    .map((name) => {
      const parsed = parsePaperFile(readFileSync(join(dir, name), 'utf8'));
      if (!parsed.ok) throw new Error(parsed.message);
      return paperSchema.parse(parsed.file.data);
    });
}

function snapshot(content: string): Map<string, string> {
  const dir = join(content, 'papers');
  return new Map(readdirSync(dir).sort().map((n) => [n, readFileSync(join(dir, n), 'utf8')]));
}

describe('detecting and reading a list of ids', () => {
  it('is a list when every line is one word and some are arXiv references; other words are errors on their lines', () => {
    expect(detectFormat('2307.08691\n')).toBe('arxiv-ids');
    expect(detectFormat('# week 48\n\nhttps://huggingface.co/papers/2307.08691\narxiv.org/pdf/cond-mat/0603029v1\n')).toBe('arxiv-ids');
    expect(detectFormat('Mamba: Linear-Time Sequence Modeling\nWe propose 2307.08691 things.\n')).toBe('listing');
    const input = parseInput('\uFEFF2307.08691v2\r\n2307.0869x\r\n# comment\r\nhttps://arxiv.org/abs/2312.00752\r\n', 'ids.txt');
    expect(input.ids).toEqual([
      { id: '2307.08691', line: 1 },
      { id: '2312.00752', line: 4 },
    ]);
    expect(input.diagnostics).toEqual([expect.objectContaining({ code: 'not-an-arxiv-id', file: 'ids.txt', line: 2, severity: 'error' })]);
  });
});

describe('importing a list of ids', SLOW, () => {
  it('makes papers from arXiv\'s answers in one batched request; an id arXiv lacks is an error on its line; re-importing asks nothing and changes no byte', async () => {
    const rec = recording('2026-id_list_0808.05394_1707.08567');
    server.route(rec.pathAndQuery!, reply(rec));
    const dir = tempDir();
    const list = join(dir, 'ids.txt');
    writeFileSync(list, '# week 48\nhttps://arxiv.org/abs/1707.08567v1\n\nhuggingface.co/papers/0808.05394\n');
    const content = join(dir, 'content');
    const cache = join(dir, 'cache');
    const first = await importFiles(['--content', content, list], server.api, cache);
    expect(server.requests.map((r) => r.pathAndQuery)).toEqual([rec.pathAndQuery]);
    expect(first.code).toBe(1);
    expect(first.report).toMatchObject({ records: 1, papers: 1, added: 1 });
    expect(first.report.diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', code: 'arxiv-id-not-found', file: list, line: 4, message: 'arXiv has no paper with the id 0808.05394.' }),
    ]);
    const [paper] = papers(content);
    expect(paper).toMatchObject({
      slug: 'proceedings-of-workshop-aew10-concepts-in-information-theory',
      title: 'Proceedings of Workshop AEW10: Concepts in Information Theory and Communications',
      arxiv: '1707.08567',
      submitted: '2017-07-27',
      primary_category: 'cs.IT',
      year: 2017,
      added: '2026-11-30',
      sources: [{ file: 'ids.txt', line: 2 }],
    });
    expect(paper!.abstract.startsWith('The 10th Asia-Europe workshop in "Concepts in Information Theory and Communications" AEW10')).toBe(true);
    expect(paper!.authors.names).toHaveLength(34);

    const before = snapshot(content);
    const again = await importFiles(['--content', content, list], server.api, cache);
    expect(server.requests).toHaveLength(1);
    expect(again.report).toMatchObject({ added: 0, unchanged: 1 });
    expect(snapshot(content)).toEqual(before);
  });

  it('an id whose paper is already there (from a listing) fills its identity, keeping its title and slug', async () => {
    const rec = recording('2026-id_list_astro-ph_0601001');
    server.route(rec.pathAndQuery!, reply(rec));
    const dir = tempDir();
    const listing = join(dir, 'listing.txt');
    writeFileSync(
      listing,
      'Frequency of Hot Jupiters and Very Hot Jupiters from the OGLE-III Transit Surveys Toward the Galactic Bulge and Carina\n' +
        'We derive the frequencies of hot Jupiters (HJs) with 3--5 day periods.\n',
    );
    const content = join(dir, 'content');
    const cache = join(dir, 'cache');
    expect((await importFiles(['--content', content, listing], server.api, cache)).code).toBe(0);
    const list = join(dir, 'ids.txt');
    writeFileSync(list, 'https://arxiv.org/pdf/astro-ph/0601001v1\n');
    const run = await importFiles(['--content', content, list], server.api, cache);
    expect(run.code).toBe(0);
    expect(server.requests.map((r) => r.pathAndQuery)).toEqual([rec.pathAndQuery]);
    expect(run.report).toMatchObject({ added: 0, updated: 1 });
    const [paper] = papers(content);
    expect(paper).toMatchObject({
      slug: 'frequency-of-hot-jupiters-and-very-hot-jupiters-from-the',
      arxiv: 'astro-ph/0601001',
      authors: { names: ['Andrew Gould', 'Susan Dorsher', 'B. Scott Gaudi', 'Andrzej Udalski'] },
      submitted: '2006-01-02',
      primary_category: 'astro-ph',
      // The listing's abstract stays: the id list only adds what was missing.
      abstract_raw: 'We derive the frequencies of hot Jupiters (HJs) with 3--5 day periods.',
    });
  });

  it('offline: one line per id, nothing written for them; the other files are still imported', async () => {
    const dir = tempDir();
    const list = join(dir, 'ids.txt');
    writeFileSync(list, '2307.08691\nhttps://arxiv.org/abs/2312.00752v2\n');
    const listing = join(dir, 'listing.txt');
    writeFileSync(listing, 'A paper from a listing\nIts abstract.\n');
    const content = join(dir, 'content');
    const dead = await deadEndpoint();
    const run = await runScript('scripts/import.ts', ['--init', '--content', content, '--added', '2026-11-30', list, listing], env(dead, join(dir, 'cache')));
    expect(run.code).toBe(1);
    const host = new URL(dead).host;
    const idLines = run.stderr.split('\n').filter((l) => l.startsWith(list));
    expect(idLines).toEqual([
      `${list}:1: error: arXiv 2307.08691 was not imported: arXiv cannot be reached (${host}: ECONNREFUSED; offline?). An id alone has no title or abstract; import the list again when arXiv can be reached.`,
      `${list}:2: error: arXiv 2312.00752 was not imported: arXiv cannot be reached (${host}: ECONNREFUSED; offline?). An id alone has no title or abstract; import the list again when arXiv can be reached.`,
    ]);
    expect(run.stdout).toContain(`read ${list}: 0 records (list of arXiv ids)`);
    expect(readdirSync(join(content, 'papers'))).toEqual(['a-paper-from-a-listing.mdx']);
  });

  it('--offline answers from the cache only', async () => {
    const rec = recording('2026-id_list_astro-ph_0601001');
    server.route(rec.pathAndQuery!, reply(rec));
    const dir = tempDir();
    const list = join(dir, 'ids.txt');
    writeFileSync(list, 'astro-ph/0601001\n');
    const cache = join(dir, 'cache');
    const missed = await importFiles(['--offline', '--content', join(dir, 'a'), list], server.api, cache);
    expect(missed.code).toBe(1);
    expect(missed.report.diagnostics[0].message).toBe('arXiv astro-ph/0601001 was not imported: it is not in the arXiv cache (--offline).');
    expect(server.requests).toHaveLength(0);
    // Fill the cache, then import offline against the same endpoint URL with the server gone.
    expect((await importFiles(['--content', join(dir, 'b'), list], server.api, cache)).code).toBe(0);
    await server.close();
    const offline = await importFiles(['--offline', '--content', join(dir, 'c'), list], server.api, cache);
    expect(offline.code).toBe(0);
    expect(papers(join(dir, 'c'))[0]).toMatchObject({ arxiv: 'astro-ph/0601001', submitted: '2006-01-02' });
  });
});
