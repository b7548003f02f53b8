/**
 * Small text helpers every output shares: counted nouns and displayed days. One of each, so a
 * page, a feed, a card and a command say things the same way. (HTML is built as hast trees and
 * escaped by hast-util-to-html, never by hand: see src/core/render/hast.ts.)
 */

const pluralRules = new Intl.PluralRules('en');

/** `1 paper`, `2 papers`, `0 papers`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${pluralRules.select(count) === 'one' ? singular : pluralForm}`;
}

/** The word alone, for sentences that put the number elsewhere: `pluralWord(n, 'is', 'are')`. */
export function pluralWord(count: number, singular: string, pluralForm = `${singular}s`): string {
  return pluralRules.select(count) === 'one' ? singular : pluralForm;
}

// en-US parts give the three-letter months ("Sep"; en-GB now says "Sept"); UTC, so a day is
// the same day on every machine.
// Made on first use: the search page loads this module for plural() and never formats a day, and
// a date format with a time zone costs chromium tens of milliseconds to set up.
let dayFormat: Intl.DateTimeFormat | undefined;

/** Days formatted so far: a build formats a few thousand days over and over (list rows, cards). */
const formattedDays = new Map<string, string>();

/** `2023-08-11` -> `11 Aug 2023`. */
export function formatDay(day: string): string {
  let text = formattedDays.get(day);
  if (text === undefined) {
    dayFormat ??= new Intl.DateTimeFormat('en-US', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    const parts = Object.fromEntries(dayFormat.formatToParts(new Date(`${day}T00:00:00Z`)).map((part) => [part.type, part.value]));
    text = `${parts.day} ${parts.month} ${parts.year}`;
    formattedDays.set(day, text);
  }
  return text;
}
