/**
 * Small text helpers every output shares: HTML escaping, counted nouns and displayed days.
 * One of each, so a page, a feed, a card and a command say things the same way.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML (and XML) element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!);
}

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
const dayFormat = new Intl.DateTimeFormat('en-US', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** `2023-08-11` -> `11 Aug 2023`. */
export function formatDay(day: string): string {
  const parts = Object.fromEntries(dayFormat.formatToParts(new Date(`${day}T00:00:00Z`)).map((part) => [part.type, part.value]));
  return `${parts.day} ${parts.month} ${parts.year}`;
}
