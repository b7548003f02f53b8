/**
 * Issue 12, "Inputs": `scripts/import.ts` on each input format, run as a user runs it, on the
 * real files: the Daily Papers API response, the group's seed .bib, a CSL-JSON export of it.
 */
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePaperFile } from '../src/core/papers/frontmatter.ts';
import { paperSchema, type PaperFrontmatter } from '../src/core/papers/schema.ts';
import { runScript, type ScriptRun } from './helpers/cli.ts';
import { seedFiles, SEEDS_DIR } from './helpers/seeds.ts';

const ROOT = resolve(import.meta.dirname, '..');
const HF_JSON = join(ROOT, 'tests/fixtures/hf/daily_papers-2024-10-25.json');
const SEED_BIB = join(SEEDS_DIR, 'seed-papers.bib');
const seeds = seedFiles();
const ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'LECTERN_CONTENT'));
const SLOW = { timeout: 240_000 };

const temps: string[] = [];
const temp = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-formats-'));
  temps.push(dir);
  return dir;
};
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

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
