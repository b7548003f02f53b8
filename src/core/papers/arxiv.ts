/**
 * arXiv identifiers as people and sources write them: `2307.08691`, `2307.08691v2`,
 * `arXiv:2307.08691`, `https://arxiv.org/abs/2307.08691`, `arxiv.org/pdf/2307.08691v1.pdf`,
 * `https://huggingface.co/papers/2307.08691`, the arXiv DOI `10.48550/arXiv.2307.08691`, and
 * old-style `cond-mat/0603029` (also `math.GT/0309136`).
 */
import { ARXIV_ID_PATTERN } from './schema.ts';

const NEW_STYLE = String.raw`\d{4}\.\d{4,5}`;
const OLD_STYLE = String.raw`[a-z-]+(?:\.[A-Z]{2})?\/\d{7}`;
const ID = `(${NEW_STYLE}|${OLD_STYLE})(?:v\\d+)?`;

const BARE = new RegExp(`^(?:arxiv:\\s*)?${ID}$`, 'i');
const URL_FORMS = new RegExp(
  `^(?:https?://)?(?:www\\.|export\\.)?(?:arxiv\\.org/(?:abs|pdf|html)/|huggingface\\.co/papers/)${ID}(?:\\.pdf)?/?(?:[?#].*)?$`,
  'i',
);
const ARXIV_DOI = new RegExp(`^(?:https?://(?:dx\\.)?doi\\.org/)?10\\.48550/arxiv\\.${ID}$`, 'i');

/** The versionless arXiv id written in `text` (one of the forms above), or null. */
export function arxivIdOf(text: string): string | null {
  const trimmed = text.trim();
  const m = BARE.exec(trimmed) ?? URL_FORMS.exec(trimmed) ?? ARXIV_DOI.exec(trimmed);
  if (!m) return null;
  // Old-style archive names are lower case (`cond-mat`), subject classes upper (`math.GT`).
  const id = m[1]!.replace(/^([a-z-]+)(\.[a-z]{2})?\//i, (_, archive: string, sub = '') => `${archive.toLowerCase()}${sub.toUpperCase()}/`);
  return ARXIV_ID_PATTERN.test(id) ? id : null;
}
