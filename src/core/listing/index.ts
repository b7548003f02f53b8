/**
 * Parses a pasted Hugging Face "Daily Papers" listing (DESIGN.md §1) into records.
 *
 * Layout A: title, abstract, then a metadata block of three lines
 *   `  • 7 authors` (or an attribution such as `apple Apple`), `·`, `Aug 11, 2023 3`.
 * Layout B: title and abstract pairs only. Both may mix in one file.
 * An optional page header ("new", "Subscribe", "Daily Papers", ...) ends with the capture date
 * ("Apr 29"). A BOM, CRLF or CR line ends, trailing or leading spaces and blank lines do not
 * matter. The parser never throws: every problem becomes a diagnostic with file and line.
 */
import type { Diagnostic } from '../diagnostics.ts';
import { DATE_LIKE, isValidMonthDay, parseCaptureLine, parseDateLine, type ListingDate } from './dates.ts';

export type { ListingDate } from './dates.ts';

export interface Attribution {
  /** The Hugging Face account, e.g. `apple`. */
  handle: string;
  /** Its display name, e.g. `Apple`. */
  name: string;
}

export interface ListingRecord {
  /** The file as given to the parser. */
  file: string;
  /** 1-based line of the title. */
  line: number;
  /** The title line as pasted (surrounding whitespace removed). */
  titleRaw: string;
  /** The abstract as pasted (surrounding whitespace removed). */
  abstractRaw: string;
  /** "7 authors"; null when not shown. */
  authorCount: number | null;
  /** An organisation or submitter shown instead of a count; null when not shown. */
  attribution: Attribution | null;
  /** The published date as shown, possibly without a year; null when not shown. */
  published: ListingDate | null;
  /** Upvotes; 0 when a metadata block shows none, null when there is no metadata block (or the count was unreadable). */
  upvotes: number | null;
}

export interface ParsedListing {
  file: string;
  /** The header's capture date ("Apr 29"); null when the header has none. */
  captured: ListingDate | null;
  records: ListingRecord[];
  diagnostics: Diagnostic[];
}

/** Lines of the page chrome that may precede the records (compared case-insensitively). */
const HEADER_LINES = new Set([
  'new',
  'get trending papers in your email inbox!',
  'subscribe',
  'daily papers',
  'byak and the research community',
]);

const AUTHORS_LINE = /^[•*·-]\s*(\d+)\s+authors?$/i;
const BULLET_LINE = /^•/;
const DOT_LINE = '·';
/** A line this long, or this wordy, is an abstract, not a title (seed titles: <= 122 chars). */
const ABSTRACT_MIN_CHARS = 250;
/** Published years outside this range are typos or garbage (arXiv opened in 1991). */
export const PUBLISHED_MIN_YEAR = 1990;
export const PUBLISHED_MAX_YEAR = 2100;
const ABSTRACT_MIN_WORDS = 30;

interface Line {
  text: string;
  /** 1-based */
  number: number;
}

function looksLikeAbstract(text: string): boolean {
  return text.length >= ABSTRACT_MIN_CHARS || text.split(/\s+/).length >= ABSTRACT_MIN_WORDS;
}

/** An abstract's last sentence ends with a period (closing quotes or brackets may follow). */
const FINAL_PERIOD = /[.。][)\]"'”’»]*$/;

/**
 * A line that reads as a title, not an abstract: short, no final period. Abstracts on Daily
 * Papers are paragraphs (1,372-1,916 characters in the seeds) ending in a period.
 */
function looksLikeTitle(text: string): boolean {
  return !looksLikeAbstract(text) && !FINAL_PERIOD.test(text);
}

const CONTROL = /[\u0000-\u0008\u000e-\u001f]/g;

/**
 * A NUL, or many other C0 controls (whitespace aside), mean the file is not a text listing;
 * returns the 1-based line of the first control character then, else 0. A stray control
 * character in a pasted listing is left to the normalizer, which drops it.
 */
function binaryLine(text: string): number {
  const controls = text.match(CONTROL)?.length ?? 0;
  if (controls === 0 || (controls < 16 && !text.includes('\u0000'))) return 0;
  const first = text.search(CONTROL);
  return 1 + (text.slice(0, first).match(/\r\n|\r|\n/g)?.length ?? 0);
}

export function parseListing(text: string, file: string): ParsedListing {
  const diagnostics: Diagnostic[] = [];
  const records: ListingRecord[] = [];
  const result: ParsedListing = { file, captured: null, records, diagnostics };
  const error = (code: string, line: number, message: string, hint: string): void => {
    diagnostics.push({ severity: 'error', code, file, line, message, hint });
  };
  const warning = (line: number, message: string, hint: string): void => {
    diagnostics.push({ severity: 'warning', code: 'bad-metadata', file, line, message, hint });
  };

  const source = text.replace(/^\uFEFF/, '');
  const binaryAt = binaryLine(source);
  if (binaryAt > 0) {
    error(
      'binary-file',
      binaryAt,
      'this is not a text listing (it contains binary or undecodable bytes).',
      'Paste the Daily Papers page as plain UTF-8 text and import that file.',
    );
    return result;
  }
  const lines: Line[] = source
    .split(/\r\n|\r|\n/)
    .map((raw, i) => ({ text: raw.trim(), number: i + 1 }))
    .filter((l) => l.text !== '');
  if (lines.length === 0) {
    error('empty-file', 1, 'the file is empty.', 'Paste a Daily Papers listing into it, or leave it out of the import.');
    return result;
  }

  // Header: page chrome, ending with the capture date when there is one.
  let i = 0;
  while (i < lines.length) {
    const text = lines[i]!.text;
    if (HEADER_LINES.has(text.toLowerCase())) {
      i++;
      continue;
    }
    const captured = result.captured === null ? parseCaptureLine(text) : null;
    if (captured) {
      result.captured = captured;
      i++;
      continue;
    }
    break;
  }
  if (i >= lines.length) {
    error('no-papers', lines[lines.length - 1]!.number, 'the file has a page header but no papers.', 'Paste the listing below the header.');
    return result;
  }

  const at = (k: number): string | undefined => lines[k]?.text;
  /** A metadata block starts at k: a "• N authors" line, or any line followed by "·". */
  const metadataStartsAt = (k: number): boolean =>
    k < lines.length && (BULLET_LINE.test(at(k)!) || AUTHORS_LINE.test(at(k)!) || at(k + 1) === DOT_LINE || at(k) === DOT_LINE);

  while (i < lines.length) {
    const title = lines[i]!;
    if (metadataStartsAt(i)) {
      const end = skipMetadata(i);
      error(
        'stray-metadata',
        title.number,
        'found an author/date block where a paper title was expected.',
        'Each paper is a title line, an abstract line, then optionally its authors and date; check the lines above for a lost title or abstract.',
      );
      i = end;
      continue;
    }
    if (looksLikeAbstract(title.text)) {
      error(
        'abstract-without-title',
        title.number,
        'found a paragraph where a paper title was expected (an abstract without its title?).',
        'Put the paper title on the line before its abstract; if the paragraph continues the abstract above, join the two lines. This paragraph was not imported.',
      );
      i++;
      continue;
    }
    const next = at(i + 1);
    const afterNext = at(i + 2);
    // The next line is another title when it reads as one and what follows it is not a short
    // sentence that could be the rest of a record: the end, a title, an abstract or metadata.
    const nextIsTitle =
      next !== undefined &&
      looksLikeTitle(next) &&
      (afterNext === undefined || looksLikeTitle(afterNext) || looksLikeAbstract(afterNext) || metadataStartsAt(i + 2));
    const titleOnly =
      next === undefined ||
      metadataStartsAt(i + 1) ||
      nextIsTitle ||
      (!looksLikeAbstract(next) && afterNext !== undefined && looksLikeAbstract(afterNext));
    if (titleOnly) {
      error(
        'title-without-abstract',
        title.number,
        `the title "${clip(title.text)}" has no abstract.`,
        'Add the abstract on the line after the title; this paper was not imported.',
      );
      i = metadataStartsAt(i + 1) ? skipMetadata(i + 1) : i + 1;
      continue;
    }
    const record: ListingRecord = {
      file,
      line: title.number,
      titleRaw: title.text,
      abstractRaw: next!,
      authorCount: null,
      attribution: null,
      published: null,
      upvotes: null,
    };
    records.push(record);
    i += 2;
    if (metadataStartsAt(i)) i = readMetadata(i, record);
  }
  return result;

  /** Index just past a metadata block starting at k (without interpreting it). */
  function skipMetadata(k: number): number {
    let end = k;
    if (at(end) !== DOT_LINE) end++;
    if (at(end) === DOT_LINE) {
      end++;
      if (at(end) !== undefined && DATE_LIKE.test(at(end)!)) end++;
    }
    return end;
  }

  /** Reads the metadata block at k into `record`; returns the index just past it. */
  function readMetadata(k: number, record: ListingRecord): number {
    const first = lines[k]!;
    const bad = (line: Line, what: string): void =>
      warning(
        line.number,
        `could not read the ${what} "${clip(line.text)}" of "${clip(record.titleRaw)}".`,
        'Expected "• 7 authors" or "handle Name", then "·", then a date like "Aug 11, 2023" or "Feb 27", optionally followed by the upvote count; the paper was imported without it. Fix the line and import again to fill it in.',
      );
    record.upvotes = 0;
    let end = k;
    if (first.text !== DOT_LINE) {
      end++;
      const count = AUTHORS_LINE.exec(first.text);
      const attribution = /^(\S+)\s+(\S.*)$/.exec(first.text);
      if (count) {
        record.authorCount = Number(count[1]);
        if (record.authorCount === 0 || !Number.isSafeInteger(record.authorCount)) {
          record.authorCount = null;
          bad(first, 'author count');
        }
      } else if (!BULLET_LINE.test(first.text) && attribution) {
        record.attribution = { handle: attribution[1]!, name: attribution[2]! };
      } else if (!BULLET_LINE.test(first.text) && !/\s/.test(first.text)) {
        record.attribution = { handle: first.text, name: first.text };
      } else {
        bad(first, 'author line');
      }
    }
    if (at(end) !== DOT_LINE) {
      warning(
        first.number,
        `the author line of "${clip(record.titleRaw)}" is not followed by "·" and a date.`,
        'The paper was imported without a published date; paste the full metadata block to fill it in.',
      );
      return end;
    }
    end++;
    const dateLine = lines[end];
    // A line that is not date-like but precedes an abstract is the next title: the date was lost.
    const nextIsTitle =
      dateLine !== undefined && !DATE_LIKE.test(dateLine.text) && looksLikeAbstract(at(end + 1) ?? '');
    if (dateLine === undefined || nextIsTitle || metadataStartsAt(end)) {
      warning(
        lines[end - 1]!.number,
        `the "·" after "${clip(record.titleRaw)}" is not followed by a date.`,
        'Expected a date like "Aug 11, 2023" or "Feb 27"; the paper was imported without one.',
      );
      return end;
    }
    end++;
    const parsed = parseDateLine(dateLine.text);
    if (!parsed || !isValidMonthDay(parsed.date)) {
      bad(dateLine, 'date');
      return end;
    }
    const year = parsed.date.year;
    if (year !== null && (year < PUBLISHED_MIN_YEAR || year > PUBLISHED_MAX_YEAR)) {
      warning(
        dateLine.number,
        `the year ${year} on "${clip(dateLine.text)}" of "${clip(record.titleRaw)}" is not a plausible publication year (${PUBLISHED_MIN_YEAR}-${PUBLISHED_MAX_YEAR}).`,
        'The paper was imported without a published date; fix the year and import again to fill it in.',
      );
      return end;
    }
    record.published = parsed.date;
    record.upvotes = parsed.upvotes ?? 0;
    if (!Number.isSafeInteger(record.upvotes)) {
      record.upvotes = null;
      warning(
        dateLine.number,
        `the upvote count on "${clip(dateLine.text)}" of "${clip(record.titleRaw)}" is too large to be real.`,
        'The paper was imported without it; fix the number and import again to fill it in.',
      );
    }
    return end;
  }
}

function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
