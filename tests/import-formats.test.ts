/**
 * Issue 12, "Inputs": `scripts/import.ts` on each input format, run as a user runs it, on the
 * real files: the Daily Papers API response, the group's seed .bib, a CSL-JSON export of it.
 */
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePaperFile } from '../src/core/papers/frontmatter.ts';
import { paperSchema, type PaperFrontmatter } from '../src/core/papers/schema.ts';
import { recording, reply, startReplayServer, type ReplayServer } from './helpers/arxiv-replay.ts';
import { runScript, type ScriptRun } from './helpers/cli.ts';
import { tempDirs } from './helpers/temp-dirs.ts';
import { seedFiles, SEEDS_DIR } from './helpers/seeds.ts';

const ROOT = resolve(import.meta.dirname, '..');
const HF_JSON = join(ROOT, 'tests/fixtures/hf/daily_papers-2024-10-25.json');
const SEED_BIB = join(SEEDS_DIR, 'seed-papers.bib');
const seeds = seedFiles();
const ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'LECTERN_CONTENT'));
const SLOW = { timeout: 240_000 };

const temp = tempDirs('lectern-formats-');

const run = (args: string[]): Promise<ScriptRun> => runScript('scripts/import.ts', args, ENV);
async function runJson(args: string[]) {
  const result = await run(['--json', ...args]);
  return { ...result, report: JSON.parse(result.stdout) };
}

function snapshot(content: string): Map<string, string> {
  const dir = join(content, 'papers');
  return new Map(readdirSync(dir).sort().map((n) => [n, readFileSync(join(dir, n), 'utf8')]));
}

function papers(content: string): PaperFrontmatter[] {
  return [...snapshot(content).values()].map((text) => {
    const parsed = parsePaperFile(text);
    if (!parsed.ok) throw new Error(parsed.message);
    return paperSchema.parse(parsed.file.data);
  });
}

interface HfItem {
  publishedAt: string;
  paper: { id: string; title: string; summary: string; upvotes: number; publishedAt: string; authors: Array<{ name: string }> };
}
const hf = JSON.parse(readFileSync(HF_JSON, 'utf8')) as HfItem[];

describe('the Hugging Face Daily Papers JSON (real response, 2024-10-25)', SLOW, () => {
  it('gives 29 papers with every author name and arXiv id; re-importing changes no byte', async () => {
    const content = temp();
    const first = await run(['--content', content, '--added', '2026-11-30', HF_JSON]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`read ${HF_JSON}: 29 records (Hugging Face Daily Papers JSON)`);
    expect(first.stdout).toContain('29 papers from 29 records: 29 added, 0 updated, 0 unchanged, 0 skipped');
    const byId = new Map(papers(content).map((p) => [p.arxiv, p]));
    expect(byId.size).toBe(29);
    for (const item of hf) {
      const paper = byId.get(item.paper.id)!;
      expect(paper.authors.names).toEqual(item.paper.authors.map((a) => a.name));
      expect(paper.authors.count).toBe(item.paper.authors.length);
      // arXiv's hard line breaks are gone from the title and abstract.
      expect(paper.title_raw).toBe(item.paper.title.replace(/\s+/g, ' '));
      expect(paper.abstract_raw).not.toContain('\n');
      expect(paper.submitted).toBe(item.paper.publishedAt.slice(0, 10));
      expect(paper.published).toBe('2024-10-25');
      expect(paper.upvotes).toBe(item.paper.upvotes);
      expect(paper.sources).toEqual([{ file: 'daily_papers-2024-10-25.json', line: 1 }]);
    }
    expect(byId.get('2410.17779')!.code).toBe('https://github.com/Hao840/ADEM-VL');

    const files = snapshot(content);
    const again = await runJson(['--content', content, '--added', '2026-12-07', HF_JSON]);
    expect(again.report).toMatchObject({ papers: 29, unchanged: 29, written: [], diagnostics: [] });
    expect(snapshot(content)).toEqual(files);
  });

  it('names a broken element by its JSONPath and imports the others', async () => {
    const dir = temp();
    const broken = join(dir, 'daily.json');
    const items = hf.slice(0, 3).map((item) => structuredClone(item)) as unknown as Array<Record<string, Record<string, unknown>>>;
    delete items[1]!['paper']!['summary'];
    writeFileSync(broken, JSON.stringify(items, null, 2));
    const r = await run(['--init', '--content', join(dir, 'content'), '--added', '2026-11-30', broken]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${broken}:$[1].paper.summary: error: "${hf[1]!.paper.title.replace(/\s+/g, ' ')}" has no abstract ("summary").`);
    expect(r.stdout).toContain('2 papers from 2 records: 2 added, 0 updated, 0 unchanged, 1 skipped');
  });
});

describe("the group's seed .bib (content/listings/seed-papers.bib)", SLOW, () => {
  it('fills author names, arXiv ids, years and code links of the seed papers; warns on the 4 differing author counts', async () => {
    const content = temp();
    expect((await run(['--content', content, '--added', '2026-11-24', ...seeds])).code).toBe(0);
    const r = await runJson(['--content', content, '--added', '2026-11-24', SEED_BIB]);
    expect(r.code).toBe(0);
    expect(r.report).toMatchObject({ records: 189, papers: 189, added: 0, updated: 189, skipped: 0 });
    const warnings = r.report.diagnostics.map((d: { file: string; line: number; code: string }) => `${d.file.replace(/^.*\//, '')}:${d.line} ${d.code}`);
    expect(warnings).toEqual([
      'seed-papers.bib:616 author-count-mismatch',
      'seed-papers.bib:914 author-count-mismatch',
      'seed-papers.bib:1036 author-count-mismatch',
      'seed-papers.bib:1196 author-count-mismatch',
    ]);
    const all = papers(content);
    expect(all.filter((p) => p.authors.names.length > 0 && p.arxiv !== null && p.year !== null)).toHaveLength(189);
    // 69 entries state their code; the listings' abstracts add 5 more.
    expect(all.filter((p) => p.code !== null)).toHaveLength(74);
    const mamba = all.find((p) => p.slug === 'a-survey-of-mamba')!;
    expect(mamba).toMatchObject({ arxiv: '2408.01129', year: 2024, authors: { count: 7 } });
    expect(mamba.authors.names).toHaveLength(8);
    expect(mamba.sources.at(-1)).toEqual({ file: 'seed-papers.bib', line: 1196 });
    // A link the paper states replaces the one guessed from its abstract.
    // (its abstract has http://github.com/hustvl/MaTVLM).
    expect(all.find((p) => p.arxiv === '2503.13440')!.code).toBe('https://github.com/hustvl/MaTVLM');

    const files = snapshot(content);
    const again = await runJson(['--content', content, '--added', '2026-12-01', ...seeds, SEED_BIB]);
    expect(again.report).toMatchObject({ papers: 189, unchanged: 189, written: [], diagnostics: [] });
    expect(snapshot(content)).toEqual(files);
  });

  it('imported first, it adds the papers without abstracts (a warning each); the listings fill them in later', async () => {
    const content = temp();
    const bib = await runJson(['--content', content, '--added', '2026-11-24', SEED_BIB]);
    expect(bib.code).toBe(0);
    expect(bib.report).toMatchObject({ added: 189 });
    expect(bib.report.diagnostics).toHaveLength(189);
    expect(bib.report.diagnostics[0]).toMatchObject({ severity: 'warning', code: 'no-abstract', line: 5 });
    const listings = await runJson(['--content', content, '--added', '2026-11-24', ...seeds]);
    expect(listings.report).toMatchObject({ papers: 189, added: 0, updated: 189 });
    const all = papers(content);
    expect(all.filter((p) => p.abstract.length > 1000 && p.authors.names.length > 0)).toHaveLength(189);
  });

  it("Google Scholar's BibTeX (arXiv id only in `journal`) fills the seed papers it names, under their listing titles", async () => {
    const content = temp();
    expect((await run(['--content', content, '--added', '2026-11-24', ...seeds])).code).toBe(0);
    const scholar = join(ROOT, 'tests/fixtures/bibtex/google-scholar.bib');
    const r = await runJson(['--content', content, '--added', '2026-11-24', scholar]);
    expect(r.code).toBe(0);
    expect(r.report).toMatchObject({ records: 2, papers: 2, added: 0, updated: 2, diagnostics: [] });
    const all = papers(content);
    expect(all.find((p) => p.arxiv === '2312.00752')).toMatchObject({
      title: 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces',
      authors: { names: ['Albert Gu', 'Tri Dao'] },
    });
    // Google Scholar lower-cases the title; the listing's title stays the paper's.
    expect(all.find((p) => p.arxiv === '2307.08691')).toMatchObject({
      title: 'FlashAttention-2: Faster Attention with Better Parallelism and Work Partitioning',
      authors: { names: ['Tri Dao'] },
    });
  });

  it('a CSL-JSON export of the same entries gives the same identities', async () => {
    const dir = temp();
    const csl = join(dir, 'seed-papers.json');
    writeFileSync(csl, new Cite(readFileSync(SEED_BIB, 'utf8')).format('data'));
    const fromBib = join(dir, 'bib');
    const fromCsl = join(dir, 'csl');
    await run(['--init', '--content', fromBib, '--added', '2026-11-24', ...seeds, SEED_BIB]);
    const r = await run(['--init', '--content', fromCsl, '--added', '2026-11-24', ...seeds, csl]);
    expect(r.stdout).toContain(`read ${csl}: 189 records (CSL-JSON)`);
    const identity = (p: PaperFrontmatter) => [p.slug, p.authors, p.arxiv, p.year, p.code];
    expect(papers(fromCsl).map(identity)).toEqual(papers(fromBib).map(identity));
  });
});

// Lists of arXiv ids are looked up in arXiv: tests/import-ids.test.ts replays the recordings.

/**
 * "--dry-run/--json/--strict as today" for every format: each file below has valid records and
 * at least one problem (an error, or warnings only), so all three options have something to do.
 */
describe('every format takes --dry-run, --json and --strict', SLOW, () => {
  let server: ReplayServer;
  beforeAll(async () => {
    server = await startReplayServer();
    const rec = recording('2026-id_list_0808.05394_1707.08567');
    server.route(rec.pathAndQuery!, reply(rec));
  });
  afterAll(() => server.close());

  /** name, file text, the diagnostic it must report (as printed), its exit code without --strict. */
  const cases: Array<[string, string, () => string, RegExp, number]> = [
    [
      'Hugging Face Daily Papers JSON',
      'daily.json',
      () => {
        const items = hf.slice(0, 3).map((item) => structuredClone(item)) as unknown as Array<Record<string, Record<string, unknown>>>;
        delete items[1]!['paper']!['summary'];
        return JSON.stringify(items, null, 2);
      },
      /daily\.json:\$\[1\]\.paper\.summary: error: /,
      1,
    ],
    // Without listings the seed entries have no abstract: a warning each.
    ['BibTeX', 'seed.bib', () => readFileSync(SEED_BIB, 'utf8'), /seed\.bib:5: warning: /, 0],
    ['CSL-JSON', 'seed.json', () => new Cite(readFileSync(SEED_BIB, 'utf8')).format('data'), /seed\.json:\$\[0\]: warning: /, 0],
    // 0808.05394 does not exist (the recording's totalResults is 1).
    ['list of arXiv ids', 'ids.txt', () => '1707.08567\nhttps://huggingface.co/papers/0808.05394\n', /ids\.txt:2: error: /, 1],
  ];

  it.each(cases)('%s', async (format, name, text, problem, code) => {
    const dir = temp();
    const file = join(dir, name);
    writeFileSync(file, text());
    const env = { ...ENV, LECTERN_ARXIV_API: server.api, LECTERN_ARXIV_CACHE: join(dir, 'cache'), LECTERN_ARXIV_INTERVAL: '0.05' };
    const importRun = async (content: string, options: string[]) => {
      const r = await runScript('scripts/import.ts', ['--init', '--content', content, '--added', '2026-11-30', ...options, file], env);
      return { ...r, report: options.includes('--json') ? JSON.parse(r.stdout) : null };
    };
    const paperFiles = (content: string) => (existsSync(join(content, 'papers')) ? readdirSync(join(content, 'papers')) : []);

    const dry = await importRun(join(dir, 'dry'), ['--dry-run']);
    expect(dry.code).toBe(code);
    expect(dry.stdout).toContain(`(${format})`);
    expect(`${dry.stdout}\n${dry.stderr}`).toMatch(problem);
    expect(dry.stdout).toMatch(/would write \d+ files .* \(dry run\)/);
    expect(existsSync(join(dir, 'dry'))).toBe(false);

    const dryJson = await importRun(join(dir, 'dry'), ['--dry-run', '--json']);
    expect(dryJson.code).toBe(code);
    expect(dryJson.report).toMatchObject({ dryRun: true, written: [] });
    // The JSON report says which format it detected, as the progress line does.
    expect(dryJson.report.inputs).toEqual([{ file, format: expect.any(String), formatName: format, records: dryJson.report.records }]);
    expect(dryJson.report.added).toBeGreaterThan(0);
    expect(dryJson.report.diagnostics.length).toBeGreaterThan(0);

    const strict = await importRun(join(dir, 'strict'), ['--strict', '--json']);
    expect(strict.code).toBe(1);
    expect(strict.report).toMatchObject({ strict: true, written: [], diagnostics: dryJson.report.diagnostics });
    expect(paperFiles(join(dir, 'strict'))).toEqual([]);

    // The real run writes exactly what the dry run said it would, and reports the same.
    const real = await importRun(join(dir, 'real'), ['--json']);
    expect(real.code).toBe(code);
    const { records, papers: count, added, updated, unchanged, skipped, changes, diagnostics } = dryJson.report;
    expect(real.report).toMatchObject({ records, papers: count, added, updated, unchanged, skipped, changes, diagnostics, dryRun: false });
    expect(real.report.written.map((path: string) => basename(path)).sort()).toEqual(paperFiles(join(dir, 'real')).sort());
    expect(paperFiles(join(dir, 'real')).sort()).toEqual(dryJson.report.changes.map((c: { path: string }) => basename(c.path)).sort());
  });
});
