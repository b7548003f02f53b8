/**
 * Which week a digest command means: `latest` (the default: the newest week with papers),
 * `previous` (the one before) or an ISO week such as `2026-W48`.
 */
import type { Diagnostic } from '../diagnostics.ts';
import type { WeekDigest } from './digest.ts';
import { parseWeek, weekId, weekSlug, type IsoWeek } from './week.ts';

export type WeekChoice = 'latest' | 'previous' | IsoWeek;

/** `--week` as typed (absent means latest); null when it is none of the three forms. */
export function parseWeekChoice(spec: string | undefined): WeekChoice | null {
  if (spec === undefined || spec === 'latest' || spec === 'previous') return spec ?? 'latest';
  return parseWeek(spec);
}

/** The digest of the chosen week, or what is wrong (naming `papersDir` and the weeks there are). */
export function chooseDigest(choice: WeekChoice, digests: readonly WeekDigest[], papersDir: string): { ok: true; digest: WeekDigest } | { ok: false; diagnostic: Diagnostic } {
  const withPapers = digests.filter((digest) => digest.papers.length > 0);
  const fail = (message: string) => ({
    ok: false as const,
    diagnostic: { severity: 'error' as const, file: papersDir, line: 0, message, hint: `Weeks with papers: ${withPapers.map((digest) => digest.id).join(', ') || 'none yet: import a listing first'}.` },
  });
  if (typeof choice === 'string') {
    const digest = withPapers[choice === 'previous' ? 1 : 0];
    return digest ? { ok: true, digest } : fail(`there is no ${choice} week with papers.`);
  }
  const digest = digests.find((candidate) => candidate.slug === weekSlug(choice));
  return digest ? { ok: true, digest } : fail(`${weekId(choice)} has no papers and no intro.`);
}
