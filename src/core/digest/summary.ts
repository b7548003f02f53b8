/**
 * The one-sentence summary of a paper: the first sentence of its clean abstract.
 *
 * Works on clean text (src/core/normalize contract): `$...$` is math and is never cut, `\$` is a
 * literal dollar. A sentence ends at `.`, `!` or `?` (plus closing quotes or brackets) followed by
 * white space and a character that can start a sentence, except after common abbreviations
 * ("e.g.", "i.e.", "et al.", "cf.", "Fig.", ...), single initials, and inside numbers ("3.5").
 */
import { splitMath } from './math.ts';

/** Abbreviations a sentence of an ML abstract does not end with (compared lower-case, without the final dot). */
const ABBREVIATIONS = new Set([
  'e.g', 'i.e', 'et al', 'al', 'etc', 'cf', 'vs', 'viz', 'a.k.a', 'aka', 'w.r.t', 'resp', 'approx',
  'fig', 'figs', 'eq', 'eqs', 'sec', 'secs', 'tab', 'no', 'nos', 'ref', 'refs', 'dr', 'mr', 'ms', 'prof',
  'st', 'jr', 'inc', 'ltd', 'co', 'corp', 'ca', 'u.s', 'e.t.c',
]);

/** Summaries longer than this are cut at a word boundary (outside math) and end in "…". */
export const SUMMARY_MAX_CHARS = 320;

const CLOSERS = `"'”’)]`;

/** Whether a sentence ends at `text[index]` (a `.`, `!` or `?`) given the plain text around it. */
function endsSentence(text: string, index: number): number | null {
  let end = index + 1;
  while (end < text.length && CLOSERS.includes(text[end]!)) end += 1;
  const rest = text.slice(end);
  const next = /^\s+(\S)/u.exec(rest);
  if (!next) return null; // no white space after it: "3.5", "arXiv.org", or the end of this piece
  const starter = next[1]!;
  // A new sentence starts with a capital, a digit, math, or an opening quote/bracket.
  if (!/[\p{Lu}\p{N}$"'“‘(\[]/u.test(starter)) return null;
  if (text[index] === '.') {
    const word = /([\p{L}.]+)$/u.exec(text.slice(0, index))?.[1] ?? '';
    const lower = word.toLowerCase();
    if (ABBREVIATIONS.has(lower)) return null;
    if (/^et\s+al$/i.test(text.slice(Math.max(0, index - 6), index).trim())) return null;
    if (/^\p{Lu}$/u.test(word)) return null; // an initial: "J. Smith"
  }
  return end;
}

/**
 * The first sentence of `text`, with its math intact. Returns the whole text when it has no
 * sentence boundary, cut at {@link SUMMARY_MAX_CHARS} on a word boundary outside math.
 */
export function firstSentence(text: string, maxChars = SUMMARY_MAX_CHARS): string {
  const source = text.replace(/\s+/g, ' ').trim();
  let offset = 0;
  let sentence: string | null = null;
  for (const segment of splitMath(source)) {
    if (segment.kind === 'text') {
      const piece = segment.source;
      for (let i = 0; i < piece.length; i += 1) {
        const ch = piece[i]!;
        if (ch !== '.' && ch !== '!' && ch !== '?') continue;
        // Look past this piece too: the next sentence may start with math.
        const end = endsSentence(source.slice(offset), i);
        if (end !== null) {
          sentence = source.slice(0, offset + end);
          break;
        }
      }
    }
    if (sentence !== null) break;
    offset += segment.source.length;
  }
  return clip((sentence ?? source).trim(), maxChars);
}

/** Cuts long text at the last space before `maxChars` that is outside math. */
function clip(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let cut = -1;
  let offset = 0;
  for (const segment of splitMath(text)) {
    if (offset >= maxChars) break;
    if (segment.kind === 'text') {
      const limit = Math.min(segment.source.length, maxChars - offset);
      const space = segment.source.lastIndexOf(' ', limit);
      if (space >= 0) cut = offset + space;
    }
    offset += segment.source.length;
  }
  if (cut <= 0) return text;
  return `${text.slice(0, cut).replace(/[\s,;:]+$/u, '')}…`;
}
