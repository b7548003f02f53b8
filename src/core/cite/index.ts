/**
 * Citations of papers as BibTeX and CSL-JSON, for `/papers/<slug>.bib|.json`, whole themes and
 * digests, and the entry shown on a paper page.
 *
 * A paper becomes one `Citation` (plain, JSON-serialisable: the build caches formatted files by
 * its hash), and each format is a pure function of citations. An arXiv paper is cited as arXiv
 * itself exports it: `@misc` with `eprint`, `archivePrefix = {arXiv}`, `primaryClass` and the
 * abstract URL; a paper without an id is cited with the reading group's page as its URL. When
 * no author names are known the citation says so (a `%` line above the entry, a CSL note, the
 * page) instead of passing off an author-less entry as complete.
 */
import { splitName, isOrganisation } from '../papers/authors.ts';
import { arxivAbsUrl, paperYear } from '../papers/identity.ts';
import { toPlainText } from '../normalize/index.ts';
import { BIBTEX_MONTHS, bibtexEntry, bibtexEscape, bibtexNames, bibtexTitle, bibtexVerbatim, type BibtexField, type BibtexName } from './bibtex.ts';
import { plural } from '../text.ts';

/** What a citation needs to know about a paper (the frontmatter's fields, plus its page URL). */
export interface CitablePaper {
  readonly slug: string;
  /** Clean text (math as `$...$`). */
  readonly title: string;
  readonly abstract: string;
  /** `YYYY-MM-DD` on Hugging Face, or null. */
  readonly published: string | null;
  /** `YYYY-MM-DD` of the first arXiv version, or null. */
  readonly submitted: string | null;
  readonly year: number | null;
  /** `YYYY-MM-DD`, the day the paper joined the reading list. */
  readonly added: string;
  readonly authors: {
    readonly count: number | null;
    readonly attribution: { readonly handle: string; readonly name: string } | null;
    readonly names: readonly string[];
  };
  readonly arxiv: string | null;
  readonly primary_category: string | null;
  readonly doi: string | null;
  /** Absolute URL of the paper's page on the site. */
  readonly pageUrl: string;
}

/** A CSL name: split person, or an organisation as a literal. */
export type CitationName = { family: string; given?: string; suffix?: string } | { literal: string };

/** Everything both formats need, in plain data. */
export interface Citation {
  key: string;
  /** Plain Unicode text (math as readable text). */
  title: string;
  abstract: string;
  authors: CitationName[];
  /** Set when the authors are unknown: "citation incomplete: authors unknown (7 authors)". */
  incomplete: string | null;
  /** The best date known: [year], [year, month] or [year, month, day]. */
  issued: number[] | null;
  /** The day the paper joined the reading list (CSL `accessed`). */
  accessed: string;
  arxiv: string | null;
  primaryClass: string | null;
  doi: string | null;
  /** The arXiv abstract page, else the paper's page on the site. */
  url: string;
}

/** A CSL-JSON item (CSL 1.0.2 input schema) as this module writes it. */
export interface CslItem {
  id: string;
  'citation-key': string;
  type: 'article';
  title: string;
  abstract?: string;
  author?: CitationName[];
  issued?: { 'date-parts': [number[]] };
  accessed: { 'date-parts': [number[]] };
  URL: string;
  DOI?: string;
  number?: string;
  publisher?: string;
  note?: string;
}

/** What every page and file says when a citation has no authors. */
export const INCOMPLETE_AUTHORS = 'citation incomplete: authors unknown';

/** Words a key does not start with and skips: they say nothing about the paper. */
const KEY_STOPWORDS = new Set(['a', 'an', 'the', 'of', 'on', 'for', 'and', 'in', 'to', 'with', 'via', 'by', 'is', 'are', 'at', 'from']);
/** Significant slug words in a short key: `flashattention-fast-and-memory-...` -> `flashattentionFastMemory`. */
const KEY_WORDS = 3;

/** `mamba-linear-time` -> `mambaLinearTime`; digits stay as they are. */
function camel(words: readonly string[]): string {
  return words.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('');
}

/**
 * BibTeX keys for every paper, from its slug alone: the first three significant slug words in
 * camelCase (`mambaLinearTimeSequence` is not needed to tell papers apart, three words are).
 *
 * Stable: a slug never changes, so neither does a key, and collisions are settled in favour of
 * the paper added first (then by slug): it keeps the short key, every later paper that would
 * share it gets its whole slug with `_` for `-` (unique because slugs are). A paper added later
 * can therefore never change the key of a paper already cited.
 */
export function citationKeys(papers: ReadonlyArray<{ readonly slug: string; readonly added: string }>): Map<string, string> {
  const order = [...papers].sort((a, b) => (a.added < b.added ? -1 : a.added > b.added ? 1 : a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  const keys = new Map<string, string>();
  const taken = new Set<string>();
  for (const { slug } of order) {
    const words = slug.split('-');
    const significant = words.filter((w, i) => i === 0 || !KEY_STOPWORDS.has(w)).slice(0, KEY_WORDS);
    let key = camel(significant);
    // The long form always contains `_` and a short key never does, so the two cannot collide;
    // long forms are unique because slugs are (a one-word slug gets a trailing `_`).
    if (taken.has(key)) key = slug.includes('-') ? slug.replaceAll('-', '_') : `${slug}_`;
    taken.add(key);
    keys.set(slug, key);
  }
  return keys;
}

function citationName(name: string): CitationName {
  const { given, family, suffix } = splitName(name);
  if (isOrganisation(name)) return { literal: family };
  return { family, ...(given ? { given } : {}), ...(suffix ? { suffix } : {}) };
}

function dayParts(day: string): number[] {
  return day.split('-').map(Number);
}

/** What the source said about the authors, for the "incomplete" notice. */
function authorHint({ count, attribution }: CitablePaper['authors']): string {
  if (count !== null) return ` (${plural(count, 'author')})`;
  return attribution ? ` (listed by ${attribution.name})` : '';
}

/** A name with control characters as spaces, or '' when nothing printable is left. */
function printableName(name: string): string {
  return name.replace(/[\p{Cc}\p{Surrogate}]/gu, ' ').replace(/\s+/gu, ' ').trim();
}

/** The citation of a paper under `key`. */
export function citationOf(paper: CitablePaper, key: string): Citation {
  const names = paper.authors.names.map(printableName).filter(Boolean);
  const day = paper.submitted ?? paper.published;
  const year = paperYear(paper);
  return {
    key,
    title: toPlainText(paper.title),
    abstract: toPlainText(paper.abstract),
    authors: names.map(citationName),
    incomplete: names.length === 0 ? `${INCOMPLETE_AUTHORS}${authorHint(paper.authors)}` : null,
    issued: day ? dayParts(day) : year !== null ? [year] : null,
    accessed: paper.added,
    arxiv: paper.arxiv,
    primaryClass: paper.primary_category,
    doi: paper.doi,
    url: paper.arxiv ? arxivAbsUrl(paper.arxiv) : paper.pageUrl,
  };
}

/**
 * Every paper's citation by slug, under the keys of `citationKeys`; `pageUrl` gives a paper's
 * page on the site. The pages and the build's citation files both cite through here, so a
 * paper's `.bib` file and its page say the same thing.
 */
export function citationsBySlug(papers: ReadonlyArray<Omit<CitablePaper, 'pageUrl'>>, pageUrl: (slug: string) => string): Map<string, Citation> {
  const keys = citationKeys(papers);
  return new Map(papers.map((paper) => [paper.slug, citationOf({ ...paper, pageUrl: pageUrl(paper.slug) }, keys.get(paper.slug)!)]));
}

/** The CSL-JSON item of a citation; arXiv papers as Zotero exports them (publisher arXiv, number `arXiv:<id>`). */
export function cslItem(citation: Citation): CslItem {
  return {
    id: citation.key,
    'citation-key': citation.key,
    type: 'article',
    title: citation.title,
    ...(citation.abstract ? { abstract: citation.abstract } : {}),
    ...(citation.authors.length > 0 ? { author: citation.authors } : {}),
    ...(citation.issued ? { issued: { 'date-parts': [citation.issued] } } : {}),
    accessed: { 'date-parts': [dayParts(citation.accessed)] },
    URL: citation.url,
    ...(citation.doi ? { DOI: citation.doi } : {}),
    ...(citation.arxiv ? { number: `arXiv:${citation.arxiv}`, publisher: 'arXiv' } : {}),
    ...(citation.incomplete ? { note: citation.incomplete } : {}),
  };
}

/** CSL-JSON: an array of items, pretty-printed, ending in a newline. */
export function formatCslJson(citations: readonly Citation[]): string {
  return `${JSON.stringify(citations.map(cslItem), null, 2)}\n`;
}

/** One BibTeX entry. The abstract is left out: long, and bibliography styles do not print it. */
export function bibtexOf(citation: Citation): string {
  const [year, month] = citation.issued ?? [];
  const fields: BibtexField[] = [
    ['title', bibtexTitle(citation.title)],
    ...(citation.authors.length > 0 ? [['author', bibtexNames(citation.authors as BibtexName[])] as const] : []),
    ...(year !== undefined ? [['year', String(year)] as const] : []),
    ...(month !== undefined && BIBTEX_MONTHS[month - 1] ? [['month', BIBTEX_MONTHS[month - 1]!, 'macro'] as const] : []),
    ...(citation.arxiv ? [['eprint', citation.arxiv] as const, ['archivePrefix', 'arXiv'] as const] : []),
    ...(citation.arxiv && citation.primaryClass ? [['primaryClass', bibtexEscape(citation.primaryClass)] as const] : []),
    ...(citation.doi ? [['doi', bibtexVerbatim(citation.doi)] as const] : []),
    ['url', bibtexVerbatim(citation.url)],
  ];
  return bibtexEntry('misc', citation.key, fields, citation.incomplete ? [citation.incomplete] : []);
}

/** BibTeX entries, one blank line apart; UTF-8 (see ./bibtex.ts for what is escaped how). */
export function formatBibtex(citations: readonly Citation[]): string {
  return citations.map(bibtexOf).join('\n');
}

