import { describe, expect, it } from 'vitest';
import { dayIn, discussedLine, featuredSession, presenterList, sessionsInWeek, sessionsOfPaper, splitSessions } from '../../src/core/sessions/sessions.ts';

const session = (date: string, papers: string[] = ['a'], presenters: string[] = ['Ada'], time = '16:00') => ({ date, time, papers, presenters });
const all = [session('2026-11-19', ['a', 'b']), session('2026-12-10', ['b']), session('2026-11-26', ['c']), session('2026-12-03')];

describe('sessions', () => {
  it('lists upcoming sessions soonest first (today included), then past ones latest first', () => {
    const { upcoming, past } = splitSessions(all, '2026-12-03');
    expect(upcoming.map((s) => s.date)).toEqual(['2026-12-03', '2026-12-10']);
    expect(past.map((s) => s.date)).toEqual(['2026-11-26', '2026-11-19']);
  });
  it('features the next session, else the latest, else none', () => {
    expect(featuredSession(all, '2026-12-04')).toMatchObject({ session: { date: '2026-12-10' }, upcoming: true });
    expect(featuredSession(all, '2027-01-01')).toMatchObject({ session: { date: '2026-12-10' }, upcoming: false });
    expect(featuredSession([], '2027-01-01')).toBeNull();
  });
  it('writes the paper page line with the presenters, in the future tense for an upcoming session', () => {
    expect(discussedLine(session('2026-11-12', ['a'], ['Ada Example']), '2026-12-06')).toBe('Discussed on 12 Nov 2026 (Ada Example)');
    expect(discussedLine(session('2026-11-12', ['a'], []), '2026-11-13')).toBe('Discussed on 12 Nov 2026');
    // A session still ahead on the build day (the day itself included, as splitSessions counts it).
    expect(discussedLine(session('2026-11-12', ['a'], ['Ada Example']), '2026-11-12')).toBe('To be discussed on 12 Nov 2026 (Ada Example)');
    expect(discussedLine(session('2099-01-08', ['a'], []), '2026-12-06')).toBe('To be discussed on 8 Jan 2099');
    expect(presenterList(['Ada', 'Ben', 'Chloé'])).toBe('Ada, Ben and Chloé');
  });
  it("finds a paper's sessions and a week's sessions", () => {
    expect(sessionsOfPaper(all, 'b').map((s) => s.date)).toEqual(['2026-11-19', '2026-12-10']);
    expect(sessionsInWeek(all, '2026-W48').map((s) => s.date)).toEqual(['2026-11-26']);
    expect(sessionsInWeek(all, '2026-W47').map((s) => s.date)).toEqual(['2026-11-19']);
  });
  it('takes the build day in the configured time zone', () => {
    const now = new Date('2026-11-19T23:30:00Z');
    expect(dayIn('UTC', now)).toBe('2026-11-19');
    expect(dayIn('Europe/Berlin', now)).toBe('2026-11-20');
    expect(dayIn('America/New_York', now)).toBe('2026-11-19');
  });
});
