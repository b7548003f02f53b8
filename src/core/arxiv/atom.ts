/**
 * arXiv API responses (Atom 1.0) -> entries. Handles both layouts arXiv has served: the old one
 * (opensearch/arxiv namespaces declared on each element, `<title type="html">`, summaries with
 * hard line breaks) and the current one (namespaces on `<feed>`, single-line summaries), the
 * zero-result feed, and the error feed arXiv sends with HTTP 400 (one entry whose id is
 * `https://arxiv.org/api/errors#…`). Pure, and never throws: any other input is `malformed`.
 */
import sax from 'sax';
import { idOfAbsUrl } from './ids.ts';

const ATOM = 'http://www.w3.org/2005/Atom';
const ARXIV = 'http://arxiv.org/schemas/atom';
const OPENSEARCH = 'http://a9.com/-/spec/opensearch/1.1/';
const DOI = /^10\.\d{4,9}\/\S+$/;

export interface ArxivEntry {
  /** Versionless id: `2104.12255`, `cond-mat/0603029`. */
  id: string;
  /** The version this entry describes (the latest), null when the id carried none. */
  version: number | null;
  /** Title with arXiv's hard line breaks unwrapped and runs of spaces collapsed. */
  title: string;
  /** Abstract, unwrapped the same way. */
  abstract: string;
  /** Author names in order, as arXiv lists them. */
  authors: string[];
  /** Day (UTC) the first version was submitted: the entry's `<published>`. */
  submitted: string | null;
  /** arXiv's primary category, e.g. `cs.LG`. */
  primaryCategory: string | null;
  /** The DOI the authors gave, when there is one. */
  doi: string | null;
}

export type ArxivFeed =
  | {
      kind: 'results';
      /** `opensearch:totalResults`: matches in all, not only on this page. */
      totalResults: number | null;
      entries: ArxivEntry[];
      /** Entries left out because their `<id>` is not an arXiv abstract URL. */
      unreadable: number;
    }
  /** arXiv's error feed, e.g. "incorrect id format for abc". */
  | { kind: 'api-error'; message: string }
  /** Not an Atom feed, or not well-formed XML (e.g. a truncated body). */
  | { kind: 'malformed'; message: string };

interface EntryDraft {
  id: string;
  title: string;
  summary: string;
  authors: string[];
  published: string;
  primaryCategory: string | null;
  doi: string;
}

/** Collapses every run of whitespace (arXiv's hard line breaks included) to one space. */
export function unwrap(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function parseArxivFeed(xml: string): ArxivFeed {
  const parser = sax.parser(true, { xmlns: true, trim: false, normalize: false });
  const path: Array<{ uri: string; local: string }> = [];
  const entries: EntryDraft[] = [];
  let entry: EntryDraft | null = null;
  let authorName: string | null = null;
  let text = '';
  let totalResults: number | null = null;
  let rootSeen = false;
  let notAtom: string | null = null;

  parser.onerror = (error) => {
    throw error;
  };
  parser.onopentag = (node) => {
    const tag = node as sax.QualifiedTag;
    if (!rootSeen) {
      rootSeen = true;
      if (tag.uri !== ATOM || tag.local !== 'feed') notAtom = `the root element is <${tag.name}>, not an Atom <feed>`;
    }
    path.push({ uri: tag.uri, local: tag.local });
    text = '';
    if (tag.uri === ATOM && tag.local === 'entry' && path.length === 2) {
      entry = { id: '', title: '', summary: '', authors: [], published: '', primaryCategory: null, doi: '' };
    } else if (entry && tag.uri === ATOM && tag.local === 'author') {
      authorName = '';
    } else if (entry && tag.uri === ARXIV && tag.local === 'primary_category') {
      entry.primaryCategory ??= unwrap(tag.attributes['term']?.value ?? '') || null;
    }
  };
  const onText = (chunk: string): void => {
    text += chunk;
  };
  parser.ontext = onText;
  parser.oncdata = onText;
  parser.onclosetag = () => {
    const closed = path.pop()!;
    const value = text;
    text = '';
    const parent = path[path.length - 1];
    if (closed.uri === OPENSEARCH && closed.local === 'totalResults' && path.length === 1) {
      const n = Number.parseInt(value.trim(), 10);
      totalResults = Number.isFinite(n) ? n : null;
    }
    if (!entry) return;
    if (closed.uri === ATOM && closed.local === 'entry' && path.length === 1) {
      entries.push(entry);
      entry = null;
      return;
    }
    const inEntry = parent?.uri === ATOM && parent.local === 'entry';
    if (closed.uri === ATOM && closed.local === 'name' && authorName !== null) authorName += value;
    else if (closed.uri === ATOM && closed.local === 'author' && authorName !== null) {
      const name = unwrap(authorName);
      if (name) entry.authors.push(name);
      authorName = null;
    } else if (inEntry && closed.uri === ATOM) {
      if (closed.local === 'id') entry.id = value;
      else if (closed.local === 'title') entry.title = value;
      else if (closed.local === 'summary') entry.summary = value;
      else if (closed.local === 'published') entry.published = value;
    } else if (inEntry && closed.uri === ARXIV && closed.local === 'doi') entry.doi = value;
  };

  try {
    parser.write(xml).close();
  } catch (error) {
    return { kind: 'malformed', message: `not well-formed XML (${firstLine((error as Error).message)})` };
  }
  if (!rootSeen) return { kind: 'malformed', message: 'the response holds no XML element' };
  if (notAtom) return { kind: 'malformed', message: notAtom };

  const apiError = entries.find((e) => /^https?:\/\/arxiv\.org\/api\/errors\b/.test(e.id.trim()));
  if (apiError) return { kind: 'api-error', message: unwrap(apiError.summary) || unwrap(apiError.title) || 'arXiv reported an error' };

  const read: ArxivEntry[] = [];
  for (const draft of entries) {
    const ref = idOfAbsUrl(draft.id);
    if (!ref) continue;
    read.push({
      id: ref.id,
      version: ref.version,
      title: unwrap(draft.title),
      abstract: unwrap(draft.summary),
      authors: draft.authors,
      submitted: utcDay(draft.published),
      primaryCategory: draft.primaryCategory,
      doi: firstDoi(draft.doi),
    });
  }
  return { kind: 'results', totalResults, entries: read, unreadable: entries.length - read.length };
}

/** `2006-03-02T02:22:45Z` -> `2006-03-02` (the UTC day arXiv shows as "Submitted on"). */
function utcDay(timestamp: string): string | null {
  const trimmed = timestamp.trim();
  if (!/^\d{4}-\d{2}-\d{2}T/.test(trimmed)) return null;
  const time = Date.parse(trimmed);
  return Number.isNaN(time) ? null : new Date(time).toISOString().slice(0, 10);
}

/** arXiv's DOI field can hold several DOIs separated by spaces; the first is the paper's. */
function firstDoi(text: string): string | null {
  return text.split(/\s+/).find((token) => DOI.test(token)) ?? null;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}
