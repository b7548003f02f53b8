/**
 * The Pagefind index of a built site (scripts/search-index.ts and scripts/build.ts run it
 * after `astro build`, in a process of their own: see scripts/search-index.ts for why).
 */
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { SEARCH_LANGUAGE } from '../../src/core/search/index-language.ts';

/** Only paper pages carry data-pagefind-body; reading the list pages too only costs time. */
export const SEARCH_PAGES = 'papers/*/index.html';

export interface SearchIndexReport {
  pages: number;
  ms: number;
}

/**
 * Indexes the paper pages of `dist` into `<dist>/pagefind/`, printing the line the bench reads
 * (scripts/bench/phases.ts). Pagefind has no incremental mode: every page is read again.
 */
export async function indexSite(dist: string, print: (line: string) => void): Promise<SearchIndexReport> {
  const started = performance.now();
  print(`[lectern:search-index] indexing ${SEARCH_PAGES} in ${dist}`);
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: SEARCH_LANGUAGE });
    if (!index) throw new Error(`could not create the index: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: dist, glob: SEARCH_PAGES });
    if (added.errors.length > 0) throw new Error(`indexing ${dist}: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: join(dist, 'pagefind') });
    if (written.errors.length > 0) throw new Error(`writing the index: ${written.errors.join('; ')}`);
    const ms = Math.round(performance.now() - started);
    print(`[lectern:search-index] indexed ${added.page_count} pages in ${ms} ms -> ${join(dist, 'pagefind')}`);
    return { pages: added.page_count, ms };
  } finally {
    await pagefind.close();
  }
}
