/**
 * One entry point for every input file: detect its format from its text, then parse it with
 * that format's reader. The file extension plays no part, so a listing saved as `.json` or an
 * export without an extension is still read for what it is.
 */
import { parseListing } from '../listing/index.ts';
import { parseArxivReference } from '../arxiv/ids.ts';
import { parseIdList, referenceLines } from './arxiv-ids.ts';
import { parseBibtex } from './bibtex.ts';
import { parseCslJson } from './csl-json.ts';
import { parseDailyPapersJson } from './hf-daily-papers.ts';
import { isObject, parseJson } from './json.ts';
import type { InputFormat, ParsedInput } from './record.ts';

export { FORMAT_NAMES, type InputFormat, type ParsedInput, type PaperRecord } from './record.ts';

/** A BibTeX entry's first line: `@article{key,` (or `@misc(`). */
const BIBTEX_ENTRY = /^@[ \t]*[A-Za-z][\w-]*[ \t]*[{(]/;

/**
 * The format of an input file's text:
 * - JSON (starts with `[` or `{` and parses, or ends with `]`/`}`): `hf-daily-papers` when an
 *   element carries a `paper` object, else `csl-json`;
 * - `bibtex` when the first line that is not blank or a `%` comment starts an `@entry{`;
 * - `arxiv-ids` when every line (blank and `#` lines aside) is one word and at least one is an
 *   arXiv id or an arXiv / Hugging Face paper URL (the others are then reported, not misread as
 *   a listing);
 * - otherwise a pasted Daily Papers `listing` (whose reader reports what it cannot read).
 */
export function detectFormat(text: string): InputFormat {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (/^[[{]/.test(trimmed)) {
    const parsed = parseJson(trimmed);
    if (parsed.ok) {
      const items: unknown[] = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
      return items.some((item) => isObject(item) && isObject(item['paper'])) ? 'hf-daily-papers' : 'csl-json';
    }
    // Broken JSON is still JSON (its reader says where it breaks); a Daily Papers one says "paper".
    if (/[\]}]$/.test(trimmed)) return /^\[\s*\{\s*"paper"\s*:/.test(trimmed) ? 'hf-daily-papers' : 'csl-json';
  }
  const lines = trimmed.split(/\r\n|\r|\n/).map((l) => l.trim());
  const firstLine = lines.find((l) => l !== '' && !l.startsWith('%'));
  if (firstLine !== undefined && BIBTEX_ENTRY.test(firstLine)) return 'bibtex';
  const idLines = referenceLines(trimmed).map((l) => l.text);
  if (idLines.every((l) => !/\s/.test(l)) && idLines.some((l) => parseArxivReference(l) !== null)) return 'arxiv-ids';
  return 'listing';
}

/** Detects the format of `text` and parses it; never throws. */
export function parseInput(text: string, file: string): ParsedInput {
  const format = detectFormat(text);
  switch (format) {
    case 'hf-daily-papers':
      return parseDailyPapersJson(text, file);
    case 'csl-json':
      return parseCslJson(text, file);
    case 'bibtex':
      return parseBibtex(text, file);
    case 'arxiv-ids':
      return parseIdList(text, file);
    case 'listing':
      return { format, ...parseListing(text, file) };
  }
}
