/**
 * The Pagefind index of a built site (scripts/search-index.ts and scripts/build.ts run it
 * after `astro build`, in a process of their own: see scripts/search-index.ts for why).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { SEARCH_LANGUAGE } from '../../src/core/search/index-language.ts';
import { cacheKeyOf } from '../../src/core/build/cache-key.ts';
import { linkOrCopy, writeFileAtomic } from '../../src/io/atomic.ts';

/** Only paper pages carry data-pagefind-body; reading the list pages too only costs time. */
export const SEARCH_PAGES = 'papers/*/index.html';

export interface SearchIndexReport {
  pages: number;
  ms: number;
  /** The previous build's index was copied: no indexed page had changed. */
  reused: boolean;
}

const PAGEFIND_VERSION = (JSON.parse(readFileSync(new URL('../../node_modules/pagefind/package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** The files SEARCH_PAGES matches in `dist`, relative, sorted. */
function indexedPages(dist: string): string[] {
  const papers = join(dist, 'papers');
  if (!existsSync(papers)) return [];
  return readdirSync(papers, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(papers, entry.name, 'index.html')))
    .map((entry) => `papers/${entry.name}/index.html`)
    .sort();
}

/** What the index is made from: every indexed page's path and bytes, Pagefind's version and settings. */
function inputKey(dist: string): string {
  const pages = indexedPages(dist).map((page) => [page, createHash('sha256').update(readFileSync(join(dist, page))).digest('hex')]);
  return cacheKeyOf('search', PAGEFIND_VERSION, SEARCH_LANGUAGE, SEARCH_PAGES, pages);
}

/**
 * `from`'s files at the same paths under `to`, as hard links (a copy across file systems):
 * 10,000 index files link in ~0.5 s where copying them took 3-16 s. Safe because neither side
 * is ever written in place: Pagefind writes a fresh folder and `npm run build` a fresh dist/.
 */
function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const [source, target] = [join(from, entry.name), join(to, entry.name)];
    if (entry.isDirectory()) linkTree(source, target);
    else linkOrCopy(source, target);
  }
}

/** The index a previous build left in `cacheDir`: `<cacheDir>/pagefind/` and what it was made from. */
interface CachedIndex {
  key: string;
  pages: number;
}

/**
 * Indexes the paper pages of `dist` into `<dist>/pagefind/`, printing the line the bench reads
 * (scripts/bench/phases.ts). Pagefind has no incremental mode: every page is read again, unless
 * `cacheDir` holds the index of exactly these pages (same paths and bytes), which is then
 * linked into place instead; a new index is kept there for the next build.
 */
export async function indexSite(dist: string, print: (line: string) => void, cacheDir?: string): Promise<SearchIndexReport> {
  const started = performance.now();
  const output = join(dist, 'pagefind');
  const key = cacheDir ? inputKey(dist) : null;
  const keyFile = cacheDir && join(cacheDir, 'index.json');
  if (cacheDir && keyFile && existsSync(keyFile)) {
    const cached = JSON.parse(readFileSync(keyFile, 'utf8')) as CachedIndex;
    if (cached.key === key && existsSync(join(cacheDir, 'pagefind'))) {
      rmSync(output, { recursive: true, force: true });
      linkTree(join(cacheDir, 'pagefind'), output);
      const ms = Math.round(performance.now() - started);
      print(`[lectern:search-index] reused the index of ${cached.pages} unchanged pages in ${ms} ms <- ${join(cacheDir, 'pagefind')}`);
      return { pages: cached.pages, ms, reused: true };
    }
  }
  print(`[lectern:search-index] indexing ${SEARCH_PAGES} in ${dist}`);
  let pages: number;
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: SEARCH_LANGUAGE });
    if (!index) throw new Error(`could not create the index: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: dist, glob: SEARCH_PAGES });
    if (added.errors.length > 0) throw new Error(`indexing ${dist}: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: output });
    if (written.errors.length > 0) throw new Error(`writing the index: ${written.errors.join('; ')}`);
    pages = added.page_count;
  } finally {
    await pagefind.close();
  }
  if (cacheDir && keyFile && key) {
    // The key goes last: a build killed while linking leaves no key, so no half index is reused.
    rmSync(keyFile, { force: true });
    rmSync(join(cacheDir, 'pagefind'), { recursive: true, force: true });
    linkTree(output, join(cacheDir, 'pagefind'));
    writeFileAtomic(keyFile, `${JSON.stringify({ key, pages } satisfies CachedIndex)}\n`);
  }
  const ms = Math.round(performance.now() - started);
  print(`[lectern:search-index] indexed ${pages} pages in ${ms} ms -> ${output}`);
  return { pages, ms, reused: false };
}
