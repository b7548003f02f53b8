/**
 * What the pages show about reading sessions: upcoming and past relative to the build day, the
 * session a home page points at, the sessions that discussed a paper and those of a week.
 */
import { formatDay } from '../text.ts';
import { isoWeekOf, weekId } from '../digest/week.ts';

/** The fields the listings need; `date` is also the session's id and URL segment. */
export interface SessionSummary {
  date: string;
  time: string;
  presenters: readonly string[];
  papers: readonly string[];
}

/** The calendar day of `now` in `timeZone` (an IANA name), `YYYY-MM-DD`. */
export function dayIn(timeZone: string, now: Date): string {
  // en-CA writes days as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Upcoming sessions (today included), soonest first; then past ones, latest first. */
export function splitSessions<S extends SessionSummary>(sessions: readonly S[], today: string): { upcoming: S[]; past: S[] } {
  const byDay = (a: S, b: S) => a.date.localeCompare(b.date) || a.time.localeCompare(b.time);
  return {
    upcoming: sessions.filter((s) => s.date >= today).sort(byDay),
    past: sessions.filter((s) => s.date < today).sort((a, b) => byDay(b, a)),
  };
}

/** The home page's session: the next one, or the latest when none is upcoming; null when none exist. */
export function featuredSession<S extends SessionSummary>(sessions: readonly S[], today: string): { session: S; upcoming: boolean } | null {
  const { upcoming, past } = splitSessions(sessions, today);
  if (upcoming[0]) return { session: upcoming[0], upcoming: true };
  return past[0] ? { session: past[0], upcoming: false } : null;
}

/** "Ada Example", "Ada and Ben", "Ada, Ben and Chloé". */
export function presenterList(presenters: readonly string[]): string {
  if (presenters.length <= 1) return presenters[0] ?? '';
  return `${presenters.slice(0, -1).join(', ')} and ${presenters.at(-1)}`;
}

/**
 * A paper page's line: "Discussed on 12 Nov 2026 (Ada Example)", or "To be discussed on …" for a
 * session that is still upcoming on `today` (the build day, as `splitSessions` judges it).
 */
export function discussedLine(session: SessionSummary, today: string): string {
  const who = presenterList(session.presenters);
  const verb = session.date >= today ? 'To be discussed on' : 'Discussed on';
  return `${verb} ${formatDay(session.date)}${who ? ` (${who})` : ''}`;
}

/** The sessions that discussed `slug`, oldest first. */
export function sessionsOfPaper<S extends SessionSummary>(sessions: readonly S[], slug: string): S[] {
  return sessions.filter((s) => s.papers.includes(slug)).sort((a, b) => a.date.localeCompare(b.date));
}

/** The sessions held in an ISO week (`2026-W48`), oldest first. */
export function sessionsInWeek<S extends SessionSummary>(sessions: readonly S[], week: string): S[] {
  return sessions.filter((s) => weekId(isoWeekOf(s.date)) === week).sort((a, b) => a.date.localeCompare(b.date));
}
