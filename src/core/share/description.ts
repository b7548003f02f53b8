/**
 * The description of a page for meta tags and link unfurls (Slack, Discord, GitHub, search
 * engines): whole sentences of a clean text, as many as fit in `maxChars`, as plain Unicode
 * text (math readable, no `$`). Chat clients cut long descriptions mid-word themselves, so a
 * description ends at a sentence boundary whenever the first sentence fits.
 */
import { firstSentence } from '../digest/summary.ts';
import { toPlainText } from '../normalize/index.ts';

/** Slack shows about 300 characters of og:description, Twitter/X about 200; Google about 160. */
export const DESCRIPTION_MAX_CHARS = 240;

/**
 * Leading sentences of `clean` (clean text: `$...$` is math) whose plain-text form fits in
 * `maxChars`; when even the first sentence is longer, that sentence cut at a word boundary
 * with "…". Sentence boundaries follow `firstSentence` (abbreviations such as "e.g." and
 * numbers such as "3.5" do not end a sentence). Empty text gives an empty description.
 */
export function describe(clean: string, maxChars = DESCRIPTION_MAX_CHARS): string {
  let rest = clean.replace(/\s+/g, ' ').trim(); // as firstSentence sees it: each sentence is a prefix
  let out = '';
  while (rest) {
    const sentence = firstSentence(rest, Number.POSITIVE_INFINITY);
    if (!sentence) break;
    const next = out ? `${out} ${sentence}` : sentence;
    if (toPlainText(next).length > maxChars) return out ? toPlainText(out) : cutPlain(toPlainText(sentence), maxChars);
    out = next;
    rest = rest.slice(sentence.length).trim();
  }
  return toPlainText(out);
}

/** Plain text cut at the last word boundary before `maxChars`, ending in "…". */
function cutPlain(plain: string, maxChars: number): string {
  if (plain.length <= maxChars) return plain;
  const cut = plain.slice(0, maxChars); // room for the ellipsis: the word cut drops at least one char
  const space = cut.lastIndexOf(' ');
  const head = (space > maxChars / 2 ? cut.slice(0, space) : cut.slice(0, maxChars - 1)).replace(/[\s,;:.(\-–—]+$/u, '');
  return `${head}…`;
}
