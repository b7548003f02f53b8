/**
 * ISO 8601 weeks of calendar days (`YYYY-MM-DD`), the unit of a digest.
 *
 * Week numbering comes from date-fns (getISOWeek/getISOWeekYear): the ISO week year differs from
 * the calendar year around New Year (2026-12-31 is 2026-W53, 2027-01-01 is 2026-W53 too,
 * 2021-01-03 is 2020-W53). Days are built from their components in local time and only
 * read back with local getters, so the result does not depend on the machine's time zone.
 */
// One module per function: the package's index loads all ~250 of them, and Node reads date-fns'
// 199 KB package.json exports map for each module it loads: 1.1-1.2 s of every build, against
// ~70 ms for these.
import { addDays } from 'date-fns/addDays';
import { getISOWeek } from 'date-fns/getISOWeek';
import { getISOWeekYear } from 'date-fns/getISOWeekYear';
import { getISOWeeksInYear } from 'date-fns/getISOWeeksInYear';
import { isValid } from 'date-fns/isValid';
import { setISOWeek } from 'date-fns/setISOWeek';
import { startOfISOWeek } from 'date-fns/startOfISOWeek';

export interface IsoWeek {
  /** The ISO week-numbering year (not always the calendar year of the day). */
  readonly year: number;
  /** 1..52 or 53. */
  readonly week: number;
}

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
/** `2026-W48`, `2026-w48`, `2026W48`: what people type. */
const WEEK_PATTERN = /^(\d{4})-?[Ww](\d{1,2})$/;

/** A `YYYY-MM-DD` day as a local-time Date, or null when it is not a real calendar day. */
function parseDay(day: string): Date | null {
  const match = DAY_PATTERN.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const value = new Date(year, month - 1, date, 12); // noon: immune to midnight DST jumps
  if (!isValid(value) || value.getFullYear() !== year || value.getMonth() !== month - 1 || value.getDate() !== date) {
    return null;
  }
  return value;
}

/** `YYYY-MM-DD` of a local-time Date (date-fns' `format` would load its locale machinery for this). */
function isoDay(value: Date): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(value.getFullYear(), 4)}-${pad(value.getMonth() + 1, 2)}-${pad(value.getDate(), 2)}`;
}

/** The ISO week a `YYYY-MM-DD` day belongs to. Throws on a string that is not a calendar day. */
export function isoWeekOf(day: string): IsoWeek {
  const value = parseDay(day);
  if (!value) throw new RangeError(`"${day}" is not a calendar day written YYYY-MM-DD`);
  return { year: getISOWeekYear(value), week: getISOWeek(value) };
}

/** The display id, `2026-W48`. */
export function weekId(week: IsoWeek): string {
  return `${String(week.year).padStart(4, '0')}-W${String(week.week).padStart(2, '0')}`;
}

/** The URL segment and file name stem, `2026-w48`. */
export function weekSlug(week: IsoWeek): string {
  return weekId(week).toLowerCase();
}

/**
 * Reads `2026-W48` (also `2026-w48`, `2026W48`, `2026-W8`). Returns null when the text is not
 * a week id or the year has no such week (week 53 exists only in some years).
 */
export function parseWeek(text: string): IsoWeek | null {
  const match = WEEK_PATTERN.exec(text.trim());
  if (!match) return null;
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (week < 1 || week > getISOWeeksInYear(new Date(year, 0, 4, 12))) return null;
  return { year, week };
}

/** Monday of the week. */
function mondayOf(week: IsoWeek): Date {
  // 4 January is always in ISO week 1 of its year.
  return startOfISOWeek(setISOWeek(new Date(week.year, 0, 4, 12), week.week));
}

/** First (Monday) and last (Sunday) day of the week, `YYYY-MM-DD`. */
export function weekDays(week: IsoWeek): { start: string; end: string } {
  const monday = mondayOf(week);
  return { start: isoDay(monday), end: isoDay(addDays(monday, 6)) };
}

/** The week `count` weeks later (negative: earlier). */
export function shiftWeek(week: IsoWeek, count: number): IsoWeek {
  const day = addDays(mondayOf(week), count * 7);
  return { year: getISOWeekYear(day), week: getISOWeek(day) };
}

/** Chronological order: negative when `a` is before `b`. */
export function compareWeeks(a: IsoWeek, b: IsoWeek): number {
  return a.year - b.year || a.week - b.week;
}

/** The week of a moment in time in local time, for "this week" in the CLI. */
export function isoWeekOfDate(value: Date): IsoWeek {
  return { year: getISOWeekYear(value), week: getISOWeek(value) };
}
