/**
 * Citations of papers as BibTeX and CSL-JSON, for `/papers/<slug>.bib|.json` and for whole
 * themes and digests. Citation.js does the formatting (field mapping, LaTeX escaping); this
 * module decides what a Daily Papers record says as a citation and which key it gets.
 *
 * What the input knows: a clean title and abstract, a publication day on Hugging Face (may be
 * null), an author count or an organisation, never author names or an arXiv id. So an entry is a
 * preprint (`@misc` in BibTeX, type `article` in CSL) whose URL is a Hugging Face paper search
 * for the title, with the reading group's permanent page in the note.
 */
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';
import { toPlainText } from '../normalize/index.ts';

/** What a citation needs to know about a paper. */
export interface CitablePaper {
  readonly slug: string;
  /** Clean text (math as `$...$`). */
  readonly title: string;
  readonly abstract: string;
  /** `YYYY-MM-DD` or null when the listing had no date. */
  readonly published: string | null;
  /** `YYYY-MM-DD`, the day the paper joined the reading list. */
  readonly added: string;
  readonly authors: {
    readonly count: number | null;
    readonly attribution: { readonly handle: string; readonly name: string } | null;
  };
  /** Absolute URL of the paper's page on the site. */
  readonly pageUrl: string;
}

/** A CSL-JSON item (CSL 1.0.2 input schema) as this module writes it. */
export interface CslItem {
  id: string;
  'citation-key': string;
  type: 'article';
  title: string;
  abstract?: string;
  author?: Array<{ literal: string }>;
  issued?: { 'date-parts': [[number, number, number]] };
  accessed: { 'date-parts': [[number, number, number]] };
  URL: string;
  source: string;
  note: string;
}

/** The Hugging Face paper search for a title (arXiv ids are not in the listings). */
export function huggingFaceSearchUrl(plainTitle: string): string {
  return `https://huggingface.co/papers?q=${encodeURIComponent(plainTitle)}`;
}

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

function dateParts(day: string): [[number, number, number]] {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return [[y, m, d]];
}

/** The CSL-JSON item of a paper under `key`. */
export function cslItem(paper: CitablePaper, key: string): CslItem {
  const title = toPlainText(paper.title);
  const abstract = toPlainText(paper.abstract);
  const { count, attribution } = paper.authors;
  const notes = [`Reading list: ${paper.pageUrl}`];
  if (attribution === null && count !== null) notes.unshift(count === 1 ? '1 author' : `${count} authors`);
  return {
    id: key,
    'citation-key': key,
    type: 'article',
    title,
    ...(abstract ? { abstract } : {}),
    ...(attribution ? { author: [{ literal: attribution.name }] } : {}),
    ...(paper.published ? { issued: { 'date-parts': dateParts(paper.published) } } : {}),
    accessed: { 'date-parts': dateParts(paper.added) },
    URL: huggingFaceSearchUrl(title),
    source: 'Hugging Face Daily Papers',
    note: notes.join('. '),
  };
}

/** CSL-JSON: an array of items, pretty-printed, ending in a newline. */
export function formatCslJson(items: readonly CslItem[]): string {
  return `${JSON.stringify(items, null, 2)}\n`;
}

/**
 * BibTeX entries (Citation.js, ASCII-only output: `α` becomes `$\alpha$`, `%` `\%`, `&` `\&`).
 * Preprints are `@misc` (an `@article` needs a journal); the abstract is left out (long, and
 * BibTeX styles do not print it); the date is year and month, as BibTeX fields hold them.
 */
export function formatBibtex(items: readonly CslItem[]): string {
  if (items.length === 0) return '';
  const data = items.map(({ abstract: _abstract, issued, accessed: _accessed, ...item }) => ({
    ...item,
    // CSL type `document` is Citation.js's route to `@misc`.
    type: 'document',
    ...(issued ? { issued: { 'date-parts': [issued['date-parts'][0].slice(0, 2)] } } : {}),
  }));
  return new Cite(data).format('bibtex', { format: 'text' }).trim().replace(/\r\n/g, '\n') + '\n';
}
