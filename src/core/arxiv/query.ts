/**
 * URLs of the arXiv API queries lectern makes (https://info.arxiv.org/help/api/user-manual.html).
 * Each URL is built one way only, so the on-disk cache, which is keyed by URL, answers a rerun.
 * Parameters are in the order and encoding arXiv's reference client (arxiv.py) sends them,
 * which is also the form of the recorded responses the tests replay.
 */
import { toPlainText } from '../normalize/index.ts';
import { spellGreek } from '../papers/slug.ts';

export const ARXIV_API = 'https://export.arxiv.org/api/query';

/** Ids per `id_list` request: arXiv answers up to this many entries in one page. */
export const ID_BATCH = 100;

/** Candidates asked for per title search; the paper itself, when arXiv has it, ranks first. */
export const TITLE_CANDIDATES = 10;

function queryUrl(api: string, searchQuery: string, ids: readonly string[], maxResults: number): string {
  const params = new URLSearchParams({
    search_query: searchQuery,
    id_list: ids.join(','),
    sortBy: 'relevance',
    sortOrder: 'descending',
    start: '0',
    max_results: String(maxResults),
  });
  return `${api}?${params}`;
}

/** One `id_list` lookup of up to ID_BATCH versionless ids. */
export function idListUrl(api: string, ids: readonly string[]): string {
  return queryUrl(api, '', ids, ID_BATCH);
}

/** A title phrase search: `ti:"…"`, words only (arXiv's query syntax gives punctuation meaning). */
export function titleSearchUrl(api: string, cleanTitle: string): string {
  return queryUrl(api, `ti:"${titlePhrase(cleanTitle)}"`, [], TITLE_CANDIDATES);
}

/**
 * The words of a clean title, in ASCII: accents dropped, Greek letters spelled out (arXiv's
 * titles write `$\alpha$`), every other character a word break.
 */
export function titlePhrase(cleanTitle: string): string {
  const plain = spellGreek(toPlainText(cleanTitle).normalize('NFKD').replace(/\p{M}+/gu, ''));
  return plain.replace(/[^A-Za-z0-9]+/g, ' ').trim();
}

/**
 * The ids an `id_list` URL built by `idListUrl` asked for, or null for any other URL (the cache
 * uses this to answer an id from any earlier batch that held it).
 */
export function idsOfIdListUrl(api: string, url: string): string[] | null {
  if (!url.startsWith(`${api}?`)) return null;
  const params = new URLSearchParams(url.slice(api.length + 1));
  const ids = params.get('id_list');
  if (params.get('search_query') !== '' || !ids) return null;
  return ids.split(',');
}
