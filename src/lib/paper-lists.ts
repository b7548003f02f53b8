/**
 * The papers list's pages: every list (all papers, a published year, a week added, a theme) cut
 * into pages of at most PAGE_SIZE, and the rows `papers/list.json` gives the browser for instant
 * filtering. Routes under src/pages/papers/ and src/pages/themes/ call these.
 */
import { applyState, DEFAULT_STATE, NO_THEME, paginate, type ListFilters, type ListRow } from '../core/paper-list/index.ts';
import { getCatalog, type PaperView } from './catalog.ts';
import { listPageKey } from './page-keys.ts';
import { UNTHEMED_NAME } from './site.ts';
import { sitePaths } from '../core/urls.ts';
import { isoWeekOf, weekId } from '../core/digest/week.ts';
import { buildDay } from './sessions.ts';

/** URL segments under /papers/ that belong to list pages, so no paper may use them as its slug. */
export const LIST_SEGMENTS = ['page', 'year', 'week'] as const;

export function listRow(paper: PaperView): ListRow {
  return {
    slug: paper.slug,
    title: paper.titleText,
    authors: paper.authorsShort,
    year: paper.publishedYear,
    added: paper.data.added,
    published: paper.data.published ?? null,
    week: paper.addedWeek,
    upvotes: paper.data.upvotes ?? null,
    themes: paper.data.themes,
  };
}

/** One page of a list. */
export interface ListPage {
  papers: PaperView[];
  /** 1-based. */
  page: number;
  pageCount: number;
  /** Papers in the whole list. */
  total: number;
  /** Site path of each page of this list, by page number. */
  pagePath: (page: number) => string;
}

/**
 * The pages of a list in the default order (most recently added first). `firstPath` is page 1's
 * site path; later pages are `<firstPath>page/<n>/`.
 */
export function listPages(papers: readonly PaperView[], firstPath: string): ListPage[] {
  const bySlug = new Map(papers.map((paper) => [paper.slug, paper]));
  const ordered = applyState(papers.map(listRow), DEFAULT_STATE).map((row) => bySlug.get(row.slug)!);
  const pages = paginate(ordered);
  const pagePath = (page: number) => (page === 1 ? firstPath : `${firstPath}page/${page}/`);
  return pages.map((slice, index) => ({ papers: slice, page: index + 1, pageCount: pages.length, total: ordered.length, pagePath }));
}

/** Static paths for pages 2.. of all papers (page 1 is /papers/ itself): `{ params: { n } }`. */
export function laterPages(pages: ListPage[], title: string): Promise<{ params: { n: string }; props: { list: ListPage }; cacheKey: string }[]> {
  return Promise.all(pages.slice(1).map(async (list) => ({ params: { n: String(list.page) }, props: { list }, cacheKey: await keyOfListPage(title, '', list) })));
}

/** Fails the build when a paper's slug would take a list page's URL. */
export async function assertListSegmentsFree(): Promise<void> {
  const { bySlug } = await getCatalog();
  const taken = LIST_SEGMENTS.filter((segment) => bySlug.has(segment));
  if (taken.length > 0) {
    throw new Error(
      `papers/${taken[0]}: the slug "${taken[0]}" is the URL of the papers list's ${taken[0]} pages (/papers/${taken[0]}/); give the paper another slug`,
    );
  }
}

/** One filter of the list's filter bar: its values, each with its paper count and pre-rendered list. */
export interface FilterGroup {
  filter: keyof ListFilters;
  label: string;
  options: { value: string; label: string; count: number; path: string }[];
}

let filterGroups: Promise<FilterGroup[]> | undefined;

/** The filter bar every list page shows (theme, year, week added), counted over all papers. */
export function getFilterGroups(): Promise<FilterGroup[]> {
  filterGroups ??= getCatalog().then(({ papers, themes, unthemed, years, weeks }) => {
    const count = (values: string[]) => values.reduce((map, value) => map.set(value, (map.get(value) ?? 0) + 1), new Map<string, number>());
    const yearCount = count(papers.flatMap((paper) => (paper.publishedYear ? [paper.publishedYear] : [])));
    const weekCount = count(papers.map((paper) => paper.addedWeek));
    return [
      {
        filter: 'theme',
        label: 'Theme',
        options: [
          ...themes.map((theme) => ({ value: theme.slug, label: theme.name, count: theme.papers.length, path: sitePaths.theme(theme.slug) })),
          { value: NO_THEME, label: UNTHEMED_NAME, count: unthemed.length, path: sitePaths.theme(NO_THEME) },
        ],
      },
      { filter: 'year', label: 'Year', options: years.map((year) => ({ value: year, label: year, count: yearCount.get(year) ?? 0, path: `papers/year/${year}/` })) },
      {
        filter: 'week',
        label: 'Added in week',
        options: weeks.map((week) => ({ value: week, label: week, count: weekCount.get(week) ?? 0, path: `papers/week/${week.toLowerCase()}/` })),
      },
    ];
  });
  return filterGroups;
}

/** The ISO week of the build day (`2026-W49`): a list's papers added in it are "This week". */
export function buildWeek(): string {
  return weekId(isoWeekOf(buildDay()));
}

/** The incremental build's key of a list page: its heading, its papers, the filter bar and the build's week. */
export async function keyOfListPage(title: string, description: string, list: ListPage): Promise<string> {
  return listPageKey(title, description, list.page, list.pageCount, list.total, list.pagePath(list.page), list.papers, await getFilterGroups(), buildWeek());
}
