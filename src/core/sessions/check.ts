/**
 * Checks of a session file against the catalog: every paper slug must name a paper, and the date
 * must match the file name. Pure: the caller passes the file's text for line numbers.
 */
import type { Diagnostic } from '../diagnostics.ts';
import type { SessionFrontmatter } from './schema.ts';

/**
 * The 1-based line of the frontmatter that mentions `slug` as a whole word (a list item or
 * inline list), else the `papers:` line, else 1.
 */
export function lineOfSlug(source: string, slug: string): number {
  const lines = source.split(/\r?\n/);
  const escaped = slug.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const word = new RegExp(`(^|[\\s\\[,'"-])${escaped}($|[\\s\\],'"])`);
  const end = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
  const frontmatter = lines.slice(0, end > 0 ? end : lines.length);
  const at = frontmatter.findIndex((line) => !/^\s*#/.test(line) && word.test(line));
  if (at >= 0) return at + 1;
  const papersLine = frontmatter.findIndex((line) => /^papers\s*:/.test(line));
  return papersLine >= 0 ? papersLine + 1 : 1;
}

/** Errors for a session's unknown paper slugs and a date that is not its file name. */
export function checkSession(
  file: string,
  id: string,
  source: string,
  data: Pick<SessionFrontmatter, 'date' | 'papers'>,
  knownSlugs: ReadonlySet<string>,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = data.papers
    .filter((slug) => !knownSlugs.has(slug))
    .map((slug) => ({
      severity: 'error',
      code: 'session-unknown-paper',
      file,
      line: lineOfSlug(source, slug),
      message: `session lists the unknown paper "${slug}".`,
      hint: 'Use the file name of a paper in papers/ without .mdx (npm run session -- new checks them).',
    }));
  if (data.date !== id) {
    const line = source.split(/\r?\n/).findIndex((l) => /^date\s*:/.test(l)) + 1;
    diagnostics.push({
      severity: 'error',
      code: 'session-date-mismatch',
      file,
      line: Math.max(line, 1),
      message: `the date ${data.date} is not the file's name (${id}).`,
      hint: 'Rename the file to <date>.mdx or fix the date.',
    });
  }
  return diagnostics;
}
