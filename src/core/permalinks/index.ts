/**
 * Permanent paper URLs: `/papers/<slug>/` never changes, and every slug a paper was published
 * under before (its `aliases`) keeps working as a redirect to the current URL.
 *
 * A URL segment may belong to one paper only. `findPermalinkConflicts` lists every segment that
 * two claims share (a slug twice, an alias twice, an alias equal to a slug, a paper aliasing its
 * own slug); `assertPermalinks` turns them into one error that names the files, so the build
 * stops before it writes two pages to one path.
 */

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
    `${conflicts.length} paper URL${conflicts.length === 1 ? ' is' : 's are'} claimed more than once; ` +
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

/** Throws one error listing every conflict; returns the redirects to write when there is none. */
export function assertPermalinks(papers: readonly PermalinkClaimant[]): Redirect[] {
  const conflicts = findPermalinkConflicts(papers);
  if (conflicts.length > 0) throw new Error(formatPermalinkConflicts(conflicts));
  return redirectsOf(papers);
}

/** The redirect pages of a conflict-free set of papers, sorted by `from`. */
export function redirectsOf(papers: readonly PermalinkClaimant[]): Redirect[] {
  return papers
    .flatMap((paper) => [...new Set(paper.aliases)].map((from) => ({ from, to: paper.slug })))
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}
