/**
 * The reading sessions of the build (`content/sessions/<YYYY-MM-DD>.mdx`), loaded once and
 * checked against the papers when the catalog is built: an unknown paper slug fails the build
 * naming the file and line. Session logic lives in src/core/sessions.
 */
import type { CollectionEntry } from 'astro:content';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkSession } from '../core/sessions/check.ts';
import { formatDiagnostic } from '../core/diagnostics.ts';
import { dayIn } from '../core/sessions/sessions.ts';
import { lecternConfig } from '../config.ts';
import { optionalEntries } from './optional-entries.ts';
import { SESSION_FILE_PATTERN, type SessionFrontmatter } from '../core/sessions/schema.ts';

export type SessionEntry = CollectionEntry<'sessions'>;

/** A session's frontmatter with its entry (for `render()` of the notes). */
export type SessionView = SessionFrontmatter & { entry: SessionEntry };

/** All sessions, oldest first; throws one error listing every bad session. */
export async function loadSessions(knownSlugs: ReadonlySet<string>): Promise<SessionView[]> {
  const entries = await optionalEntries('sessions');
  const problems: string[] = [];
  for (const entry of entries) {
    const file = entry.filePath ?? `sessions/${entry.id}.mdx`;
    if (!SESSION_FILE_PATTERN.test(entry.id)) {
      problems.push(`${file}: a session is named after its day, <YYYY-MM-DD>.mdx (e.g. 2026-11-19.mdx); rename the file`);
      continue;
    }
    const source = entry.filePath ? readFileSync(resolve(entry.filePath), 'utf8') : '';
    problems.push(...checkSession(file, entry.id, source, entry.data, knownSlugs).map(formatDiagnostic));
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return entries.sort((a, b) => a.id.localeCompare(b.id)).map((entry) => ({ ...entry.data, entry }));
}

/**
 * The build day in the sessions' time zone (LECTERN_TIMEZONE): what "upcoming" and a theme's
 * "This week" are judged against.
 */
export function buildDay(): string {
  const { timeZone, buildTime } = lecternConfig();
  return dayIn(timeZone, buildTime);
}
