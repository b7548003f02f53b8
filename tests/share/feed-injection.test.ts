/**
 * Issue 14 #4: an abstract's markup must never reach feed readers as live HTML.
 *
 * Read as an RSS 2.0 reader without a sanitiser does: XML-decode `<description>` and
 * `content:encoded` once (checkRss, strict XML) and insert the result as HTML. That is the
 * regression test: before the fix an abstract's `<img onerror>` became a live element there.
 *
 * @rowanmanning/feed-parser has no sanitiser to switch off, and it decodes HTML entities a
 * second time after the XML layer, so what it returns is the text a reader shows; the test
 * checks that text is the abstract as written, character for character.
 */
import { getRssString } from '@astrojs/rss';
import { parseFeed } from '@rowanmanning/feed-parser';
import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { absoluteUrl, feedPaths } from '../../src/core/urls.ts';
import { buildDigests } from '../../src/core/digest/digest.ts';
import { digestToHtml } from '../../src/core/digest/export.ts';
import { digestRssItems, paperRssItems, rssChannelExtras } from '../../src/core/feed/index.ts';
import { checkRss } from '../digest/feed-check.ts';

const location = { site: 'https://example.github.io', base: '/rg/' };
const themes = [{ slug: 'ssm', name: 'SSM' }];
const ATTACK = '<img src=x onerror=alert(2)>';
const papers = [
  {
    slug: 'hostile',
    title: `Hostile ${ATTACK} title`,
    abstract: `We propose ${ATTACK} and <script>alert(1)</script> & "quotes". The rest is harmless.`,
    added: '2026-11-25',
    themes: ['ssm'],
  },
];

/** What a reader shows when it inserts a field as HTML: its elements, and its text. */
function asInserted(html: string | null | undefined) {
  const $ = load(html ?? '', null, false);
  return { live: $('img, script, [onerror]').length, text: $.root().text() };
}

/** The feed as a reader gets it (checkRss: decoded once) and as @rowanmanning/feed-parser returns it. */
async function readFeed(items: Parameters<typeof getRssString>[0]['items']) {
  const xml = await getRssString({ title: 't', description: 'd', site: absoluteUrl(location), items, ...rssChannelExtras(absoluteUrl(location, feedPaths.papers())) });
  return { reader: checkRss(xml, 'feed').items, feedParser: parseFeed(xml).items };
}

describe('feeds carry no live markup from content', () => {
  it('paper (and theme) feeds: the description is text a reader shows as written', async () => {
    const { reader, feedParser } = await readFeed(paperRssItems(papers, themes, location));
    const summary = `We propose ${ATTACK} and <script>alert(1)</script> & "quotes".`;
    expect(asInserted(reader[0]!.description)).toEqual({ live: 0, text: summary });
    // content:encoded is HTML lectern wrote: the abstract in it is escaped text too.
    const content = asInserted(reader[0]!.content);
    expect(content.live).toBe(0);
    expect(content.text).toContain(`We propose ${ATTACK}`);
    expect(feedParser[0]!.description).toBe(summary);
  });

  it('digest feed: a person-written summary is text, not markup', async () => {
    const digests = buildDigests(papers, themes, new Map([['2026-w48', { title: 'Week', summary: `Two ${ATTACK} papers.` }]]));
    const items = digestRssItems(await Promise.all(digests.map(async (digest) => ({ digest, html: await digestToHtml({ digest, location }) }))), location);
    const { reader, feedParser } = await readFeed(items);
    expect(asInserted(reader[0]!.description)).toEqual({ live: 0, text: `Two ${ATTACK} papers.` });
    expect(asInserted(reader[0]!.content).live).toBe(0);
    expect(feedParser[0]!.description).toBe(`Two ${ATTACK} papers.`);
  });
});
