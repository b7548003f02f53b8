/**
 * CSL-JSON, the bibliography format Zotero, Mendeley and citation-js export (an array of CSL
 * items; one item alone is accepted too), and the mapping from a CSL item to an import record
 * that the BibTeX reader shares (citation-js turns BibTeX into CSL items).
 * Never throws: an item without a title is an error naming its `$[i]` and line, and is skipped.
 */
import type { Diagnostic } from '../diagnostics.ts';
import { unwrap } from '../arxiv/atom.ts';
import { parseArxivReference } from '../arxiv/ids.ts';
import { urlsIn } from '../papers/code-link.ts';
import { arrayElementOffsets, invalidJsonDiagnostic, isObject, jsonPath, lineAt, parseJson } from './json.ts';
import type { ParsedInput, PaperRecord } from './record.ts';

/** Fields BibTeX has and CSL lacks (citation-js drops a non-PubMed `eprint`). */
export interface BibtexExtras {
  eprint?: string;
  /** `archivePrefix` (BibTeX) or `eprinttype` (BibLaTeX). */
  eprintType?: string;
  primaryClass?: string;
}

const DOI_PATTERN = /^10\.\d{4,9}\/\S+$/;

function text(value: unknown): string {
  return typeof value === 'string' ? unwrap(value) : typeof value === 'number' ? String(value) : '';
}

/** "Given Family" from a CSL name: particles and suffix where they belong, or the literal name. */
export function cslName(name: unknown): string {
  if (!isObject(name)) return '';
  const literal = text(name['literal']);
  if (literal) return literal;
  return [name['given'], name['dropping-particle'], name['non-dropping-particle'], name['family'], name['suffix']]
    .map(text)
    .filter(Boolean)
    .join(' ');
}

/**
 * Years a bibliography may give a paper: the schema's range. Wider than a listing's publication
 * days (1990-2100), because a group's .bib can cite the classics (Shannon, 1948).
 */
export const CITED_MIN_YEAR = 1900;
export const CITED_MAX_YEAR = 2200;

/** The year a CSL date states (`date-parts`, or a 4-digit year in `raw`/`literal`), or null. */
function yearOf(date: unknown): number | null {
  if (!isObject(date)) return null;
  const parts = date['date-parts'];
  const first = Array.isArray(parts) && Array.isArray(parts[0]) ? Number(parts[0][0]) : NaN;
  const year = Number.isInteger(first) ? first : Number(/\b(\d{4})\b/.exec(text(date['raw']) || text(date['literal']))?.[1]);
  return Number.isInteger(year) ? year : null;
}

function arxivIdOf(text: string): string | null {
  return parseArxivReference(text)?.id ?? null;
}

/**
 * The id of a field that names only the preprint: Google Scholar's `journal = {arXiv preprint
 * arXiv:2312.00752}`, older Zotero exports' `journal = {arXiv:2210.14896 [cs]}` or `note =
 * {arXiv: 1906.02243}`. A field that mentions an id among other words (maybe another paper's) gives none.
 */
function arxivIdNamedBy(field: string): string | null {
  const m = /^(?:arXiv\s+preprint\s+)?(arXiv:\s*\S+?)(?:\s*\[[^\]]*\])?$/i.exec(field.trim());
  return m ? arxivIdOf(m[1]!) : null;
}

/** A DOI written bare or as a resolver URL; null when it is not one. */
function doiOf(value: unknown): string | null {
  const doi = text(value).replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, '');
  return DOI_PATTERN.test(doi) ? doi : null;
}

/** The URL a note states as code: `Code: https://...`, `code at https://...`. */
function codeInNote(note: string): string | null {
  const m = /\bcode\b[^:]{0,20}?(?::|\bat\b)\s*(\S+)/i.exec(note);
  return m ? (urlsIn(m[1]!)[0] ?? null) : null;
}

/**
 * The import record of a CSL item, or an error message when it cannot be one (no title).
 * The arXiv id comes from the eprint, else the URL, the arXiv DOI, a `number` like `arXiv:2307.08691`,
 * or a journal or note that names only the preprint (`arXiv preprint arXiv:2307.08691`).
 */
export function recordFromCsl(
  item: Record<string, unknown>,
  where: { file: string; line: number; path?: string },
  warn: (message: string, hint: string) => void,
  extras: BibtexExtras = {},
): PaperRecord | { error: string } {
  const titleRaw = text(item['title']);
  if (!titleRaw) return { error: 'this entry has no title' };
  let year = yearOf(item['issued']);
  if (year !== null && (year < CITED_MIN_YEAR || year > CITED_MAX_YEAR)) {
    warn(
      `the year ${year} of "${titleRaw.slice(0, 60)}" is not a plausible year (${CITED_MIN_YEAR}-${CITED_MAX_YEAR}).`,
      'The paper was imported without a year; fix it in the export and import again to fill it in.',
    );
    year = null;
  }
  const eprintIsArxiv = !extras.eprintType || /^arxiv$/i.test(extras.eprintType.trim());
  const doi = doiOf(item['DOI']);
  const arxiv =
    (extras.eprint && eprintIsArxiv ? arxivIdOf(extras.eprint) : null) ??
    arxivIdOf(text(item['URL'])) ??
    arxivIdOf(/^10\.48550\/arxiv\.(.+)$/i.exec(doi ?? '')?.[1] ?? '') ??
    arxivIdOf(text(item['number'])) ??
    arxivIdNamedBy(text(item['container-title'])) ??
    arxivIdNamedBy(text(item['note']));
  const names = Array.isArray(item['author']) ? item['author'].map(cslName).filter(Boolean) : [];
  return {
    ...where,
    titleRaw,
    abstractRaw: text(item['abstract']),
    authorCount: null,
    attribution: null,
    published: null,
    upvotes: null,
    names,
    arxiv,
    doi,
    primaryCategory: text(extras.primaryClass) || null,
    submitted: null,
    year,
    code: codeInNote(text(item['note'])),
  };
}

export function parseCslJson(text: string, file: string): ParsedInput {
  const diagnostics: Diagnostic[] = [];
  const records: PaperRecord[] = [];
  const result: ParsedInput = { file, format: 'csl-json', captured: null, records, diagnostics };
  const parsed = parseJson(text);
  if (!parsed.ok) {
    diagnostics.push(invalidJsonDiagnostic(parsed, file, 'Export the collection again as CSL JSON and import that file unchanged.'));
    return result;
  }
  const source = text.replace(/^\uFEFF/, '');
  const single = !Array.isArray(parsed.value);
  const items: unknown[] = single ? [parsed.value] : (parsed.value as unknown[]);
  const offsets = single ? [] : arrayElementOffsets(source);
  items.forEach((item, index) => {
    const path = single ? '$' : jsonPath(index);
    const line = single ? 1 : lineAt(source, offsets[index] ?? 0);
    const warn = (message: string, hint: string): void => {
      diagnostics.push({ severity: 'warning', code: 'bad-field', file, line, path: `${path}.issued`, message, hint });
    };
    const record = isObject(item) ? recordFromCsl(item, { file, line, path }, warn) : { error: 'this element is not a CSL item (an object)' };
    if ('error' in record) {
      diagnostics.push({
        severity: 'error',
        code: 'invalid-record',
        file,
        line,
        path: isObject(item) ? `${path}.title` : path,
        message: `${record.error}.`,
        hint: 'Give the item a "title" (and ideally an "abstract") and import again; it was not imported.',
      });
    } else {
      records.push(record);
    }
  });
  if (items.length === 0) {
    diagnostics.push({ severity: 'error', code: 'empty-file', file, line: 1, path: '$', message: 'this CSL-JSON file has no items.', hint: 'Export a collection that has papers in it.' });
  }
  return result;
}
