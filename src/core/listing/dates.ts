/**
 * Dates as a Daily Papers listing shows them: "Aug 11, 2023", or "Feb 27" without a year.
 * A yearless date means "the most recent such day" as seen from the day the page was captured.
 */

/** A date as written in a listing; `year` is null when the listing left it out. */
export interface ListingDate {
  year: number | null;
  /** 1-12 */
  month: number;
  /** 1-31 */
  day: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** `Aug 11, 2023` or `Feb 27`, optionally followed by an upvote count: `Mar 15 2`. */
const DATE_LINE = /^([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2})(?:,\s*(\d{4}))?(?:\s+(\d+))?$/;

/** A line that starts like a date ("Sep 29 ..."): a garbled date line rather than a title. */
export const DATE_LIKE = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d/i;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a date line; null when it is not one. Does not check the calendar (see `toIsoDay`). */
export function parseDateLine(line: string): { date: ListingDate; upvotes: number | null } | null {
  const m = DATE_LINE.exec(line.trim());
  if (!m) return null;
  const month = MONTHS.indexOf(m[1]!.toLowerCase()) + 1;
  if (month === 0) return null;
  return {
    date: { year: m[3] === undefined ? null : Number(m[3]), month, day: Number(m[2]) },
    upvotes: m[4] === undefined ? null : Number(m[4]),
  };
}

/** A header capture date: a month and a day, optionally a year, nothing else ("Apr 29"). */
export function parseCaptureLine(line: string): ListingDate | null {
  const parsed = parseDateLine(line);
  return parsed && parsed.upvotes === null && isValidMonthDay(parsed.date) ? parsed.date : null;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** True when the month/day exists in some year (Feb 29 counts). */
export function isValidMonthDay(date: ListingDate): boolean {
  if (date.month < 1 || date.month > 12 || date.day < 1) return false;
  return date.day <= daysInMonth(date.year ?? 2000, date.month);
}

/** `YYYY-MM-DD` of a fully specified date, or null when that day does not exist. */
function toIsoDay(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** True for a real calendar day written `YYYY-MM-DD`. */
export function isIsoDay(value: string): boolean {
  const m = ISO_DAY.exec(value);
  return m !== null && toIsoDay(Number(m[1]), Number(m[2]), Number(m[3])) === value;
}

/**
 * The calendar day of a listing date. A full date is kept as written; a yearless one becomes
 * the most recent such day not after `reference` (`YYYY-MM-DD`). Null when the day does not
 * exist (Feb 30) or `reference` is not a day.
 */
export function resolveListingDate(date: ListingDate, reference: string): string | null {
  if (date.year !== null) return toIsoDay(date.year, date.month, date.day);
  const ref = ISO_DAY.exec(reference);
  if (!ref || !isValidMonthDay(date)) return null;
  // Feb 29 may need to go back up to 8 years (1900-style century gaps included).
  for (let year = Number(ref[1]); year > Number(ref[1]) - 9; year--) {
    const iso = toIsoDay(year, date.month, date.day);
    if (iso !== null && iso <= reference) return iso;
  }
  return null;
}
