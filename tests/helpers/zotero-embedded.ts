/**
 * Reads a page's Highwire `citation_*` meta tags the way Zotero's "Embedded Metadata" translator
 * does (zotero/translators, `Embedded Metadata.js`, lastUpdated 2026-04-27, and
 * `Zotero.Utilities.cleanAuthor`), re-stated here for the fields lectern writes:
 *
 * - tags are `<meta name="…citation_x">` in `<head>` (or `<body>`), matched by name suffix;
 *   the first tag of a name gives its value, whitespace collapsed;
 * - `citation_author` tags: each split at `;`; when there is exactly one tag and splitting at
 *   commas gives parts with a space on both sides of the first comma, each part is an author;
 * - each author with a comma is "Last, First" (split at the commas, first two parts);
 *   without, the last word is the last name; single capitals in the first name get a period;
 * - date from `citation_publication_date` (or `citation_date`), PDF from `citation_pdf_url`,
 *   DOI from `citation_doi`. `citation_arxiv_id` is not a Highwire field Zotero maps; Google
 *   Scholar and arXiv's own pages use it, so it is returned as is.
 */
import type { CheerioAPI } from 'cheerio';

export interface ZoteroCreator {
  firstName: string;
  lastName: string;
}

export interface EmbeddedMetadata {
  title: string | null;
  creators: ZoteroCreator[];
  date: string | null;
  pdfUrl: string | null;
  DOI: string | null;
  arxivId: string | null;
}

function contents($: CheerioAPI, name: string): string[] {
  return $('html > head > meta, html > body > meta')
    .filter((_, el) => ($(el).attr('name') ?? '').endsWith(name))
    .map((_, el) => $(el).attr('content') ?? '')
    .get();
}

const first = ($: CheerioAPI, name: string): string | null => {
  const value = contents($, name)[0];
  return value && value.trim() ? value.replace(/\s+/g, ' ').trim() : null;
};

/** Zotero puts a period after every single-capital initial of a first name ("Daniel Y" -> "Daniel Y."). */
function withInitialPeriods(firstName: string): string {
  if (!firstName) return firstName;
  const words = firstName
    .replace(/^[\s.]+/, '')
    .replace(/[\s,]+$/, '')
    .replace(/\s*([\u002D\u00AD\u2010-\u2015\u2212\u2E3A\u2E3B])\s*/, '-')
    .split(/(?:[\s.]+|(?=-))/);
  return words
    .map((word) => (/^-?[A-Z\u0400-\u042f]$/.test(word) ? `${word}.` : word))
    .join(' ')
    .replace(/ -/g, '-')
    .trim();
}

function cleanAuthor(author: string, useComma: boolean): ZoteroCreator {
  let trimmed = author.replace(/^[\s\u00a0.,/[\]:]+/, '').replace(/[\s\u00a0.,/[\]:]+$/, '').replace(/[\s\u00a0]+/, ' ');
  let lastName: string;
  let firstName: string;
  if (useComma) {
    trimmed = trimmed.replace(/\.([^ ])/, '. $1');
    const parts = trimmed.split(/[,،] ?/);
    [lastName, firstName] = parts.length > 1 ? [parts[0]!, parts[1]!] : [trimmed, ''];
  } else {
    const space = trimmed.lastIndexOf(' ');
    [lastName, firstName] = [trimmed.slice(space + 1), space === -1 ? '' : trimmed.slice(0, space)];
  }
  return { lastName, firstName: withInitialPeriods(firstName) };
}

export function readEmbeddedMetadata($: CheerioAPI): EmbeddedMetadata {
  const authorTags = contents($, 'citation_author');
  const creators: ZoteroCreator[] = [];
  for (const tag of authorTags) {
    let names = tag.split(/\s*;\s*/);
    if (names.length === 1 && authorTags.length === 1) {
      const byComma = names[0]!.split(/\s*,\s*/);
      if (byComma.length > 1 && byComma[0]!.includes(' ') && byComma[1]!.includes(' ')) names = byComma;
    }
    for (const name of names.map((n) => n.trim())) {
      if (!name || !/[^\s,\-.;]/.test(name)) continue;
      creators.push(cleanAuthor(name, name.includes(',')));
    }
  }
  return {
    title: first($, 'citation_title'),
    creators,
    date: first($, 'citation_publication_date') ?? first($, 'citation_date'),
    pdfUrl: contents($, 'citation_pdf_url')[0] ?? null,
    DOI: first($, 'citation_doi'),
    arxivId: first($, 'citation_arxiv_id'),
  };
}
