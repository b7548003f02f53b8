/**
 * What the site's pages show about papers and themes, derived once per build from the one
 * collection load (`getPapers`) and the taxonomy: rendered title/abstract, plain text for meta
 * tags, resolved themes, search filter values.
 */
import { getPapers, type PaperEntry } from './papers.ts';
import { getThemes, type SiteTheme } from './themes.ts';
import { renderCleanText, type RenderedText } from '../core/render/math.ts';
import { toPlainText } from '../core/normalize/index.ts';
import { withLazy } from '../core/lazy.ts';
import { isoWeekOf, weekId } from '../core/digest/week.ts';
import { UNTHEMED_SLUG } from './site.ts';
import { shortAuthors } from '../core/papers/authors.ts';
import { paperYear } from '../core/papers/identity.ts';
import { pluralWord } from '../core/text.ts';
import { buildDay, loadSessions, type SessionView } from './sessions.ts';
import { discussedLine, sessionsOfPaper } from '../core/sessions/sessions.ts';

export interface PaperView {
  slug: string;
  entry: PaperEntry;
  data: PaperEntry['data'];
  title: RenderedText;
  abstract: RenderedText;
  /** Title and abstract as plain Unicode text (math as readable text). */
  titleText: string;
  abstractText: string;
  themes: SiteTheme[];
  /** ISO week of `added`, `2026-W48`: the search filter and the digest it belongs to. */
  addedWeek: string;
  /** `year` as text, for the search filter and result rows (one year everywhere a paper is listed). */
  publishedYear: string | null;
  /**
   * The paper page's author fact besides the names. Names unknown: what the listing said instead
   * (`{ label: 'Authors', value: '7' }`, `{ label: 'Organisation', value: 'Apple' }`). Names known
   * but counted differently by the listing: both counts. Otherwise null.
   */
  authors: { label: string; value: string } | null;
  /**
   * For list rows: "Tri Dao, Dan Fu and Stefano Ermon", "… et al." beyond three names; without
   * names, "7 authors" or the organisation; empty when nothing is known.
   */
  authorsShort: string;
  /** The year the paper is cited under: first arXiv version, else Hugging Face publication, else a source's year. */
  year: number | null;
  /** `authorsShort · year` for list rows and search results ("Albert Gu and Tri Dao · 2023"); may be empty. */
  byline: string;
  /** The paper's reading sessions, oldest first: "Discussed on 26 Nov 2026 (Ada)", "To be discussed on …". */
  discussed: { date: string; line: string }[];
}

export interface ThemeView extends SiteTheme {
  papers: PaperView[];
}

export interface Catalog {
  papers: PaperView[];
  bySlug: Map<string, PaperView>;
  /** Each theme with its papers, newest first. */
  themes: ThemeView[];
  /** Papers without a theme, newest first. */
  unthemed: PaperView[];
  years: string[];
  weeks: string[];
  /** Reading sessions, oldest first; their paper slugs are checked against `bySlug`. */
  sessions: SessionView[];
}

function identity(data: PaperEntry['data']): Pick<PaperView, 'authorsShort' | 'year' | 'publishedYear' | 'byline'> {
  const short = shortAuthors(data.authors) ?? '';
  const year = paperYear(data);
  return { authorsShort: short, year, publishedYear: year === null ? null : String(year), byline: [short, year].filter(Boolean).join(' · ') };
}

function authorsOf(authors: PaperEntry['data']['authors']): PaperView['authors'] {
  const named = authors.names.length;
  // A listing and arXiv can disagree (a later arXiv version added an author): both facts show.
  if (named > 0) {
    return authors.count !== null && authors.count !== named
      ? { label: 'Listed authors', value: `${authors.count} in the listing, ${named} named above` }
      : null;
  }
  if (authors.count !== null) return { label: pluralWord(authors.count, 'Author'), value: String(authors.count) };
  return authors.attribution ? { label: 'Organisation', value: authors.attribution.name } : null;
}

/** Newest first: by publication day (the added day when unknown), then title. */
function newestFirst(a: PaperView, b: PaperView): number {
  const day = (paper: PaperView) => paper.data.published ?? paper.data.added;
  return day(b).localeCompare(day(a)) || a.titleText.localeCompare(b.titleText);
}

function buildCatalog(entries: PaperEntry[], taxonomy: SiteTheme[], sessions: SessionView[], today: string): Catalog {
  if (taxonomy.some((theme) => theme.slug === UNTHEMED_SLUG)) {
    throw new Error(`themes.yaml: the slug "${UNTHEMED_SLUG}" is reserved for the page of papers without a theme`);
  }
  const themeBySlug = new Map(taxonomy.map((theme) => [theme.slug, theme]));
  const papers = entries.map((entry): PaperView => {
    const { data } = entry;
    const unknown = data.themes.filter((slug) => !themeBySlug.has(slug));
    if (unknown.length > 0) {
      throw new Error(
        `papers/${entry.id}: unknown theme ${unknown.map((s) => `"${s}"`).join(', ')}; add it to themes.yaml or fix the paper's themes`,
      );
    }
    const title = renderCleanText(data.title);
    const view = {
      slug: entry.id,
      entry,
      data,
      title,
      titleText: title.plain,
      abstractText: toPlainText(data.abstract),
      themes: data.themes.map((slug) => themeBySlug.get(slug)!),
      addedWeek: weekId(isoWeekOf(data.added)),
      authors: authorsOf(data.authors),
      ...identity(data),
      // The tense depends on the build day; the line is part of the view, so a paper page whose
      // session has passed since the last build renders again (src/lib/page-keys.ts hashes views).
      discussed: sessionsOfPaper(sessions, entry.id).map((session) => ({ date: session.date, line: discussedLine(session, today) })),
    };
    // Rendered when a page that shows it renders (only the paper's own page): rendering every
    // abstract took ~2 s of each 10,000-paper rebuild. Keys cover it by `data.abstract`.
    return withLazy(view, 'abstract', () => renderCleanText(data.abstract, { linkUrls: true }));
  });
  const themes = taxonomy.map((theme) => ({
    ...theme,
    papers: papers.filter((paper) => paper.data.themes.includes(theme.slug)).sort(newestFirst),
  }));
  const distinct = (values: (string | null)[]) =>
    [...new Set(values.filter((v): v is string => v !== null))].sort().reverse();
  return {
    papers,
    bySlug: new Map(papers.map((paper) => [paper.slug, paper])),
    themes,
    unthemed: papers.filter((paper) => paper.data.themes.length === 0).sort(newestFirst),
    years: distinct(papers.map((paper) => paper.publishedYear)),
    weeks: distinct(papers.map((paper) => paper.addedWeek)),
    sessions,
  };
}

let catalog: Promise<Catalog> | undefined;

/** The memoised catalog; papers in `getPapers` order (newest addition first). */
export function getCatalog(): Promise<Catalog> {
  catalog ??= getPapers().then(async (entries) =>
    buildCatalog(entries, getThemes(), await loadSessions(new Set(entries.map((entry) => entry.id))), buildDay()),
  );
  return catalog;
}
