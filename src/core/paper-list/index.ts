/**
 * The papers list: the rows it shows, filters (theme, year published, week added), sort orders
 * and pages. Used at build time for the pre-rendered pages and in the browser for instant
 * filtering, so both order and filter the same way. Pure: no Astro, no I/O, no DOM.
 */

/** What the list shows of a paper (`papers/list.json` holds them as columns: ListJson). */
export interface ListRow {
  slug: string;
  /** Plain text (math as readable Unicode). */
  title: string;
  /** First authors ("Tri Dao, Dan Fu and Stefano Ermon"), "7 authors" without names, '' when unknown. */
  authors: string;
  /** The year the paper is listed and filtered under (first arXiv version, else published, else a source's). */
  year: string | null;
  /** `YYYY-MM-DD`. */
  added: string;
  /** `YYYY-MM-DD`, or null when the listing gave no date. */
  published: string | null;
  /** ISO week of `added`, `2026-W48`. */
  week: string;
  upvotes: number | null;
  /** Theme slugs. */
  themes: string[];
}

/**
 * `papers/list.json`: every row, as one array per field in row order. Columns of like values
 * pack far better under gzip than an array of objects: 193 KB instead of 651 KB at 10,000
 * synthetic papers (the dates, weeks and themes of neighbouring rows repeat).
 */
export interface ListJson {
  /** Theme slug -> name. */
  themes: Record<string, string>;
  columns: { [Field in keyof ListRow]: ListRow[Field][] };
}

const LIST_FIELDS = ['slug', 'title', 'authors', 'year', 'added', 'published', 'week', 'upvotes', 'themes'] as const satisfies readonly (keyof ListRow)[];

export function toListJson(rows: readonly ListRow[], themes: Record<string, string>): ListJson {
  const columns = Object.fromEntries(LIST_FIELDS.map((field) => [field, rows.map((row) => row[field])]));
  return { themes, columns: columns as ListJson['columns'] };
}

/** The rows of a `papers/list.json`, as toListJson was given them. */
export function rowsOfListJson({ columns }: ListJson): ListRow[] {
  return columns.slug.map((slug, i) => {
    const row = { slug } as ListRow;
    for (const field of LIST_FIELDS) (row as unknown as Record<string, unknown>)[field] = columns[field][i];
    return row;
  });
}

export const SORT_KEYS = ['added', 'published', 'upvotes', 'title'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type Direction = 'asc' | 'desc';

export interface ListFilters {
  /** A theme slug, or `unthemed` (the list's "No theme"). */
  theme?: string;
  /** `ListRow.year`. */
  year?: string;
  /** `2026-W48`. */
  week?: string;
}

export interface ListState extends ListFilters {
  sort: SortKey;
  dir: Direction;
}

/** The theme filter value for papers without a theme. */
export const NO_THEME = 'unthemed';

/** Pages hold at most this many papers (at 10,000 papers a list page stays under 120 KB gzip). */
export const PAGE_SIZE = 200;

/** The default view: most recently added first. */
export const DEFAULT_STATE: ListState = { sort: 'added', dir: 'desc' };

/** The natural first direction of a sort: A-Z for titles, largest first otherwise. */
export function defaultDirection(sort: SortKey): Direction {
  return sort === 'title' ? 'asc' : 'desc';
}

/**
 * Compares rows for a sort. Unknown values (no published date, no upvote count) come last in
 * both directions; ties keep the most recently added first, then title.
 */
/**
 * `localeCompare`'s orders, with their collators made once: `localeCompare` with a locale or
 * options builds a collator per call, which made sorting the lists of 10,000 papers take seconds.
 */
const byDefaultLocale = new Intl.Collator().compare;
const byBaseLetters = new Intl.Collator('en', { sensitivity: 'base' }).compare;

export function compareRows(sort: SortKey, dir: Direction): (a: ListRow, b: ListRow) => number {
  const sign = dir === 'asc' ? 1 : -1;
  const tieBreak = (a: ListRow, b: ListRow) => byDefaultLocale(b.added, a.added) || byDefaultLocale(a.title, b.title) || byDefaultLocale(a.slug, b.slug);
  return (a, b) => {
    const x = a[sort];
    const y = b[sort];
    if (x === null || y === null) return x === y ? tieBreak(a, b) : x === null ? 1 : -1;
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : byBaseLetters(String(x), String(y));
    return sign * order || tieBreak(a, b);
  };
}

export function matchesFilters(row: ListRow, filters: ListFilters): boolean {
  if (filters.theme === NO_THEME ? row.themes.length > 0 : filters.theme && !row.themes.includes(filters.theme)) return false;
  if (filters.year && row.year !== filters.year) return false;
  if (filters.week && row.week !== filters.week) return false;
  return true;
}

/** The rows a view shows, in its order. */
export function applyState(rows: readonly ListRow[], state: ListState): ListRow[] {
  return rows.filter((row) => matchesFilters(row, state)).sort(compareRows(state.sort, state.dir));
}

/** How many rows each filter value would leave, given the other filters of `state`. */
export function filterCounts(rows: readonly ListRow[], state: ListFilters): { theme: Map<string, number>; year: Map<string, number>; week: Map<string, number> } {
  const count = (key: keyof ListFilters, valuesOf: (row: ListRow) => string[]) => {
    const counts = new Map<string, number>();
    const others = { ...state, [key]: undefined };
    for (const row of rows) {
      if (!matchesFilters(row, others)) continue;
      for (const value of valuesOf(row)) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    return counts;
  };
  return {
    theme: count('theme', (row) => (row.themes.length > 0 ? row.themes : [NO_THEME])),
    year: count('year', (row) => [row.year].filter((year): year is string => year !== null)),
    week: count('week', (row) => [row.week]),
  };
}

/** `items` cut into pages of `size` (one empty page for no items). */
export function paginate<T>(items: readonly T[], size = PAGE_SIZE): T[][] {
  if (items.length === 0) return [[]];
  const pages: T[][] = [];
  for (let start = 0; start < items.length; start += size) pages.push(items.slice(start, start + size));
  return pages;
}

const WEEK = /^\d{4}-W\d{2}$/;
const YEAR = /^\d{4}$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The view a URL's query asks for (`?theme=ssm&year=2024&sort=upvotes&dir=asc`). Values that
 * cannot be a filter or sort are ignored, so a mistyped link still shows a list.
 */
export function parseListState(search: string): ListState {
  const params = new URLSearchParams(search);
  const sortParam = params.get('sort');
  const sort = (SORT_KEYS as readonly string[]).includes(sortParam ?? '') ? (sortParam as SortKey) : DEFAULT_STATE.sort;
  const dirParam = params.get('dir');
  const dir: Direction = dirParam === 'asc' || dirParam === 'desc' ? dirParam : defaultDirection(sort);
  const state: ListState = { sort, dir };
  const theme = params.get('theme');
  const year = params.get('year');
  const week = params.get('week')?.toUpperCase();
  if (theme && SLUG.test(theme)) state.theme = theme;
  if (year && YEAR.test(year)) state.year = year;
  if (week && WEEK.test(week)) state.week = week;
  return state;
}

/** The query string of a view, '' for the default view; defaults are left out. */
export function listStateQuery(state: ListState): string {
  const params = new URLSearchParams();
  if (state.theme) params.set('theme', state.theme);
  if (state.year) params.set('year', state.year);
  if (state.week) params.set('week', state.week);
  if (state.sort !== DEFAULT_STATE.sort || state.dir !== DEFAULT_STATE.dir) {
    params.set('sort', state.sort);
    if (state.dir !== defaultDirection(state.sort)) params.set('dir', state.dir);
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}
