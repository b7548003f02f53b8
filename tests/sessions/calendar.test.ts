import { describe, expect, it } from 'vitest';
import ical from 'node-ical';
import { sessionUid, sessionsCalendar, zonedInstant } from '../../src/core/sessions/calendar.ts';

const location = { site: 'https://lectern.example.org', base: '/reading-group/' };
const sessions = [
  { date: '2026-11-19', time: '16:00', presenters: ['Ada Example'], papers: ['a', 'b'], place: 'Room 4.02', titles: ['FlashAttention', 'Mamba: linear-time, sequence; modelling'] },
  { date: '2026-07-02', time: '09:30', presenters: [], papers: ['c'], titles: ['Hydra'] },
];

describe('sessions calendar', () => {
  it('converts local session times in the configured zone, across daylight saving', () => {
    expect(zonedInstant('2026-11-19', '16:00', 'Europe/London').toISOString()).toBe('2026-11-19T16:00:00.000Z');
    expect(zonedInstant('2026-07-02', '09:30', 'Europe/London').toISOString()).toBe('2026-07-02T08:30:00.000Z');
    expect(zonedInstant('2026-03-29', '12:00', 'Europe/Berlin').toISOString()).toBe('2026-03-29T10:00:00.000Z');
    expect(zonedInstant('2026-11-19', '16:00', 'America/New_York').toISOString()).toBe('2026-11-19T21:00:00.000Z');
  });

  it('is read back by a real iCalendar parser with stable UIDs, times and the session links', () => {
    const text = sessionsCalendar(sessions, location, 'Europe/London', 'lectern reading sessions');
    const events = Object.values(ical.sync.parseICS(text)).filter((c) => c?.type === 'VEVENT') as ical.VEvent[];
    expect(events.map((e) => e.uid).sort()).toEqual(['session-2026-07-02@lectern.example.org/reading-group', 'session-2026-11-19@lectern.example.org/reading-group']);
    const nov = events.find((e) => e.uid === sessionUid('2026-11-19', location))!;
    expect(nov.start.toISOString()).toBe('2026-11-19T16:00:00.000Z');
    expect(nov.end?.toISOString()).toBe('2026-11-19T17:30:00.000Z');
    expect(nov.summary).toBe('Reading session: FlashAttention; Mamba: linear-time, sequence; modelling');
    expect(nov.location).toBe('Room 4.02');
    expect(nov.description).toContain('Presented by Ada Example.');
    // URL carries VALUE=URI, which node-ical keeps as { params, val }.
    const url = nov.url as unknown as string | { val: string };
    expect(typeof url === 'string' ? url : url.val).toBe('https://lectern.example.org/reading-group/sessions/2026-11-19/');
    const jul = events.find((e) => e.uid === sessionUid('2026-07-02', location))!;
    expect(jul.start.toISOString()).toBe('2026-07-02T08:30:00.000Z');
  });

  it('refuses an unknown LECTERN_TIMEZONE', async () => {
    const { lecternConfig } = await import('../../src/config.ts');
    expect(() => lecternConfig({ LECTERN_TIMEZONE: 'Mars/Olympus' })).toThrow(/LECTERN_TIMEZONE="Mars\/Olympus": give an IANA time zone name/);
    expect(lecternConfig({ LECTERN_TIMEZONE: 'America/New_York' }).timeZone).toBe('America/New_York');
  });

  it('ends every content line with CRLF, the last one included (RFC 5545 3.1)', () => {
    const text = sessionsCalendar(sessions, location, 'Europe/London', 'lectern reading sessions');
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('writes the same text for the same sessions (no build clock in it)', () => {
    expect(sessionsCalendar(sessions, location, 'UTC', 'x')).toBe(sessionsCalendar(sessions, location, 'UTC', 'x'));
  });
});
