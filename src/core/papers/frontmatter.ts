/**
 * Reading and writing paper files: `---`, YAML frontmatter, `---`, then the MDX body that
 * people own. Writing is deterministic (fixed key order, every string double-quoted on one
 * line), so the same data always gives the same bytes, and no title or abstract can end the
 * frontmatter early, become YAML syntax or reach the MDX compiler.
 */
import { parseDocument, stringify } from 'yaml';

/** Frontmatter keys in the order they are written; other keys (people's) follow in their own order. */
export const KEY_ORDER = [
  'slug',
  'title',
  'title_raw',
  'abstract',
  'abstract_raw',
  'authors',
  'published',
  'upvotes',
  'added',
  'themes',
  'themes_source',
  'aliases',
  'sources',
] as const;

export interface PaperFile {
  /** The frontmatter as YAML data (not yet validated). */
  data: Record<string, unknown>;
  /** Everything after the closing `---` line, byte for byte. */
  body: string;
}

export type ParseResult = { ok: true; file: PaperFile } | { ok: false; line: number; message: string };

const OPENING = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSING = /^---[ \t]*(?:\r?\n|$)/m;

/** Splits a paper file and parses its frontmatter; a problem comes back with its 1-based line. */
export function parsePaperFile(text: string): ParseResult {
  const open = OPENING.exec(text);
  if (!open) return { ok: false, line: 1, message: 'the file does not start with a "---" frontmatter line' };
  const rest = text.slice(open[0].length);
  const close = CLOSING.exec(rest);
  if (!close) return { ok: false, line: 1, message: 'the frontmatter has no closing "---" line' };
  const yamlText = rest.slice(0, close.index);
  const doc = parseDocument(yamlText, { prettyErrors: false });
  const problem = doc.errors[0];
  if (problem) {
    const offset = problem.pos[0];
    const line = 2 + (yamlText.slice(0, offset).match(/\n/g)?.length ?? 0);
    return { ok: false, line, message: `the frontmatter is not valid YAML (${problem.message.split('\n')[0]})` };
  }
  const data: unknown = doc.toJS();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, line: 2, message: 'the frontmatter is not a mapping of fields' };
  }
  return { ok: true, file: { data: data as Record<string, unknown>, body: rest.slice(close.index + close[0].length) } };
}

/** `data` with the known keys first, in KEY_ORDER, then the others in their existing order. */
export function orderKeys(data: Record<string, unknown>): Record<string, unknown> {
  const ordered: Record<string, unknown> = {};
  for (const key of KEY_ORDER) if (data[key] !== undefined) ordered[key] = data[key];
  for (const [key, value] of Object.entries(data)) if (!(key in ordered) && value !== undefined) ordered[key] = value;
  return ordered;
}

/** The file text for frontmatter `data` and an MDX `body` (kept byte for byte). */
export function serializePaperFile(data: Record<string, unknown>, body: string): string {
  const yaml = stringify(orderKeys(data), {
    lineWidth: 0,
    minContentWidth: 0,
    defaultStringType: 'QUOTE_DOUBLE',
    defaultKeyType: 'PLAIN',
    indentSeq: true,
  });
  return `---\n${yaml}---\n${body}`;
}
