/**
 * Papers -> weekly digests: one digest per ISO week of the papers' `added` day. A digest opens
 * with its featured papers (linked from the intro, or `featured: true`), then lists every other
 * paper once, under its first theme in taxonomy order, then "Other"; it links to the
 * neighbouring weeks.
 */
import { paperSummary } from './summary.ts';
import { entriesExcept, withLazy } from '../lazy.ts';
import { compareWeeks, isoWeekOf, parseWeek, weekDays, weekId, weekSlug, type IsoWeek } from './week.ts';

/** A digest row's summary outside the featured block is cut here (a word boundary outside math): one line on a desktop page. */
export const DIGEST_LINE_MAX_CHARS = 90;
/** A featured paper's summary is cut here: about two lines. */
export const DIGEST_FEATURED_MAX_CHARS = 200;

/** What a digest needs of a paper (a subset of the paper frontmatter). */
export interface DigestPaperInput {
  readonly slug: string;
  readonly title: string;
  readonly abstract: string;
  readonly added: string;
  readonly themes: readonly string[];
  /** people: a one-line summary replacing the one chosen from the abstract. */
  readonly tldr?: string | null | undefined;
  /** people: shown in the week's "Featured" block. */
  readonly featured?: boolean | undefined;
}

export interface DigestPaper extends DigestPaperInput {
  /** The `tldr`, or the abstract's sentence stating the contribution (see `paperSummary`), math intact. */
  readonly summary: string;
  /** The paper's themes with their taxonomy names, in the paper's order. */
  readonly themeRefs: readonly ThemeRef[];
}

/** A theme as the taxonomy names it. */
export interface ThemeRef {
  readonly slug: string;
  readonly name: string;
}

export interface DigestGroup {
  /** null: papers without a theme, shown last as "Other". */
  readonly theme: ThemeRef | null;
  readonly papers: readonly DigestPaper[];
}

/** The optional human-written intro of a week (`content/digests/<YYYY>-w<WW>.mdx`). */
export interface DigestIntroRef {
  readonly title: string;
  readonly summary?: string | undefined;
  /** The intro's Markdown/MDX body: papers it links to are featured. */
  readonly body?: string | undefined;
}

/** A part of a digest page, in page order: the featured papers, each theme, "Other". */
export interface DigestSection {
  /** The fragment of the section on the digest page: `featured`, `theme-ssm`, `other`. */
  readonly anchor: string;
  readonly name: string;
  /** The theme a themed section lists (null for "Featured" and "Other"). */
  readonly theme: ThemeRef | null;
  readonly papers: readonly DigestPaper[];
}

export interface WeekDigest {
  readonly week: IsoWeek;
  /** `2026-W48` */
  readonly id: string;
  /** `2026-w48`: URL segment and intro file stem. */
  readonly slug: string;
  /** Monday and Sunday of the week, `YYYY-MM-DD`. */
  readonly start: string;
  readonly end: string;
  /** The intro's title, or a default title naming the week. */
  readonly title: string;
  readonly summary: string | null;
  readonly hasIntro: boolean;
  /** Every paper added this week, newest addition first, then by title. */
  readonly papers: readonly DigestPaper[];
  /** Papers the intro links to (in link order), then those marked `featured: true`. */
  readonly featured: readonly DigestPaper[];
  /** The papers not featured, each once: under its first theme (taxonomy order), then "other". */
  readonly groups: readonly DigestGroup[];
  /** Every theme of the week's papers, taxonomy order (feeds and cards name them). */
  readonly themes: readonly ThemeRef[];
  /** The most recent `added` day of the week's papers (the start day when it has none). */
  readonly updated: string;
  /** Slugs of the neighbouring digests (older / newer), null at the ends. */
  readonly previous: string | null;
  readonly next: string | null;
}

export const OTHER_GROUP_NAME = 'Other';
export const FEATURED_SECTION_NAME = 'Featured';

/** `Week 48, 2026`: the title of a digest without an intro. */
export function defaultDigestTitle(week: IsoWeek): string {
  return `Week ${week.week}, ${week.year}`;
}

/** `Week 48, 2026: Mamba everywhere`, or just `Week 48, 2026` without an intro: for links and feed items. */
export function digestLabel(digest: WeekDigest): string {
  const week = defaultDigestTitle(digest.week);
  return digest.hasIntro ? `${week}: ${digest.title}` : week;
}

function byAddedThenTitle(a: DigestPaperInput, b: DigestPaperInput): number {
  return b.added.localeCompare(a.added) || a.title.localeCompare(b.title) || a.slug.localeCompare(b.slug);
}

/** Themes in taxonomy order, then the ones the taxonomy does not know (yet), in order of appearance. */
function themeOrder(papers: readonly DigestPaper[], themes: readonly ThemeRef[]): ThemeRef[] {
  const present = new Set(papers.flatMap((paper) => paper.themes));
  const order = themes.filter((theme) => present.has(theme.slug));
  const known = new Set(themes.map((theme) => theme.slug));
  for (const ref of papers.flatMap((paper) => paper.themeRefs)) {
    if (!known.has(ref.slug)) {
      known.add(ref.slug);
      order.push(ref);
    }
  }
  return order;
}

/** Each paper once, under the first of its themes in `order`; papers without a theme last. */
function groupByFirstTheme(papers: readonly DigestPaper[], order: readonly ThemeRef[]): DigestGroup[] {
  const rank = new Map(order.map((theme, index) => [theme.slug, index]));
  const first = (paper: DigestPaper) => Math.min(...paper.themes.map((slug) => rank.get(slug) ?? Infinity));
  const groups: DigestGroup[] = order
    .map((theme, index) => ({ theme, papers: papers.filter((paper) => paper.themes.length > 0 && first(paper) === index) }))
    .filter((group) => group.papers.length > 0);
  const other = papers.filter((paper) => paper.themes.length === 0);
  if (other.length > 0) groups.push({ theme: null, papers: other });
  return groups;
}

/**
 * Slugs of the papers a Markdown/MDX text links to (`[ALISA](../../papers/alisa/)`, reference
 * definitions, `<a href>`), in order of first link. Only the path matters: relative or absolute.
 */
export function linkedPaperSlugs(body: string): string[] {
  const targets = [
    ...body.matchAll(/\]\(\s*<?([^)\s>]+)/g),
    ...body.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm),
    ...body.matchAll(/\bhref\s*=\s*["']([^"']+)["']/g),
  ]
    .sort((a, b) => a.index - b.index)
    .map((match) => match[1]!);
  const slugs: string[] = [];
  for (const target of targets) {
    const slug = /(?:^|\/)papers\/([a-z0-9]+(?:-[a-z0-9]+)*)\/?(?:[?#].*)?$/.exec(target)?.[1];
    if (slug && !slugs.includes(slug)) slugs.push(slug);
  }
  return slugs;
}

/** The week's featured papers: linked from the intro (in link order), then `featured: true` ones. */
function featuredPapers(papers: readonly DigestPaper[], introBody: string | undefined): DigestPaper[] {
  const bySlug = new Map(papers.map((paper) => [paper.slug, paper]));
  const linked = linkedPaperSlugs(introBody ?? '').flatMap((slug) => bySlug.get(slug) ?? []);
  return [...linked, ...papers.filter((paper) => paper.featured && !linked.includes(paper))];
}

/**
 * A digest row's summary is chosen on first read (src/core/lazy.ts): a build reads every week's
 * rows but renders few digest pages, and choosing every paper's summary took ~2 s of each rebuild
 * at 10,000 papers. It is a function of the row's abstract and tldr, so a page's cache key covers
 * it by those (`digestRowInputs`).
 */
const withLazySummary = (row: Omit<DigestPaper, 'summary'>): DigestPaper => withLazy(row, 'summary', (paper) => paperSummary(paper.abstract, paper.tldr));

/** A digest row without its summary, which is a function of the rest (its abstract and tldr); reads no summary. */
export const digestRowInputs = (row: DigestPaper): Record<string, unknown> => entriesExcept(row, ['summary']);

/**
 * All digests, newest week first. A week gets a digest when a paper was added in it or when it
 * has an intro (keyed by week slug, `2026-w48`). Intro keys that are not week slugs are ignored
 * here; the collection schema reports them.
 */
export function buildDigests(
  papers: readonly DigestPaperInput[],
  themes: readonly ThemeRef[],
  intros: ReadonlyMap<string, DigestIntroRef> = new Map(),
): WeekDigest[] {
  const names = new Map(themes.map((theme) => [theme.slug, theme]));
  const weeks = new Map<string, { week: IsoWeek; papers: DigestPaper[] }>();
  const weekFor = (week: IsoWeek) => {
    const key = weekSlug(week);
    let entry = weeks.get(key);
    if (!entry) {
      entry = { week, papers: [] };
      weeks.set(key, entry);
    }
    return entry;
  };
  for (const paper of papers) {
    const row = {
      slug: paper.slug,
      title: paper.title,
      abstract: paper.abstract,
      added: paper.added,
      themes: paper.themes,
      tldr: paper.tldr,
      featured: paper.featured,
      themeRefs: paper.themes.map((slug) => names.get(slug) ?? { slug, name: slug }),
    };
    weekFor(isoWeekOf(paper.added)).papers.push(withLazySummary(row));
  }
  for (const key of intros.keys()) {
    const week = parseWeek(key);
    if (week && weekSlug(week) === key) weekFor(week);
  }
  const ordered = [...weeks.values()].sort((a, b) => compareWeeks(b.week, a.week));
  return ordered.map(({ week, papers: members }, index) => {
    const slug = weekSlug(week);
    const intro = intros.get(slug);
    const sorted = members.sort(byAddedThenTitle);
    const { start, end } = weekDays(week);
    const featured = featuredPapers(sorted, intro?.body);
    const order = themeOrder(sorted, themes);
    return {
      week,
      id: weekId(week),
      slug,
      start,
      end,
      title: intro?.title ?? defaultDigestTitle(week),
      summary: intro?.summary ?? null,
      hasIntro: intro !== undefined,
      papers: sorted,
      featured,
      groups: groupByFirstTheme(
        sorted.filter((paper) => !featured.includes(paper)),
        order,
      ),
      themes: order,
      updated: sorted[0]?.added ?? start,
      previous: ordered[index + 1] ? weekSlug(ordered[index + 1]!.week) : null,
      next: index > 0 ? weekSlug(ordered[index - 1]!.week) : null,
    };
  });
}

/** The sections of a digest page in order: "Featured" (when any), each theme, "Other". */
export function digestSections(digest: WeekDigest): DigestSection[] {
  const sections: DigestSection[] = [];
  if (digest.featured.length > 0) {
    sections.push({ anchor: 'featured', name: FEATURED_SECTION_NAME, theme: null, papers: digest.featured });
  }
  for (const group of digest.groups) {
    sections.push({
      anchor: group.theme ? `theme-${group.theme.slug}` : 'other',
      name: group.theme?.name ?? OTHER_GROUP_NAME,
      theme: group.theme,
      papers: group.papers,
    });
  }
  return sections;
}
