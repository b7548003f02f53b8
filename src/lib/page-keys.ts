/**
 * The incremental build's cache key of each page built from getStaticPaths (src/core/build):
 * a hash of every value the page renders, so a page renders again exactly when its data
 * changed, and is reused byte for byte otherwise. Template changes are Astro's business (it
 * hashes each route's module graph); these keys cover the data.
 *
 * Whole views are hashed rather than hand-picked fields: a field someone adds to a page later
 * is then covered without touching this file. A view's entry is reduced to its data and notes.
 *
 * A paper is shown on a dozen pages (its own, five papers' related lists, its list pages), and
 * the filter bar on every list page: each view and each shared value is hashed once per build
 * (`keyOnce`), and pages hash those hashes. Hashing every page's whole views instead took 40%
 * of a warm build's page phase.
 */
import { cacheKeyOf } from '../core/build/cache-key.ts';
import { entriesExcept } from '../core/lazy.ts';
import type { Citation } from '../core/cite/index.ts';
import { digestLabel, digestRowInputs, type WeekDigest } from '../core/digest/digest.ts';
import type { PaperView } from './catalog.ts';
import type { DigestEntry } from './digests.ts';

/**
 * A paper view as data: everything but the entry object, whose data and notes are kept, and the
 * rendered abstract, a function of `data.abstract` rendered only for the pages that show it
 * (src/lib/catalog.ts).
 */
function paperData(view: PaperView) {
  return { ...entriesExcept(view, ['entry', 'abstract']), notes: view.entry.body ?? null };
}

/**
 * A key function that hashes each value once: the build's views, digests and filter bar are
 * memoised objects that do not change during a build (src/lib/catalog.ts, digests.ts).
 */
function keyOnce<T extends object>(data: (value: T) => unknown): (value: T) => string {
  const keys = new WeakMap<T, string>();
  return (value) => {
    let key = keys.get(value);
    if (key === undefined) {
      key = cacheKeyOf(data(value));
      keys.set(value, key);
    }
    return key;
  };
}

const paperKey = keyOnce(paperData);
const sharedKey = keyOnce((value: object) => value);

/** `/papers/<slug>/`: the paper, its themes, its citation, and the related papers it lists. */
export function paperPageKey(paper: PaperView, citation: Citation | undefined, related: readonly PaperView[]): string {
  return cacheKeyOf('paper', paperKey(paper), citation, related.map(paperKey));
}

/**
 * A page of a papers list (`/papers/`, `/papers/year/<y>/`, `/papers/week/<w>/`, `/themes/<slug>/`
 * and their later pages): heading, page position, the papers it lists, its filter bar and the
 * build's week (which week's group is "This week").
 */
export function listPageKey(title: string, description: string, page: number, pageCount: number, total: number, path: string, papers: readonly PaperView[], filters: object, buildWeek: string): string {
  return cacheKeyOf('list', title, description, page, pageCount, total, path, papers.map(paperKey), sharedKey(filters), buildWeek);
}

/**
 * A digest as data, its rows without their summaries: each is a function of the row's abstract and
 * tldr, hashed instead, so keying every digest chooses no summary (src/core/digest/digest.ts).
 */
const digestKey = keyOnce((digest: WeekDigest) => ({
  ...digest,
  papers: digest.papers.map(digestRowInputs),
  featured: digest.featured.map(digestRowInputs),
  groups: digest.groups.map((group) => ({ ...group, papers: group.papers.map(digestRowInputs) })),
}));

/**
 * `/digests/<week>/`: the digest (papers, summaries, groups), its intro, the views of its papers,
 * the neighbouring digests as its navigation shows them (link and label: not their papers, or a
 * week's digest would render again whenever the week after its neighbour was added) and the
 * week's reading sessions (their frontmatter).
 */
export function digestPageKey(
  digest: WeekDigest,
  intro: DigestEntry | undefined,
  papers: readonly (PaperView | undefined)[],
  neighbours: readonly (WeekDigest | undefined)[],
  sessions: readonly unknown[],
): string {
  const introData = intro && { data: intro.data, body: intro.body ?? null };
  return cacheKeyOf('digest', digestKey(digest), introData, papers.map((p) => p && paperKey(p)), neighbours.map((n) => n && [n.slug, digestLabel(n)]), sessions);
}

const citationKey = keyOnce((citation: Citation) => citation);

/** `/digests/<week>.<format>`, `/themes/<theme>.<format>`: the format and the citations the file lists. */
export function citationFileKey(format: string, citations: readonly Citation[]): string {
  return cacheKeyOf('citation-file', format, citations.map(citationKey));
}

/** `/papers/<alias>/`: the redirect's target and the title it names. */
export function redirectPageKey(to: string, title: string): string {
  return cacheKeyOf('redirect', to, title);
}
