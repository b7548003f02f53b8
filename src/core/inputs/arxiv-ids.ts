/**
 * A plain list of arXiv ids or arXiv / Hugging Face paper URLs, one per line (`#` lines and blank
 * lines ignored). The ids carry no title or abstract, so the import looks them up in arXiv
 * (scripts/lib/arxiv-client.ts, the client `npm run enrich` uses) and turns each answer into a
 * record here. Pure: `parseIdList` reads the lines, `resolveIdList` takes arXiv's answers.
 */
import type { Diagnostic } from '../diagnostics.ts';
import type { ArxivEntry } from '../arxiv/atom.ts';
import { parseArxivReference } from '../arxiv/ids.ts';
import type { ParsedInput, PaperRecord } from './record.ts';

/** An id and the 1-based line it was read from. */
export interface IdLine {
  id: string;
  line: number;
}

const LINES = /\r\n|\r|\n/;

/** Lines that carry a reference: not blank, not a `#` comment. */
export function referenceLines(text: string): Array<{ text: string; line: number }> {
  return text
    .replace(/^\uFEFF/, '')
    .split(LINES)
    .map((raw, i) => ({ text: raw.trim(), line: i + 1 }))
    .filter((l) => l.text !== '' && !l.text.startsWith('#'));
}

/** The ids of a list, in order; a line that is not an id or paper URL is an error on its line. */
export function parseIdList(text: string, file: string): ParsedInput {
  const ids: IdLine[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const { text: line, line: n } of referenceLines(text)) {
    const ref = parseArxivReference(line);
    if (ref) ids.push({ id: ref.id, line: n });
    else {
      diagnostics.push({
        severity: 'error',
        code: 'not-an-arxiv-id',
        file,
        line: n,
        message: `"${line.slice(0, 80)}" is not an arXiv id or an arxiv.org / huggingface.co/papers URL.`,
        hint: 'Write one id (2307.08691, cond-mat/0603029) or paper URL per line; the other lines were imported.',
      });
    }
  }
  return { file, format: 'arxiv-ids', captured: null, records: [], diagnostics, ids };
}

/**
 * Turns arXiv's answers into records. `answers`: id -> entry, or null when arXiv has no such
 * paper; an id missing from it was not looked up, and `unavailable` says why (offline, a failed
 * request): it gets one error line and nothing is written for it.
 */
export function resolveIdList(
  input: ParsedInput,
  answers: ReadonlyMap<string, ArxivEntry | null>,
  unavailable: (id: string) => string,
): ParsedInput {
  const records: PaperRecord[] = [];
  const diagnostics: Diagnostic[] = [...input.diagnostics];
  for (const { id, line } of input.ids ?? []) {
    const entry = answers.get(id);
    if (entry === undefined) {
      diagnostics.push({
        severity: 'error',
        code: 'arxiv-unavailable',
        file: input.file,
        line,
        message: `arXiv ${id} was not imported: ${unavailable(id)}.`,
        hint: 'An id alone has no title or abstract; import the list again when arXiv can be reached.',
      });
    } else if (entry === null) {
      diagnostics.push({
        severity: 'error',
        code: 'arxiv-id-not-found',
        file: input.file,
        line,
        message: `arXiv has no paper with the id ${id}.`,
        hint: 'Check the id against the paper\'s arXiv page; the other ids were imported.',
      });
    } else {
      records.push({
        file: input.file,
        line,
        titleRaw: entry.title,
        abstractRaw: entry.abstract,
        authorCount: null,
        attribution: null,
        published: null,
        upvotes: null,
        names: entry.authors,
        arxiv: entry.id,
        doi: entry.doi,
        primaryCategory: entry.primaryCategory,
        submitted: entry.submitted,
        year: entry.submitted === null ? null : Number(entry.submitted.slice(0, 4)),
      });
    }
  }
  return { ...input, records, diagnostics };
}
