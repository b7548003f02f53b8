/**
 * The site's feeds as data: which feeds exist (for `<link rel="alternate">`), their items for
 * @astrojs/rss, and a JSON Feed 1.1 document. Pure: the routes pass in papers, digests and the
 * site location, and write what comes back.
 *
 * Every item's id/GUID is the absolute permalink of its page, so it is unique and does not
 * change when the site is rebuilt. Dates are the `added` day (UTC midnight): stable too.
 */
import type { RSSFeedItem } from '@astrojs/rss';
import { XMLBuilder } from 'fast-xml-parser';
import type { Root as HastRoot } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';
import { toPlainText } from '../normalize/index.ts';
import { cleanTextToHast } from '../digest/export.ts';
import { joinNodes, text } from '../render/hast.ts';
import { plural } from '../text.ts';
import { paperSummary } from '../digest/summary.ts';
import { digestLabel, type DigestPaperInput, type ThemeRef, type WeekDigest } from '../digest/digest.ts';
import { absoluteUrl, feedPaths, sitePaths, type SiteLocation } from '../urls.ts';

/** How many of the newest papers a papers feed carries (readers poll; old items are noise). */
export const PAPER_FEED_LIMIT = 50;
/** How many of the newest weeks the digest feed carries (each item is a whole digest). */
export const DIGEST_FEED_LIMIT = 20;

export type FeedType = 'application/rss+xml' | 'application/feed+json';

export interface FeedLink {
  readonly title: string;
  /** Site path (no base, no leading slash). */
  readonly path: string;
  readonly type: FeedType;
}

/** The feeds advertised on every page. */
export function siteFeeds(siteName: string): FeedLink[] {
  return [
    { title: `${siteName}: weekly digests`, path: feedPaths.digests(), type: 'application/rss+xml' },
    { title: `${siteName}: new papers`, path: feedPaths.papers(), type: 'application/rss+xml' },
    { title: `${siteName}: new papers (JSON Feed)`, path: feedPaths.papersJson(), type: 'application/feed+json' },
  ];
}

/** The feed of one theme, advertised on its page. */
export function themeFeed(siteName: string, theme: ThemeRef): FeedLink {
  return { title: `${siteName}: new papers in ${theme.name}`, path: feedPaths.theme(theme.slug), type: 'application/rss+xml' };
}

/** What a feed needs of a paper: what a digest needs, less the digest's own "featured" flag. */
export type FeedPaper = Omit<DigestPaperInput, 'featured'>;

/** `YYYY-MM-DD` -> that day at 00:00 UTC. */
export function dayToDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** Newest additions first (then by slug, so the order is stable), at most `limit`. */
export function newestPapers<P extends FeedPaper>(papers: readonly P[], limit = PAPER_FEED_LIMIT): P[] {
  return [...papers]
    .sort((a, b) => b.added.localeCompare(a.added) || a.slug.localeCompare(b.slug))
    .slice(0, limit);
}

function themeNames(paper: FeedPaper, themes: readonly ThemeRef[]): string[] {
  return paper.themes.map((slug) => themes.find((theme) => theme.slug === slug)?.name ?? slug);
}

/** Abstract as HTML (math as MathML), followed by the paper's themes. */
function paperHtml(paper: FeedPaper, themes: readonly ThemeRef[], location: SiteLocation): string {
  const links = paper.themes.map((slug) => {
    const name = themes.find((theme) => theme.slug === slug)?.name ?? slug;
    return h('a', { href: absoluteUrl(location, sitePaths.theme(slug)) }, name);
  });
  const themesLine = links.length ? [h('p', [text('Themes: '), ...joinNodes(links, ', ')])] : [];
  return feedHtml({ type: 'root', children: [h('p', cleanTextToHast(paper.abstract)), ...themesLine] });
}

/**
 * Text no feed reader can turn into markup. A reader decodes an RSS field once (XML) and reads
 * it as HTML, where lectern's escaping holds. Some feed libraries decode HTML entities once more
 * (@rowanmanning/feed-parser on titles, descriptions and content, @extractus/feed-extractor on
 * titles and descriptions), which turns an abstract's escaped `<img onerror=…>`, or a title's
 * literal `&lt;b&gt;`, back into a tag for a reader that inserts the result. A word joiner
 * (U+2060, invisible) after each `<` that would open a tag, end tag, comment or declaration, and
 * after each `&` that would start a character reference, keeps such text inert however often it
 * is decoded: HTML reads `<` or `&` followed by anything else as text.
 */
export function inertText(value: string): string {
  return value.replace(/<(?=[A-Za-z!/?])|&(?=[A-Za-z#])/g, '$&\u2060');
}

/** A feed item's HTML: every text node inert (see `inertText`), serialised once. */
function feedHtml(tree: HastRoot): string {
  visit(tree, 'text', (node) => {
    node.value = inertText(node.value);
  });
  return toHtml(tree);
}

/**
 * An RSS `<description>`: readers treat it as HTML, so the plain text is written as an HTML text
 * node (the serialiser escapes `&` and `<`; `inertText` covers readers that decode twice), and
 * the feed writer escapes the result once more for XML. Without this, an abstract saying
 * `<img src=x onerror=...>` would reach readers as live markup. A string, because that is what
 * the feed writer takes.
 */
function rssDescription(plain: string): string {
  return feedHtml({ type: 'root', children: [text(plain)] });
}

/** RSS items for papers (already chosen and ordered by the caller, e.g. with `newestPapers`). */
export function paperRssItems(papers: readonly FeedPaper[], themes: readonly ThemeRef[], location: SiteLocation): RSSFeedItem[] {
  return papers.map((paper) => ({
    title: inertText(toPlainText(paper.title)),
    link: absoluteUrl(location, sitePaths.paper(paper.slug)),
    pubDate: dayToDate(paper.added),
    description: rssDescription(toPlainText(paperSummary(paper.abstract, paper.tldr))),
    content: paperHtml(paper, themes, location),
    categories: themeNames(paper, themes).map(inertText),
  }));
}

/**
 * RSS items for digests, one per week, in the order given (newest first; the caller keeps at most
 * DIGEST_FEED_LIMIT); `tree` is each digest's full HTML as a hast tree (see `digestToHast`),
 * serialised here with its text made inert.
 */
export function digestRssItems(
  digests: readonly { digest: WeekDigest; tree: HastRoot }[],
  location: SiteLocation,
): RSSFeedItem[] {
  return digests.map(({ digest, tree }) => ({
    title: inertText(digestLabel(digest)),
    link: absoluteUrl(location, sitePaths.digest(digest.slug)),
    pubDate: dayToDate(digest.updated),
    description: rssDescription(
      digest.summary ??
        `${plural(digest.papers.length, 'paper')} added from ${digest.start} to ${digest.end}.`,
    ),
    content: feedHtml(structuredClone(tree)),
    categories: digest.themes.map((theme) => inertText(theme.name)),
  }));
}

/** Writes the channel extras: XML (not HTML), by the XML library @astrojs/rss itself uses, so it escapes the URL. */
const channelXml = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: true });

/**
 * Channel extras: the feed's own URL (atom:link rel=self, as feed validators ask) and language.
 * @astrojs/rss takes them as an XML string.
 */
export function rssChannelExtras(feedUrl: string): { xmlns: Record<string, string>; customData: string } {
  return {
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: channelXml.build({
      language: 'en',
      'atom:link': { '@_href': feedUrl, '@_rel': 'self', '@_type': 'application/rss+xml' },
    }),
  };
}

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). */
export interface JsonFeed {
  version: 'https://jsonfeed.org/version/1.1';
  title: string;
  home_page_url: string;
  feed_url: string;
  description: string;
  language: string;
  items: JsonFeedItem[];
}

export interface JsonFeedItem {
  id: string;
  url: string;
  title: string;
  summary: string;
  content_html: string;
  /** RFC 3339. */
  date_published: string;
  tags?: string[];
}

export function paperJsonFeed(options: {
  title: string;
  description: string;
  papers: readonly FeedPaper[];
  themes: readonly ThemeRef[];
  location: SiteLocation;
}): JsonFeed {
  const { title, description, papers, themes, location } = options;
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title,
    home_page_url: absoluteUrl(location, sitePaths.home()),
    feed_url: absoluteUrl(location, feedPaths.papersJson()),
    description,
    language: 'en',
    items: papers.map((paper) => {
      const url = absoluteUrl(location, sitePaths.paper(paper.slug));
      const tags = themeNames(paper, themes);
      return {
        id: url,
        url,
        title: toPlainText(paper.title),
        summary: toPlainText(paperSummary(paper.abstract, paper.tldr)),
        content_html: paperHtml(paper, themes, location),
        date_published: dayToDate(paper.added).toISOString().replace('.000Z', 'Z'),
        ...(tags.length ? { tags } : {}),
      };
    }),
  };
}
