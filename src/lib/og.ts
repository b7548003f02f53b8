/**
 * Open Graph images of pages: which card each page gets and where its PNG lives. The list of
 * all cards is in ./og-jobs.ts.
 */
import type { OgCard } from '../core/og/card.ts';
import { OG_HEIGHT, OG_WIDTH, cardAuthors } from '../core/og/card.ts';
import type { WeekDigest } from '../core/digest/digest.ts';
import { toPlainText } from '../core/normalize/index.ts';
import { formatDay, plural } from '../core/text.ts';
import { SITE_DESCRIPTION, SITE_NAME } from './site.ts';
import { getThemes } from './themes.ts';
import type { PaperView } from './catalog.ts';

/** What Base.astro's `ogImage` prop takes. */
export interface OgImageMeta {
  /** Site path of the PNG (Base resolves it against the site URL and base path). */
  url: string;
  width: number;
  height: number;
  alt: string;
}

/** Site path of a card image: `og/papers/<slug>.png`. */
export const ogImagePath = (kind: 'papers' | 'themes' | 'digests', name: string): string => `og/${kind}/${name}.png`;

/** The alt text says what the card's image says: kicker, title, the detail line (a paper's authors and day), themes. */
function meta(path: string, card: OgCard): OgImageMeta {
  const sentence = (text: string): string => (text ? ` ${text}${/[.!?]$/.test(text) ? '' : '.'}` : '');
  const themes = card.themes.length ? ` Themes: ${card.themes.join(', ')}.` : '';
  return { url: path, width: OG_WIDTH, height: OG_HEIGHT, alt: `${card.kicker}: ${card.title}.${sentence(card.detail)}${themes}` };
}

/** A paper's card. */
export function paperCard(paper: Pick<PaperView, 'data' | 'titleText' | 'themes'>): OgCard {
  const detail = [cardAuthors(paper.data.authors), paper.data.published && `Published ${formatDay(paper.data.published)}`].filter(Boolean).join(' · ');
  return { kicker: 'Paper', title: paper.titleText, themes: paper.themes.map((t) => t.name), detail, siteName: SITE_NAME };
}

/** A theme page's card; `name` and `papers` as the page shows them (also for "No theme"). */
export function themeCard(theme: { name: string; papers: readonly unknown[] }): OgCard {
  const count = theme.papers.length;
  return { kicker: 'Theme', title: theme.name, themes: [], detail: plural(count, 'paper'), siteName: SITE_NAME };
}

export function digestCard(digest: WeekDigest): OgCard {
  const count = digest.papers.length;
  const themes = digest.themes.map((theme) => theme.name);
  const days = `${formatDay(digest.start)} to ${formatDay(digest.end)}`;
  return { kicker: 'Weekly digest', title: toPlainText(digest.title), themes, detail: `${plural(count, 'paper')} · ${days}`, siteName: SITE_NAME };
}

/** The site's own card, for pages without one of their own (home, lists, search). */
export function siteCard(): OgCard {
  return { kicker: 'Reading list', title: SITE_DESCRIPTION, themes: getThemes().map((t) => t.name), detail: '', siteName: SITE_NAME };
}

export const SITE_OG_IMAGE_PATH = 'og/site.png';
export const siteOgImage = (): OgImageMeta => meta(SITE_OG_IMAGE_PATH, siteCard());
export const paperOgImage = (paper: PaperView): OgImageMeta => meta(ogImagePath('papers', paper.slug), paperCard(paper));
export const themeOgImage = (slug: string, theme: { name: string; papers: readonly unknown[] }): OgImageMeta =>
  meta(ogImagePath('themes', slug), themeCard(theme));
export const digestOgImage = (digest: WeekDigest): OgImageMeta => meta(ogImagePath('digests', digest.slug), digestCard(digest));
