/**
 * arXiv identifiers as people write them: `2307.08691`, `2307.08691v2`, `arXiv:2307.08691`,
 * `cond-mat/0603029v1`, `math.GT/0309136`, and the URLs that carry one
 * (`arxiv.org/abs/…`, `arxiv.org/pdf/….pdf`, `huggingface.co/papers/…`). Everything here is
 * pure; `parseArxivReference` never throws.
 */
import { ARXIV_ID_PATTERN } from '../papers/schema.ts';

export interface ArxivReference {
  /** Versionless id, as the `arxiv` frontmatter field holds it. */
  id: string;
  /** The version the reference named (`v2` -> 2), or null when it named none. */
  version: number | null;
}

/**
 * New style (2007 on): YYMM.NNNN or YYMM.NNNNN. Old style: archive[.SUBJECT-CLASS]/YYMMNNN, where
 * the archive is lower-case (`hep-th`, `cond-mat`) and the subject class upper-case (`math.GT`).
 */
const ID_WITH_VERSION = /^(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v(\d{1,4}))?$/;

/** Hosts whose paths name an arXiv paper, and the path prefixes that precede the id. */
const URL_FORMS: ReadonlyArray<{ host: RegExp; prefix: RegExp }> = [
  { host: /^(?:www\.|export\.)?arxiv\.org$/, prefix: /^\/(?:abs|pdf|html|format)\// },
  { host: /^(?:www\.)?huggingface\.co$/, prefix: /^\/papers\// },
];

/** The arXiv id in one reference (an id or a URL), or null when it holds none. */
export function parseArxivReference(text: string): ArxivReference | null {
  const trimmed = text.trim();
  const bare = /^arxiv:\s*/i.test(trimmed) ? trimmed.replace(/^arxiv:\s*/i, '') : trimmed;
  const direct = parseId(bare);
  if (direct) return direct;
  return parseUrl(trimmed);
}

/** `2307.08691v2` -> { id: '2307.08691', version: 2 }; null unless the whole text is one id. */
function parseId(text: string): ArxivReference | null {
  const match = ID_WITH_VERSION.exec(text);
  if (!match || !ARXIV_ID_PATTERN.test(match[1]!)) return null;
  return { id: match[1]!, version: match[2] === undefined ? null : Number(match[2]) };
}

function parseUrl(text: string): ArxivReference | null {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const form = URL_FORMS.find((f) => f.host.test(url.hostname.toLowerCase()));
  if (!form) return null;
  const path = decodePath(url.pathname);
  if (path === null || !form.prefix.test(path)) return null;
  const rest = path.replace(form.prefix, '').replace(/\/+$/, '').replace(/\.pdf$/i, '');
  return parseId(rest);
}

function decodePath(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

/** The versionless id of an Atom entry's `<id>` (`http://arxiv.org/abs/cond-mat/0603029v1`). */
export function idOfAbsUrl(url: string): ArxivReference | null {
  return parseUrl(url.trim());
}
