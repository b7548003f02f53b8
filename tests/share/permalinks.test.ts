import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { assertPermalinks, findPermalinkConflicts, findReservedClaims, redirectsOf, RESERVED_SEGMENTS } from '../../src/core/permalinks/index.ts';

const paper = (slug: string, aliases: string[] = []) => ({ slug, aliases, file: `content/papers/${slug}.mdx` });

describe('permalink check', () => {
  it('accepts distinct slugs and aliases and lists one redirect per alias', () => {
    const papers = [paper('mamba', ['mamba-linear-time', 'mamba-old']), paper('flashattention')];
    expect(findPermalinkConflicts(papers)).toEqual([]);
    expect(assertPermalinks(papers)).toEqual([
      { from: 'mamba-linear-time', to: 'mamba' },
      { from: 'mamba-old', to: 'mamba' },
    ]);
  });

  it('rejects two papers with the same slug, naming both files', () => {
    const papers = [paper('mamba'), { slug: 'mamba', aliases: [], file: 'content/papers/mamba-2.mdx' }];
    expect(() => assertPermalinks(papers)).toThrow(
      /\/papers\/mamba\/ is claimed by:\n {4}- content\/papers\/mamba\.mdx \(as its slug\)\n {4}- content\/papers\/mamba-2\.mdx \(as its slug\)/,
    );
  });

  it('rejects an alias that is another paper\'s slug', () => {
    const conflicts = findPermalinkConflicts([paper('mamba'), paper('mamba-2', ['mamba'])]);
    expect(conflicts).toEqual([
      { segment: 'mamba', claims: [{ file: 'content/papers/mamba.mdx', as: 'slug' }, { file: 'content/papers/mamba-2.mdx', as: 'alias' }] },
    ]);
  });

  it('rejects an alias claimed by two papers and a paper aliasing its own slug', () => {
    const conflicts = findPermalinkConflicts([paper('a', ['old']), paper('b', ['old']), paper('c', ['c'])]);
    expect(conflicts.map((c) => c.segment)).toEqual(['c', 'old']);
    expect(() => assertPermalinks([paper('a', ['old']), paper('b', ['old'])])).toThrow(/Fix: keep the segment in one file/);
  });

  it('treats an alias repeated in one file as one redirect', () => {
    const papers = [paper('a', ['old', 'old'])];
    expect(findPermalinkConflicts(papers)).toEqual([]);
    expect(redirectsOf(papers)).toEqual([{ from: 'old', to: 'a' }]);
  });
});

describe('reserved names (issue 14 item 3)', () => {
  it('a slug or alias that is one of lectern\'s own route names fails the check, naming the file and the route', () => {
    const papers = [paper('feed'), paper('mamba', ['search'])];
    expect(findReservedClaims(papers)).toEqual([
      { segment: 'feed', as: 'slug', file: 'content/papers/feed.mdx', route: '/papers/feed.json (the JSON Feed of papers)' },
      { segment: 'search', as: 'alias', file: 'content/papers/mamba.mdx', route: '/search/ (the search page)' },
    ]);
    expect(() => assertPermalinks(papers)).toThrow(
      'content/papers/feed.mdx has the slug "feed", which belongs to /papers/feed.json (the JSON Feed of papers)',
    );
    expect(() => assertPermalinks([paper('rss')])).toThrow(/Fix: choose another slug/);
  });

  it('every route in src/pages reserves its name', () => {
    const pages = resolve(import.meta.dirname, '../../src/pages');
    const names = (dir: string) =>
      readdirSync(dir)
        .filter((name) => !name.startsWith('['))
        .map((name) => name.replace(/\..*$/, ''));
    const routes = [...names(pages), ...names(join(pages, 'papers'))];
    expect(routes.length).toBeGreaterThan(8);
    for (const route of routes) expect(RESERVED_SEGMENTS.has(route), route).toBe(true);
    // Folders the build writes besides the pages.
    for (const output of ['og', 'pagefind', 'sitemap-index', 'sitemap-0', 'sessions']) expect(RESERVED_SEGMENTS.has(output), output).toBe(true);
  });
});
