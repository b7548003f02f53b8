/**
 * The per-paper citation files and their cache: every paper gets its .bib and .json, a rebuild
 * formats only papers whose citation changed, and a damaged cache only costs time.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CitationJob } from '../../src/core/cite/index.ts';
import { writeCitationFiles } from '../../src/integrations/citation-files.ts';
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
const jobs: CitationJob[] = [
  { slug: 'mamba', item: item('mamba', 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces') },
  { slug: 'flash-attention', item: item('flash-attention', 'FlashAttention: Fast and Memory-Efficient Exact Attention') },
];

describe('citation files', () => {
  const cache = join(work, 'cache', 'citations.json');

  it('writes each paper’s BibTeX and CSL-JSON, formatting every paper the first time', async () => {
    const report = await writeCitationFiles(jobs, join(work, 'out1'), cache);
    expect(report).toEqual({ files: 4, papers: 2, formatted: 2 });
    expect(readFileSync(join(work, 'out1', 'papers', 'mamba.bib'), 'utf8')).toBe(formatBibtex([jobs[0]!.item]));
    expect(readFileSync(join(work, 'out1', 'papers', 'mamba.json'), 'utf8')).toBe(formatCslJson([jobs[0]!.item]));
  });

  it('formats only the changed paper on a rebuild, with the same files for the others', async () => {
    const changed = [jobs[0]!, { slug: 'flash-attention', item: { ...jobs[1]!.item, title: 'FlashAttention-2: Faster Attention' } }];
    const report = await writeCitationFiles(changed, join(work, 'out2'), cache);
    expect(report.formatted).toBe(1);
    expect(readFileSync(join(work, 'out2', 'papers', 'mamba.bib'), 'utf8')).toBe(readFileSync(join(work, 'out1', 'papers', 'mamba.bib'), 'utf8'));
    expect(readFileSync(join(work, 'out2', 'papers', 'flash-attention.bib'), 'utf8')).toContain('{FlashAttention}-2');
    // The cache keeps only what the last build used.
    expect(Object.keys(JSON.parse(readFileSync(cache, 'utf8')) as object)).toHaveLength(2);
  });

  it('formats everything again when the cache file is damaged', async () => {
    writeFileSync(cache, '{"truncated');
    const report = await writeCitationFiles(jobs, join(work, 'out3'), cache);
    expect(report.formatted).toBe(2);
    expect(readFileSync(join(work, 'out3', 'papers', 'flash-attention.json'), 'utf8')).toBe(formatCslJson([jobs[1]!.item]));
  });
});
