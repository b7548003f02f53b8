/**
 * A problem found in an input, pointing at the file and line a person has to look at.
 * Core functions return diagnostics instead of throwing, so one bad record never hides the
 * others and a CLI can print them all (or emit them as JSON).
 */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** A stable kebab-case name of the problem, e.g. `title-without-abstract` (for tools and tests; optional). */
  code?: string;
  /** The file as the user named it (a path or a file name). */
  file: string;
  /** 1-based line; 0 when the problem concerns the whole file (e.g. it cannot be read). */
  line: number;
  /** In a JSON input: the JSONPath of the value (`$[3].paper.title`), named instead of the line. */
  path?: string;
  /** What is wrong, in one sentence. */
  message: string;
  /** What to do about it. */
  hint: string;
}

/**
 * Characters that can rewrite a terminal or reorder what it shows: C0/C1 controls (ESC starts
 * escape sequences), the bidi marks, embeddings, overrides and isolates, and the Unicode line
 * and paragraph separators.
 */
const UNSAFE_FOR_TERMINAL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/** `text` with every control and bidi character shown as its escape (`\u202e`), safe to print. */
export function visibleControls(text: string): string {
  return text.replace(UNSAFE_FOR_TERMINAL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * `file:line: error: message (hint)` (`file:$.json.path: ...` in a JSON input): the form editors
 * and terminals make clickable. Messages quote titles and paths from people's files, so controls and
 * bidi characters are made visible.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.path ? `${d.file}:${d.path}` : d.line > 0 ? `${d.file}:${d.line}` : d.file;
  return visibleControls(`${where}: ${d.severity}: ${d.message} ${d.hint}`);
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
