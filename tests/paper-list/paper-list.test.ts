/** The papers list's filters, sort orders, pages and URL state (src/core/paper-list). */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  applyState,
  compareRows,
  filterCounts,
  listStateQuery,
  NO_THEME,
  PAGE_SIZE,
  paginate,
  parseListState,
  rowsOfListJson,
  SORT_KEYS,
  toListJson,
  type ListRow,
  type ListState,
} from '../../src/core/paper-list/index.ts';

const row = (slug: string, over: Partial<ListRow> = {}): ListRow => ({
  slug,
  title: slug,
  authors: '',
  year: over.published === null ? null : (over.published ?? '2024-01-01').slice(0, 4),
  added: '2026-11-24',
  published: '2024-01-01',
  week: '2026-W48',
  upvotes: 1,
  themes: [],
  ...over,
});

const rows = [
  row('a', { published: '2023-05-01', upvotes: 5, themes: ['ssm'] }),
  row('b', { published: null, upvotes: null, themes: ['moe', 'ssm'], added: '2026-11-17', week: '2026-W47' }),
  row('c', { published: '2025-02-02', upvotes: 0 }),
  row('d', { published: '2024-07-07', upvotes: 12, themes: ['moe'], added: '2026-11-17', week: '2026-W47' }),
];
const slugs = (state: ListState) => applyState(rows, state).map((r) => r.slug);

describe('sorting', () => {
  test('unknown published dates and upvote counts come last in both directions', () => {
    expect(slugs({ sort: 'published', dir: 'desc' })).toEqual(['c', 'd', 'a', 'b']);
    expect(slugs({ sort: 'published', dir: 'asc' })).toEqual(['a', 'd', 'c', 'b']);
    expect(slugs({ sort: 'upvotes', dir: 'desc' })).toEqual(['d', 'a', 'c', 'b']);
    expect(slugs({ sort: 'upvotes', dir: 'asc' })).toEqual(['c', 'a', 'd', 'b']);
  });

  test('the default view is most recently added first; ties by title', () => {
    expect(slugs({ sort: 'added', dir: 'desc' })).toEqual(['a', 'c', 'b', 'd']);
  });

  test('property: in every sort and direction, rows without the value are all at the end', () => {
    const arbRow = fc.record({
      slug: fc.string(),
      title: fc.string(),
      authors: fc.constant(''),
      year: fc.constant(null),
      added: fc.constantFrom('2026-11-24', '2026-11-17'),
      published: fc.option(fc.constantFrom('2020-01-01', '2023-06-01', '2025-12-31')),
      week: fc.constant('2026-W48'),
      upvotes: fc.option(fc.nat(50)),
      themes: fc.constant([] as string[]),
    });
    fc.assert(
      fc.property(fc.array(arbRow), fc.constantFrom(...SORT_KEYS), fc.constantFrom('asc' as const, 'desc' as const), (list, sort, dir) => {
        const sorted = [...list].sort(compareRows(sort, dir));
        const firstUnknown = sorted.findIndex((r) => r[sort] === null);
        if (firstUnknown >= 0) expect(sorted.slice(firstUnknown).every((r) => r[sort] === null)).toBe(true);
      }),
    );
  });
});

describe('papers/list.json', () => {
  test('property: the columns give back exactly the rows, in order', () => {
    const arbRow = fc.record({
      slug: fc.string(),
      title: fc.string(),
      authors: fc.string(),
      year: fc.option(fc.string()),
      added: fc.string(),
      published: fc.option(fc.string()),
      week: fc.string(),
      upvotes: fc.option(fc.integer()),
      themes: fc.array(fc.string()),
    });
    fc.assert(
      fc.property(fc.array(arbRow), fc.dictionary(fc.string(), fc.string()), (rows, themes) => {
        const json = JSON.parse(JSON.stringify(toListJson(rows, themes)));
        expect(rowsOfListJson(json)).toEqual(rows);
        expect(json.themes).toEqual(themes);
      }),
    );
  });
});

describe('filters', () => {
  test('theme, year and week combine; "unthemed" is the papers without a theme', () => {
    expect(slugs({ sort: 'added', dir: 'desc', theme: 'ssm' })).toEqual(['a', 'b']);
    expect(slugs({ sort: 'added', dir: 'desc', theme: 'moe', week: '2026-W47' })).toEqual(['b', 'd']);
    expect(slugs({ sort: 'added', dir: 'desc', theme: 'moe', year: '2024' })).toEqual(['d']);
    expect(slugs({ sort: 'added', dir: 'desc', theme: NO_THEME })).toEqual(['c']);
  });

  test('counts say how many papers each value leaves, given the other filters', () => {
    const counts = filterCounts(rows, { theme: 'moe' });
    expect(Object.fromEntries(counts.year)).toEqual({ '2024': 1 });
    expect(Object.fromEntries(counts.week)).toEqual({ '2026-W47': 2 });
    // The theme counts ignore the theme filter itself: they are the other choices.
    expect(Object.fromEntries(counts.theme)).toEqual({ ssm: 2, moe: 2, [NO_THEME]: 1 });
  });
});

test(`pages hold at most ${PAGE_SIZE} papers and keep every paper once, in order`, () => {
  fc.assert(
    fc.property(fc.nat(1000), (n) => {
      const items = Array.from({ length: n }, (_, i) => i);
      const pages = paginate(items);
      expect(pages.every((page) => page.length <= PAGE_SIZE)).toBe(true);
      expect(pages.flat()).toEqual(items);
      expect(pages.length).toBe(Math.max(1, Math.ceil(n / PAGE_SIZE)));
    }),
  );
});

describe('URL state', () => {
  test('a view round-trips through its query string; defaults are left out', () => {
    const views: ListState[] = [
      { sort: 'added', dir: 'desc' },
      { sort: 'upvotes', dir: 'desc', theme: 'ssm', year: '2024' },
      { sort: 'title', dir: 'desc', week: '2026-W48' },
      { sort: 'published', dir: 'asc', theme: NO_THEME },
    ];
    for (const view of views) expect(parseListState(listStateQuery(view))).toEqual(view);
    expect(listStateQuery({ sort: 'added', dir: 'desc' })).toBe('');
    expect(listStateQuery({ sort: 'upvotes', dir: 'desc', theme: 'ssm' })).toBe('?theme=ssm&sort=upvotes');
  });

  test('values that cannot be a filter or sort are ignored', () => {
    expect(parseListState('?sort=nonsense&dir=sideways&year=20x4&week=w48&theme=<b>')).toEqual({ sort: 'added', dir: 'desc' });
    expect(parseListState('?week=2026-w48&sort=title')).toEqual({ sort: 'title', dir: 'asc', week: '2026-W48' });
  });
});
