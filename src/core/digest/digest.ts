/**
 * Papers -> weekly digests: one digest per ISO week of the papers' `added` day, papers grouped
 * by theme in taxonomy order and then "other", with links to the neighbouring weeks.
 */
import { paperSummary } from './summary.ts';
import { compareWeeks, isoWeekOf, parseWeek, weekDays, weekId, weekSlug, type IsoWeek } from './week.ts';

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
  /** null: papers without a (known) theme, shown last as "Other". */
  readonly theme: ThemeRef | null;
  readonly papers: readonly DigestPaper[];
}

/** The optional human-written intro of a week (`content/digests/<YYYY>-w<WW>.mdx`). */
export interface DigestIntroRef {
  readonly title: string;
  readonly summary?: string | undefined;
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
  /** Papers by theme, taxonomy order, then "other"; a paper with two themes is in both groups. */
  readonly groups: readonly DigestGroup[];
  /** The most recent `added` day of the week's papers (the start day when it has none). */
  readonly updated: string;
  /** Slugs of the neighbouring digests (older / newer), null at the ends. */
  readonly previous: string | null;
  readonly next: string | null;
}

export const OTHER_GROUP_NAME = 'Other';

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

function groupByTheme(papers: readonly DigestPaper[], themes: readonly ThemeRef[]): DigestGroup[] {
  // Themes a paper names that the taxonomy does not know still get a group, after the known ones.
  const known = new Set(themes.map((theme) => theme.slug));
  const order: ThemeRef[] = [...themes];
  for (const ref of papers.flatMap((paper) => paper.themeRefs)) {
    if (!known.has(ref.slug)) {
      known.add(ref.slug);
      order.push(ref);
    }
  }
  const groups: DigestGroup[] = [];
  for (const theme of order) {
    const members = papers.filter((paper) => paper.themes.includes(theme.slug));
    if (members.length > 0) groups.push({ theme, papers: members });
  }
  const other = papers.filter((paper) => paper.themes.length === 0);
  if (other.length > 0) groups.push({ theme: null, papers: other });
  return groups;
}

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
    weekFor(isoWeekOf(paper.added)).papers.push({
      slug: paper.slug,
      title: paper.title,
      abstract: paper.abstract,
      added: paper.added,
      themes: paper.themes,
      tldr: paper.tldr,
      featured: paper.featured,
      summary: paperSummary(paper.abstract, paper.tldr),
      themeRefs: paper.themes.map((slug) => names.get(slug) ?? { slug, name: slug }),
    });
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
      groups: groupByTheme(sorted, themes),
      updated: sorted[0]?.added ?? start,
      previous: ordered[index + 1] ? weekSlug(ordered[index + 1]!.week) : null,
      next: index > 0 ? weekSlug(ordered[index - 1]!.week) : null,
    };
  });
}

/** Paper counts per theme for a digest, in group order ("other" last, theme null). */
export function themeCounts(digest: WeekDigest): { theme: ThemeRef | null; count: number }[] {
  return digest.groups.map((group) => ({ theme: group.theme, count: group.papers.length }));
}
