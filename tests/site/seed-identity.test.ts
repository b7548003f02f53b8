/**
 * Issue 12 "Done when", on the site built from the seeded content: every seed paper with an
 * arXiv id has arXiv and PDF links, a BibTeX entry with author and eprint that a real BibTeX
 * parser reads without warnings, and the citation meta tags; every .bib the build writes parses.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, test } from 'vitest';
import { REPO_ROOT, buildSite, filesIn, type SiteBuild } from '../helpers/site-build.ts';
import { readPage } from '../helpers/site-check.ts';
import { readEmbeddedMetadata } from '../helpers/zotero-embedded.ts';

interface SeedIdentity {
  slug: string;
  arxiv: string | null;
  authors: { count?: number | null; names?: string[] };
}

/** The seed papers' identity fields, read straight from the files (independent of the site code). */
const seeds: SeedIdentity[] = readdirSync(join(REPO_ROOT, 'content', 'papers'))
  .filter((name) => name.endsWith('.mdx'))
  .map((name) => parseYaml(/^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(join(REPO_ROOT, 'content', 'papers', name), 'utf8'))![1]!) as SeedIdentity);
const withArxiv = seeds.filter((paper) => paper.arxiv);

let site: SiteBuild;
beforeAll(async () => {
  site = await buildSite({ content: 'content' });
});

test('the seeds carry arXiv ids and author names (imported from the group .bib)', () => {
  expect(withArxiv.length).toBe(189);
  expect(withArxiv.every((paper) => (paper.authors.names ?? []).length > 0)).toBe(true);
});

describe('every seed paper with an arXiv id', () => {
  test('links to its arXiv abstract and PDF', () => {
    for (const paper of withArxiv) {
      const $ = readPage(site.outDir, `papers/${paper.slug}/index.html`);
      const hrefs = $('ul.paper-links a').map((_, a) => $(a).attr('href')).get();
      expect(hrefs, paper.slug).toEqual(expect.arrayContaining([`https://arxiv.org/abs/${paper.arxiv}`, `https://arxiv.org/pdf/${paper.arxiv}`]));
    }
  });

  test('has a BibTeX entry with every author and its eprint, read without warnings', () => {
    for (const paper of withArxiv) {
      const library = parseBibtex(readFileSync(join(site.outDir, 'papers', `${paper.slug}.bib`), 'utf8'), { sentenceCase: false });
      expect(library.errors, paper.slug).toEqual([]);
      const [entry] = library.entries;
      expect(entry!.fields.eprint, paper.slug).toBe(paper.arxiv);
      expect(entry!.fields.archiveprefix, paper.slug).toBe('arXiv');
      expect(entry!.fields.author?.length, paper.slug).toBe(paper.authors.names!.length);
      expect(entry!.fields.year, paper.slug).toMatch(/^\d{4}$/);
    }
  });

  test('has the citation meta tags Zotero and Google Scholar read', () => {
    for (const paper of withArxiv) {
      const read = readEmbeddedMetadata(readPage(site.outDir, `papers/${paper.slug}/index.html`));
      expect(read.title, paper.slug).toBeTruthy();
      expect(read.creators, paper.slug).toHaveLength(paper.authors.names!.length);
      expect(read.arxivId, paper.slug).toBe(paper.arxiv);
      expect(read.pdfUrl, paper.slug).toBe(`https://arxiv.org/pdf/${paper.arxiv}`);
      expect(read.date, paper.slug).toMatch(/^\d{4}(\/\d{2}){0,2}$/);
    }
  });
});

test('a paper whose listing counted its authors differently shows both counts', () => {
  const differing = seeds.filter((paper) => paper.authors.count != null && paper.authors.count !== paper.authors.names?.length);
  expect(differing).toHaveLength(4); // arXiv versions changed their author lists (issue 12)
  for (const paper of differing) {
    const $ = readPage(site.outDir, `papers/${paper.slug}/index.html`);
    const fact = $('dl.meta-list div').filter((_, row) => $(row).find('dt').text() === 'Listed authors');
    expect(fact.find('dd').text(), paper.slug).toBe(`${paper.authors.count} in the listing, ${paper.authors.names!.length} named above`);
  }
  const agreeing = seeds.find((paper) => paper.authors.count === paper.authors.names?.length)!;
  expect(readPage(site.outDir, `papers/${agreeing.slug}/index.html`)('dl.meta-list dt').text()).not.toContain('Listed authors');
});

test('every .bib file the build writes (papers, themes, digests) parses without warnings', () => {
  const bibs = filesIn(site.outDir, '.bib');
  expect(bibs.length).toBeGreaterThan(189);
  for (const file of bibs) {
    const library = parseBibtex(readFileSync(join(site.outDir, file), 'utf8'), { sentenceCase: false });
    expect(library.errors, file).toEqual([]);
  }
});
