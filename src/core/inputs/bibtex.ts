/**
 * BibTeX/BibLaTeX exports (Zotero, Google Scholar, a group's `.bib`), read with citation-js.
 * The file is first cut into entries by brace matching so that each record knows the line of
 * its `@` and one broken entry does not hide the others (citation-js stops at the first syntax
 * error); `@string` macros apply to the entries after them, `@comment` and `@preamble` are
 * skipped. citation-js decodes LaTeX (`Nystr{\"o}m` -> Nyström) and splits names; the arXiv
 * `eprint`, `archivePrefix`/`eprinttype` and `primaryClass`, which its CSL mapping drops, are
 * read from the parsed fields. Never throws.
 */
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import type { Diagnostic } from '../diagnostics.ts';
import { isObject } from './json.ts';
import { recordFromCsl } from './csl-json.ts';
import type { ParsedInput, PaperRecord } from './record.ts';

export interface BibtexChunk {
  /** Entry type, lower case (`misc`, `string`, `comment`). */
  type: string;
  /** 1-based line of the `@`. */
  line: number;
  /** The entry's text from `@` to its closing bracket (or to where the next entry starts). */
  text: string;
  /** False when the closing bracket is missing. */
  closed: boolean;
}

const ENTRY_START = /@[ \t]*([A-Za-z][\w-]*)[ \t\r\n]*([{(])/y;
/** At a line start: the next entry begins here (ends an unclosed one). */
const NEXT_ENTRY = /[ \t]*@[ \t]*[A-Za-z][\w-]*[ \t]*[{(]/y;

/** Cuts BibTeX text into entries; text outside entries (comments) is ignored, as BibTeX does. */
export function splitBibtex(text: string): BibtexChunk[] {
  const chunks: BibtexChunk[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const advanceLines = (to: number): void => {
    for (let k = text.indexOf('\n', i); k !== -1 && k < to; k = text.indexOf('\n', k + 1)) {
      line++;
      lineStart = k + 1;
    }
    i = to;
  };
  while (i < text.length) {
    const at = text.indexOf('@', i);
    if (at === -1) break;
    advanceLines(at);
    ENTRY_START.lastIndex = at;
    const start = ENTRY_START.exec(text);
    // An `@` in a `%` comment line, or one not starting an entry, is text between entries.
    if (!start || /^[ \t]*%/.test(text.slice(lineStart, at))) {
      i = at + 1;
      continue;
    }
    const startLine = line;
    const close = start[2] === '{' ? '}' : ')';
    let depth = 0;
    let j = ENTRY_START.lastIndex;
    let closed = false;
    for (; j < text.length; j++) {
      const c = text[j];
      if (c === '{') depth++;
      else if (c === '}' && depth > 0) depth--;
      else if (c === close && depth === 0) {
        closed = true;
        break;
      } else if (c === '\n') {
        NEXT_ENTRY.lastIndex = j + 1;
        if (NEXT_ENTRY.test(text)) break;
      }
    }
    const end = closed ? j + 1 : j;
    chunks.push({ type: start[1]!.toLowerCase(), line: startLine, text: text.slice(at, end), closed });
    advanceLines(end);
  }
  return chunks;
}

type RawEntry = { type: string; label: string; properties: Record<string, unknown> };

function chain<T>(input: unknown, forceType: string, target: string): T {
  return plugins.input.chain(input, { forceType, target, generateGraph: false }) as T;
}

function lineCount(text: string): number {
  return text.split('\n').length - 1;
}

export function parseBibtex(text: string, file: string): ParsedInput {
  const diagnostics: Diagnostic[] = [];
  const records: PaperRecord[] = [];
  const result: ParsedInput = { file, format: 'bibtex', captured: null, records, diagnostics };
  const error = (line: number, message: string, hint: string): void => {
    diagnostics.push({ severity: 'error', code: 'invalid-record', file, line, message, hint });
  };
  let macros = '';
  const chunks = splitBibtex(text.replace(/^\uFEFF/, ''));
  for (const chunk of chunks) {
    if (chunk.type === 'comment' || chunk.type === 'preamble') continue;
    if (!chunk.closed) {
      error(chunk.line, `this @${chunk.type} entry is not closed.`, `Add the missing "${chunk.text[chunk.text.search(/[{(]/)] === '(' ? ')' : '}'}" at its end (or balance the braces inside it); it was not imported.`);
      continue;
    }
    if (chunk.type === 'string') {
      macros += `${chunk.text}\n`;
      continue;
    }
    const prefix = macros ? `${macros}\n` : '';
    let raw: RawEntry[];
    let items: unknown[];
    try {
      raw = chain<RawEntry[]>(prefix + chunk.text, '@biblatex/text', '@biblatex/entries+list');
      items = chain<unknown[]>(raw, '@biblatex/entries+list', '@csl/list+object');
    } catch (failure) {
      const message = String((failure as Error).message ?? failure).split('\n')[0]!;
      const at = /at line (\d+) col \d+:?$/.exec(message);
      const line = at ? chunk.line + Math.max(0, Number(at[1]) - 1 - lineCount(prefix)) : chunk.line;
      error(line, `BibTeX syntax error in this entry (${message.replace(/\s*at line \d+ col \d+:?$/, '')}).`, 'Fix the entry (a missing comma, quote or brace?) and import again; it was not imported.');
      continue;
    }
    const entry = raw[0];
    const item = items[0];
    if (!entry || !isObject(item)) {
      error(chunk.line, `this @${chunk.type} entry could not be read.`, 'Check its syntax; it was not imported.');
      continue;
    }
    const field = (name: string): string | undefined => {
      const value = entry.properties[name];
      return typeof value === 'string' ? value.replace(/[{}]/g, '').trim() : typeof value === 'number' ? String(value) : undefined;
    };
    const warn = (message: string, hint: string): void => {
      diagnostics.push({ severity: 'warning', code: 'bad-field', file, line: chunk.line, message, hint });
    };
    const record = recordFromCsl(item, { file, line: chunk.line }, warn, {
      eprint: field('eprint'),
      eprintType: field('archiveprefix') ?? field('eprinttype'),
      primaryClass: field('primaryclass'),
    });
    if ('error' in record) error(chunk.line, `${record.error} (@${chunk.type}{${entry.label}).`, 'Give it a title field and import again; it was not imported.');
    else records.push(record);
  }
  if (records.length === 0 && diagnostics.length === 0) {
    error(1, 'this BibTeX file has no entries.', 'Export the papers as BibTeX again and import that file.');
  }
  return result;
}
