/**
 * Reading JSON inputs with positions: JSON.parse gives values, not where they were, so the
 * elements of the top-level array are located by a small scanner (strings and nesting only;
 * it runs on text JSON.parse accepted).
 */
import type { Diagnostic } from '../diagnostics.ts';

export type JsonResult = { ok: true; value: unknown } | { ok: false; line: number; message: string };

/**
 * Parses JSON text (a BOM is allowed). A syntax error comes back with its 1-based line where
 * V8 says where it is (the end of the text for a truncated file; 0, the whole file, otherwise).
 */
export function parseJson(text: string): JsonResult {
  const source = text.replace(/^\uFEFF/, '');
  try {
    return { ok: true, value: JSON.parse(source) };
  } catch (error) {
    const raw = (error as Error).message;
    const at = /at position (\d+)/.exec(raw);
    const truncated = /end of JSON input/.test(raw);
    const line = at ? lineAt(source, Number(at[1])) : truncated ? lineAt(source, source.length) : 0;
    // V8 quotes the input in some messages; the file is already named.
    const message = raw.replace(/,\s*"[\s\S]*" is not valid JSON$/, '').replace(/\s*(?:in JSON )?at position \d+.*$/, '');
    return { ok: false, line, message };
  }
}

/** The error for a file that is not valid JSON, at the line the parser stopped on; `hint` says how to get a good file. */
export function invalidJsonDiagnostic(failure: { line: number; message: string }, file: string, hint: string): Diagnostic {
  return { severity: 'error', code: 'invalid-json', file, line: failure.line, message: `this is not valid JSON (${failure.message}).`, hint };
}

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * Offsets of the elements of the top-level array in `text` (valid JSON, a BOM allowed), in
 * order; [] when the top level is not an array.
 */
export function arrayElementOffsets(text: string): number[] {
  const offsets: number[] = [];
  let depth = 0;
  let inString = false;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '\uFEFF') continue;
    if (depth === 0 && c !== '[') return [];
    if (depth === 1 && expectElement && c !== ']') {
      offsets.push(i);
      expectElement = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth === 1) expectElement = true;
    } else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) break;
    } else if (c === ',' && depth === 1) expectElement = true;
  }
  return offsets;
}

/** `$[3].paper.title`: a JSONPath for messages. */
export function jsonPath(...steps: Array<string | number>): string {
  return steps.reduce<string>(
    (path, step) => (typeof step === 'number' ? `${path}[${step}]` : /^[A-Za-z_$][\w$]*$/.test(step) ? `${path}.${step}` : `${path}[${JSON.stringify(step)}]`),
    '$',
  );
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
