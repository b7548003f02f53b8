/**
 * The Hugging Face Daily Papers API response (`GET https://huggingface.co/api/daily_papers?date=
 * YYYY-MM-DD`, saved to a file): an array of `{ paper: { id, authors: [{ name }], publishedAt,
 * title, summary, upvotes }, publishedAt, title, ... }` (shape of the real recording in
 * tests/fixtures/hf/). `paper.id` is the arXiv id, `paper.publishedAt` arXiv's first version,
 * the outer `publishedAt` the day the paper was posted to Daily Papers. arXiv's hard line breaks
 * in titles and abstracts become spaces, as on the listing page. Newer responses may carry
 * `paper.githubRepo`; no recording here has it, so it is read only when it is a string.
 * Never throws: a bad element is an error naming its `$[i].path` and line, and is skipped.
 */
import type { Diagnostic } from '../diagnostics.ts';
import { unwrap } from '../arxiv/atom.ts';
import { parseArxivReference } from '../arxiv/ids.ts';
import { isIsoDay } from '../listing/dates.ts';
import { PUBLISHED_MAX_YEAR, PUBLISHED_MIN_YEAR } from '../listing/index.ts';
import { arrayElementOffsets, invalidJsonDiagnostic, isObject, jsonPath, lineAt, parseJson } from './json.ts';
import type { ParsedInput, PaperRecord } from './record.ts';

/** `2024-10-22T17:59:30.000Z` -> `2024-10-22`; null unless it starts with a real day. */
function dayOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const day = /^(\d{4}-\d{2}-\d{2})(?:T|$)/.exec(value)?.[1];
  return day !== undefined && isIsoDay(day) ? day : null;
}

export function parseDailyPapersJson(text: string, file: string): ParsedInput {
  const diagnostics: Diagnostic[] = [];
  const records: PaperRecord[] = [];
  const result: ParsedInput = { file, format: 'hf-daily-papers', captured: null, records, diagnostics };
  const parsed = parseJson(text);
  if (!parsed.ok) {
    diagnostics.push(invalidJsonDiagnostic(parsed, file, 'Save the API response unchanged (curl -o file.json "https://huggingface.co/api/daily_papers?date=YYYY-MM-DD") and import that file.'));
    return result;
  }
  if (!Array.isArray(parsed.value)) {
    diagnostics.push({
      severity: 'error',
      code: 'invalid-json',
      file,
      line: 1,
      path: '$',
      message: 'a Daily Papers response is an array of papers, and this JSON is not an array.',
      hint: 'Save the response of https://huggingface.co/api/daily_papers?date=YYYY-MM-DD unchanged.',
    });
    return result;
  }
  const source = text.replace(/^\uFEFF/, '');
  const offsets = arrayElementOffsets(source);
  parsed.value.forEach((item: unknown, index) => {
    const line = lineAt(source, offsets[index] ?? 0);
    const problem = (severity: Diagnostic['severity'], path: string, message: string, hint: string): void => {
      diagnostics.push({ severity, code: severity === 'error' ? 'invalid-record' : 'bad-field', file, line, path, message, hint });
    };
    const paper = isObject(item) ? item['paper'] : undefined;
    if (!isObject(item) || !isObject(paper)) {
      problem('error', jsonPath(index, 'paper'), 'this element has no "paper" object.', 'Each element of a Daily Papers response is { "paper": {...}, ... }; this one was not imported.');
      return;
    }
    const rawTitle = typeof paper['title'] === 'string' ? paper['title'] : item['title'];
    const titleRaw = typeof rawTitle === 'string' ? unwrap(rawTitle) : '';
    if (!titleRaw) {
      problem('error', jsonPath(index, 'paper', 'title'), 'this paper has no title.', 'This element was not imported; save the API response unchanged.');
      return;
    }
    if (typeof paper['summary'] !== 'string') {
      problem('error', jsonPath(index, 'paper', 'summary'), `"${titleRaw.slice(0, 60)}" has no abstract ("summary").`, 'This element was not imported; save the API response unchanged.');
      return;
    }
    const names: string[] = [];
    if (Array.isArray(paper['authors'])) {
      paper['authors'].forEach((author: unknown, a) => {
        const name = isObject(author) && typeof author['name'] === 'string' ? unwrap(author['name']) : '';
        if (name) names.push(name);
        else problem('warning', jsonPath(index, 'paper', 'authors', a, 'name'), `author ${a + 1} of "${titleRaw.slice(0, 60)}" has no name.`, 'The paper was imported without that author.');
      });
    } else if (paper['authors'] !== undefined) {
      problem('warning', jsonPath(index, 'paper', 'authors'), `the authors of "${titleRaw.slice(0, 60)}" are not a list.`, 'The paper was imported without author names.');
    }
    const arxiv = typeof paper['id'] === 'string' ? (parseArxivReference(paper['id'])?.id ?? null) : null;
    if (arxiv === null) {
      problem('warning', jsonPath(index, 'paper', 'id'), `"${titleRaw.slice(0, 60)}" has no arXiv id (id: ${JSON.stringify(paper['id'] ?? null)}).`, 'The paper was imported without one; `npm run enrich` can look it up by title.');
    }
    // As in a listing: a date outside the plausible years or a count too large to be real is
    // dropped with a warning naming the field; the paper is imported without it.
    const plausibleDay = (value: unknown, path: string): string | null => {
      const day = dayOf(value);
      const year = Number(day?.slice(0, 4));
      if (day === null || (year >= PUBLISHED_MIN_YEAR && year <= PUBLISHED_MAX_YEAR)) return day;
      problem('warning', path, `the year ${year} of "${titleRaw.slice(0, 60)}" is not a plausible publication year (${PUBLISHED_MIN_YEAR}-${PUBLISHED_MAX_YEAR}).`, 'The paper was imported without that date; fix the year and import again to fill it in.');
      return null;
    };
    const published = plausibleDay(item['publishedAt'], jsonPath(index, 'publishedAt'));
    const submitted = plausibleDay(paper['publishedAt'], jsonPath(index, 'paper', 'publishedAt'));
    let upvotes: number | null = null;
    if (typeof paper['upvotes'] === 'number' && Number.isSafeInteger(paper['upvotes']) && paper['upvotes'] >= 0) upvotes = paper['upvotes'];
    else if (typeof paper['upvotes'] === 'number') {
      problem('warning', jsonPath(index, 'paper', 'upvotes'), `the upvote count ${paper['upvotes']} of "${titleRaw.slice(0, 60)}" is not a real count.`, 'The paper was imported without it.');
    }
    records.push({
      file,
      line,
      path: jsonPath(index),
      titleRaw,
      abstractRaw: unwrap(paper['summary']),
      // The listing's "N authors" is the length of this list.
      authorCount: names.length > 0 ? names.length : null,
      attribution: null,
      published: published ? { year: Number(published.slice(0, 4)), month: Number(published.slice(5, 7)), day: Number(published.slice(8, 10)) } : null,
      upvotes,
      names,
      arxiv,
      submitted,
      code: typeof paper['githubRepo'] === 'string' ? paper['githubRepo'] : null,
    });
  });
  if (parsed.value.length === 0) {
    diagnostics.push({ severity: 'error', code: 'empty-file', file, line: 1, path: '$', message: 'this Daily Papers response lists no papers.', hint: 'Check the date in the request.' });
  }
  return result;
}
