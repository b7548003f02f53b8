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
  /** What is wrong, in one sentence. */
  message: string;
  /** What to do about it. */
  hint: string;
}

/** `file:line: error: message (hint)`: the form editors and terminals make clickable. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `${d.file}:${d.line}` : d.file;
  return `${where}: ${d.severity}: ${d.message} ${d.hint}`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
