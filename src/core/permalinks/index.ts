/**
 * Permanent paper URLs: `/papers/<slug>/` never changes, and every slug a paper was published
 * under before (its `aliases`) keeps working as a redirect to the current URL.
 *
 * A URL segment may belong to one paper only. `findPermalinkConflicts` lists every segment that
 * two claims share (a slug twice, an alias twice, an alias equal to a slug, a paper aliasing its
 * own slug); `assertPermalinks` turns them into one error that names the files, so the build
 * stops before it writes two pages to one path.
 */
import { plural, pluralWord } from '../text.ts';

/**
 * Names lectern's own routes use, each with what lives there. A paper slug or alias is a URL
 * segment under `/papers/` and a file name beside the feeds there (`/papers/<slug>.json`), so
 * these names are never given to a paper: the importer adds a suffix (`feed-2`), and the build
 * fails when a person sets one by hand. Top-level route names are reserved too, so no paper
 * URL reads like one of the site's sections. `tests/share/permalinks.test.ts` checks that
 * every route in `src/pages/` is listed.
 */
export const RESERVED_SEGMENTS: ReadonlyMap<string, string> = new Map([
  ['feed', '/papers/feed.json (the JSON Feed of papers)'],
  ['rss', '/papers/rss.xml (the RSS feed of papers)'],
  ['index', '/papers/ (the list of all papers, papers/index.html)'],
  ['list', '/papers/list.json (the papers list data)'],
  ['page', '/papers/page/<n>/ (the pages of the papers list)'],
  ['week', '/papers/week/<week>/ (papers added in a week)'],
  ['year', '/papers/year/<year>/ (papers published in a year)'],
  ['papers', '/papers/ (the list of all papers)'],
  ['themes', '/themes/ (the theme pages)'],
  ['unthemed', '/themes/unthemed/ (papers without a theme)'],
  ['digests', '/digests/ (the weekly digests)'],
  ['sessions', '/sessions/ (the reading sessions)'],
  ['search', '/search/ (the search page)'],
  ['og', '/og/ (the Open Graph images)'],
  ['pagefind', '/pagefind/ (the search index)'],
  ['404', '/404.html (the not-found page)'],
  ['robots', '/robots.txt'],
  ['sitemap', '/sitemap-index.xml (the sitemap)'],
  ['sitemap-index', '/sitemap-index.xml (the sitemap)'],
  ['sitemap-0', '/sitemap-0.xml (the sitemap)'],
  ['astro', '/_astro/ (scripts and styles)'],
]);

/** A paper claiming a name lectern's routes use. */
export interface ReservedClaim {
  readonly segment: string;
  readonly file: string;
  readonly as: 'slug' | 'alias';
  /** The route that owns the name. */
  readonly route: string;
}

/** Every slug or alias that is one of RESERVED_SEGMENTS, in input order. */
export function findReservedClaims(papers: readonly PermalinkClaimant[]): ReservedClaim[] {
  return papers.flatMap((paper) =>
    [
      { segment: paper.slug, as: 'slug' as const },
      ...[...new Set(paper.aliases)].map((segment) => ({ segment, as: 'alias' as const })),
    ]
      .filter(({ segment }) => RESERVED_SEGMENTS.has(segment))
      .map(({ segment, as }) => ({ segment, as, file: paper.file, route: RESERVED_SEGMENTS.get(segment)! })),
  );
}

/** What the check needs to know about a paper. */
export interface PermalinkClaimant {
  readonly slug: string;
  readonly aliases: readonly string[];
  /** Where the claim is written, e.g. `content/papers/mamba.mdx`; used in messages. */
  readonly file: string;
}

/** One URL segment claimed more than once. */
export interface PermalinkConflict {
  /** The contested segment: `/papers/<segment>/`. */
  readonly segment: string;
  /** Every claim on it, in input order. */
  readonly claims: ReadonlyArray<{ readonly file: string; readonly as: 'slug' | 'alias' }>;
}

/** A redirect page to write: `/papers/<from>/` sends the reader to `/papers/<to>/`. */
export interface Redirect {
  readonly from: string;
  readonly to: string;
}

/** Every segment claimed more than once, sorted by segment (deterministic messages). */
export function findPermalinkConflicts(papers: readonly PermalinkClaimant[]): PermalinkConflict[] {
  const claims = new Map<string, Array<{ file: string; as: 'slug' | 'alias' }>>();
  const claim = (segment: string, file: string, as: 'slug' | 'alias') => {
    const list = claims.get(segment);
    if (list) list.push({ file, as });
    else claims.set(segment, [{ file, as }]);
  };
  for (const paper of papers) {
    claim(paper.slug, paper.file, 'slug');
    // The same alias listed twice in one file is a harmless repeat, not a conflict.
    for (const alias of new Set(paper.aliases)) claim(alias, paper.file, 'alias');
  }
  return [...claims]
    .filter(([, list]) => list.length > 1)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([segment, list]) => ({ segment, claims: list }));
}

/** A readable multi-line message: what is wrong, where, and how to fix it. */
export function formatPermalinkConflicts(conflicts: readonly PermalinkConflict[]): string {
  const lines = [
    `${plural(conflicts.length, 'paper URL')} ${pluralWord(conflicts.length, 'is', 'are')} claimed more than once; ` +
      'each /papers/<segment>/ must belong to exactly one paper:',
  ];
  for (const conflict of conflicts) {
    lines.push(`  /papers/${conflict.segment}/ is claimed by:`);
    for (const c of conflict.claims) lines.push(`    - ${c.file} (as ${c.as === 'slug' ? 'its slug' : 'an alias'})`);
  }
  lines.push(
    'Fix: keep the segment in one file. Remove the alias from the other paper, or, if two files ' +
      'are the same paper, merge them and list the retired slug under `aliases` of the one you keep.',
  );
  return lines.join('\n');
}

/** A readable multi-line message naming each paper file and the route whose name it took. */
export function formatReservedClaims(claims: readonly ReservedClaim[]): string {
  return [
    `${plural(claims.length, 'paper URL')} ${pluralWord(claims.length, 'uses', 'use')} a name that lectern's own pages use:`,
    ...claims.map((c) => `  ${c.file} has ${c.as === 'slug' ? 'the slug' : 'the alias'} "${c.segment}", which belongs to ${c.route}`),
    'Fix: choose another slug (e.g. "' + `${claims[0]!.segment}-paper` + '") and rename the file to match; the importer never picks these names.',
  ].join('\n');
}

/**
 * Throws one error listing every conflict and every reserved name taken; returns the redirects
 * to write when there is none.
 */
export function assertPermalinks(papers: readonly PermalinkClaimant[]): Redirect[] {
  const conflicts = findPermalinkConflicts(papers);
  const reserved = findReservedClaims(papers);
  const messages = [
    ...(conflicts.length > 0 ? [formatPermalinkConflicts(conflicts)] : []),
    ...(reserved.length > 0 ? [formatReservedClaims(reserved)] : []),
  ];
  if (messages.length > 0) throw new Error(messages.join('\n\n'));
  return redirectsOf(papers);
}

/** The redirect pages of a conflict-free set of papers, sorted by `from`. */
export function redirectsOf(papers: readonly PermalinkClaimant[]): Redirect[] {
  return papers
    .flatMap((paper) => [...new Set(paper.aliases)].map((from) => ({ from, to: paper.slug })))
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}
