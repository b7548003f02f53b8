/**
 * The per-paper citation files and their cache: every paper gets its .bib and .json, a rebuild
 * formats only papers whose citation changed, and a damaged cache only costs time.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { citationFilesDir, contentCitations, readCitationCache, writeCitationFiles } from '../../src/integrations/citation-files.ts';
import { citationOf, formatBibtex, formatCslJson, type Citation } from '../../src/core/cite/index.ts';

const work = mkdtempSync(join(tmpdir(), 'lectern-citations-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const item = (slug: string, title: string): Citation =>
  citationOf(
    {
      slug,
      title,
      abstract: '',
      published: null,
      submitted: null,
      year: null,
      added: '2026-11-24',
      authors: { count: null, attribution: null, names: ['Tri Dao'] },
      arxiv: null,
      primary_category: null,
      doi: null,
      pageUrl: `https://lectern.example.org/papers/${slug}/`,
    },
    slug.replace(/-/g, ''),
  );
const mamba = item('mamba', 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces');
const flashAttention = item('flash-attention', 'FlashAttention: Fast and Memory-Efficient Exact Attention');
const citations = new Map([
  ['mamba', mamba],
  ['flash-attention', flashAttention],
]);

describe('citation files', () => {
  const cache = join(work, 'cache', 'citations.json');

  it('writes each paper’s BibTeX and CSL-JSON, formatting every paper the first time', async () => {
    const report = await writeCitationFiles(citations, join(work, 'out1'), cache);
    expect(report).toEqual({ files: 4, papers: 2, formatted: 2 });
    expect(readFileSync(join(work, 'out1', 'papers', 'mamba.bib'), 'utf8')).toBe(formatBibtex([mamba]));
    expect(readFileSync(join(work, 'out1', 'papers', 'mamba.json'), 'utf8')).toBe(formatCslJson([mamba]));
  });

  it('formats only the changed paper on a rebuild, with the same files for the others', async () => {
    const changed = new Map([...citations, ['flash-attention', { ...flashAttention, title: 'FlashAttention-2: Faster Attention' }]]);
    const report = await writeCitationFiles(changed, join(work, 'out2'), cache);
    expect(report.formatted).toBe(1);
    expect(readFileSync(join(work, 'out2', 'papers', 'mamba.bib'), 'utf8')).toBe(readFileSync(join(work, 'out1', 'papers', 'mamba.bib'), 'utf8'));
    expect(readFileSync(join(work, 'out2', 'papers', 'flash-attention.bib'), 'utf8')).toContain('{FlashAttention}-2');
    // The cache keeps only what the last build used: two papers' two files.
    expect(readdirSync(citationFilesDir(cache))).toHaveLength(4);
  });

  it('links each file from the cache rather than writing it, replacing a file the folder held', () => {
    mkdirSync(join(work, 'out4', 'papers'), { recursive: true });
    writeFileSync(join(work, 'out4', 'papers', 'mamba.bib'), 'an older entry');
    const report = writeCitationFiles(citations, join(work, 'out4'), cache);
    expect(report.formatted).toBe(1); // flash-attention's title is back to the first build's
    const [bib] = readdirSync(citationFilesDir(cache)).filter((name) => readFileSync(join(citationFilesDir(cache), name), 'utf8') === formatBibtex([mamba]));
    expect(statSync(join(work, 'out4', 'papers', 'mamba.bib')).ino).toBe(statSync(join(citationFilesDir(cache), bib!)).ino);
    expect(readFileSync(join(work, 'out4', 'papers', 'mamba.bib'), 'utf8')).toBe(formatBibtex([mamba]));
  });

  it('formats again what the cache folder lost', async () => {
    rmSync(citationFilesDir(cache), { recursive: true });
    const report = await writeCitationFiles(citations, join(work, 'out3'), cache);
    expect(report.formatted).toBe(2);
    expect(readFileSync(join(work, 'out3', 'papers', 'flash-attention.json'), 'utf8')).toBe(formatCslJson([flashAttention]));
  });
});

describe('the citations the build writes files for', () => {
  // The hook reads the content folder itself (no list handed over through the output): the same
  // papers, keys and page URLs as the site's pages.
  const content = join(work, 'content');
  const fixture = join(import.meta.dirname, '../fixtures/site-content/papers');
  const flash = 'flashattention-fast-and-memory-efficient-exact-attention-with-io-awareness';
  const paged = 'efficient-memory-management-for-llm-serving-with-pagedattention';

  it('cites every paper of the content folder, linking a paper without arXiv id to its page under the base path', () => {
    mkdirSync(join(content, 'papers'), { recursive: true });
    for (const name of readdirSync(fixture)) copyFileSync(join(fixture, name), join(content, 'papers', name));

    const { citations } = contentCitations(content, { site: 'https://example.github.io', base: '/reading-group/' });
    expect([...citations.keys()].sort()).toEqual(readdirSync(fixture).map((name) => name.replace(/\.mdx$/, '')).sort());
    expect(citations.get(flash)).toMatchObject({ key: 'flashattentionFastMemory', arxiv: '2205.14135', url: 'https://arxiv.org/abs/2205.14135' });
    expect(citations.get(paged)).toMatchObject({ arxiv: null, url: `https://example.github.io/reading-group/papers/${paged}/` });
  });

  it('parses only new or edited paper files when given what the last build read, and cites the same', () => {
    const location = { site: 'https://example.github.io', base: '/reading-group/' };
    const first = contentCitations(content, location);
    expect(first.parsed).toBe(first.citations.size);

    const again = contentCitations(content, location, first.papers);
    expect(again.parsed).toBe(0);
    expect(again.citations).toEqual(first.citations);

    const file = join(content, 'papers', `${flash}.mdx`);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: "FlashAttention, edited"'));
    const edited = contentCitations(content, location, again.papers);
    expect(edited.parsed).toBe(1);
    expect(edited.citations.get(flash)!.title).toBe('FlashAttention, edited');
    expect(edited.citations.get(paged)).toEqual(first.citations.get(paged));
  });

  it('keeps what paper files cite in the cache file, for the next build', () => {
    const location = { site: 'https://example.github.io', base: '/' };
    const cacheFile = join(work, 'cache', 'papers-citations.json');
    const read = contentCitations(content, location);
    writeCitationFiles(read.citations, join(work, 'out5'), cacheFile, { papers: read.papers });
    expect(contentCitations(content, location, readCitationCache(cacheFile).papers).parsed).toBe(0);
  });

  it('fails naming the file when a paper file is invalid', () => {
    writeFileSync(join(content, 'papers', 'broken.mdx'), '---\nslug: broken\n---\n');
    expect(() => contentCitations(content, { site: 'https://example.github.io', base: '/' })).toThrow(/papers\/broken\.mdx:\d+: error: /);
  });
});
