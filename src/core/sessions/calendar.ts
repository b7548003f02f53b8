/**
 * `/sessions/calendar.ics`: the reading sessions as an iCalendar feed (RFC 5545) made with
 * ical-generator. Each event's UID comes from the session's day and the site, so a calendar app
 * that subscribed keeps updating the same events; times are the sessions' local times in the
 * configured zone (LECTERN_TIMEZONE), written as UTC instants so every client agrees.
 */
import ical from 'ical-generator';
import { absoluteUrl, sitePaths, type SiteLocation } from '../urls.ts';
import { presenterList, type SessionSummary } from './sessions.ts';

/** How long a session lasts in the calendar (a session file has a start time only). */
export const SESSION_MINUTES = 90;

/** The UTC instant of wall-clock `day` `time` (HH:MM) in `timeZone`. */
export function zonedInstant(day: string, time: string, timeZone: string): Date {
  const wall = Date.parse(`${day}T${time}:00Z`);
  const offsetAt = (instant: number) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
        .formatToParts(new Date(instant))
        .map((part) => [part.type, part.value]),
    );
    return Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!) - instant;
  };
  // Two passes settle the offset across a daylight-saving change.
  const first = wall - offsetAt(wall);
  return new Date(wall - offsetAt(first));
}

/** The stable UID of a session's event: `session-2026-11-19@lectern.example.org/reading-group`. */
export function sessionUid(date: string, location: SiteLocation): string {
  const host = new URL(location.site).host;
  return `session-${date}@${host}${location.base.replace(/\/$/, '')}`;
}

export interface CalendarSession extends SessionSummary {
  place?: string;
  /** Plain-text titles of the session's papers, in its order. */
  titles: readonly string[];
}

/** The iCalendar text of every session. */
export function sessionsCalendar(sessions: readonly CalendarSession[], location: SiteLocation, timeZone: string, name: string): string {
  const calendar = ical({
    name,
    prodId: { company: 'lectern', product: 'reading-sessions', language: 'EN' },
    url: absoluteUrl(location, sitePaths.sessions()),
    x: { 'X-WR-TIMEZONE': timeZone },
  });
  for (const session of sessions) {
    const start = zonedInstant(session.date, session.time, timeZone);
    const url = absoluteUrl(location, sitePaths.session(session.date));
    const who = presenterList(session.presenters);
    calendar.createEvent({
      id: sessionUid(session.date, location),
      start,
      end: new Date(start.getTime() + SESSION_MINUTES * 60_000),
      // Stable output: the stamp is the session's start, not the build's clock.
      stamp: start,
      summary: `Reading session: ${session.titles.join('; ')}`,
      description: [who && `Presented by ${who}.`, ...session.titles.map((title) => `- ${title}`), url].filter(Boolean).join('\n'),
      location: session.place ?? null,
      url,
    });
  }
  // RFC 5545 3.1: every content line ends with CRLF, END:VCALENDAR too. ical-generator leaves the
  // last one off, and some calendar apps then misread the final line.
  const text = calendar.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}
