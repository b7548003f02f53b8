/**
 * Issue 14 #4: an abstract's markup must never reach feed readers as live HTML.
 *
 * Each RSS feed is read three ways, every field inserted as HTML the way a reader without a
 * sanitiser shows it:
 * - decoded once, as RSS 2.0 says (checkRss, strict XML): before the fix an abstract's
 *   `<img onerror>` became a live element there;
 * - by @extractus/feed-extractor with its sanitiser off (`normalization: false`; on, it strips
 *   tags from descriptions), which decodes HTML entities in descriptions a second time;
 * - by @rowanmanning/feed-parser, which has no sanitiser and decodes descriptions and content a
 *   second time. With descriptions and content escaped once per layer only, both libraries gave
 *   the `<img onerror>` back as a tag; the word joiner after a tag-opening `<` (inertText) keeps
 *   it text.
 * In every view the text shown is the abstract as written (the invisible word joiner aside).
 */
import { getRssString } from '@astrojs/rss';
import { extractFromXml } from '@extractus/feed-extractor';
import { parseFeed } from '@rowanmanning/feed-parser';
import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { absoluteUrl, feedPaths } from '../../src/core/urls.ts';
import { buildDigests } from '../../src/core/digest/digest.ts';
import { digestToHast } from '../../src/core/digest/export.ts';
import { digestRssItems, inertText, paperRssItems, rssChannelExtras } from '../../src/core/feed/index.ts';
import { checkRss } from '../digest/feed-check.ts';

const location = { site: 'https://example.github.io', base: '/rg/' };
const themes = [{ slug: 'ssm', name: 'SSM' }];
const ATTACK = '<img src=x onerror=alert(2)>';
const papers = [
  {
    slug: 'hostile',
    title: `Hostile ${ATTACK} &lt;b&gt;title&lt;/b&gt;`,
    abstract: `We propose ${ATTACK} and <script>alert(1)</script> & "quotes" <!-- x --> <?php ?> a<b. The rest is harmless.`,
    added: '2026-11-25',
    themes: ['ssm'],
  },
];

/** What a reader shows when it inserts a field as HTML: its foreign elements and comments, and its text. */
function asInserted(html: string | null | undefined) {
  const $ = load(html ?? '', null, false);
  const live = $('*')
    .toArray()
    .filter((el) => el.type === 'tag' && (!['p', 'a'].includes(el.name) || Object.keys(el.attribs).some((name) => name !== 'href'))).length;
  const comments = $.root().contents().filter((_, node) => node.type === 'comment' || node.type === 'directive').length;
  return { live: live + comments, text: $.root().text().replaceAll('\u2060', '') };
}

interface ItemView {
  title: string | undefined;
  description: string | undefined;
  content: string | undefined;
}

/** The feed's items as each reader gets them. */
async function readFeed(items: Parameters<typeof getRssString>[0]['items']): Promise<Record<string, ItemView[]>> {
  const xml = await getRssString({ title: 't', description: 'd', site: absoluteUrl(location), items, ...rssChannelExtras(absoluteUrl(location, feedPaths.papers())) });
  const extracted = (extractFromXml(xml, { normalization: false }) as { item: Record<string, string> | Array<Record<string, string>> }).item;
  return {
    'decoded once': checkRss(xml, 'feed').items.map(({ title, description, content }) => ({ title, description, content })),
    '@extractus/feed-extractor, sanitiser off': [extracted].flat().map((item) => ({ title: item.title, description: item.description, content: item['content:encoded'] })),
    '@rowanmanning/feed-parser': parseFeed(xml).items.map(({ title, description, content }) => ({ title: title ?? undefined, description: description ?? undefined, content: content ?? undefined })),
  };
}

describe('feeds carry no live markup from content', () => {
  it('paper (and theme) feeds: title, description and content are text a reader shows as written', async () => {
    const views = await readFeed(paperRssItems(papers, themes, location));
    const summary = `We propose ${ATTACK} and <script>alert(1)</script> & "quotes" <!-- x --> <?php ?> a<b.`;
    for (const [reader, [item]] of Object.entries(views)) {
      expect(asInserted(item!.title), `${reader}: title`).toEqual({ live: 0, text: papers[0]!.title });
      expect(asInserted(item!.description), `${reader}: description`).toEqual({ live: 0, text: summary });
      // content:encoded is HTML lectern wrote: the abstract in it is text too.
      const content = asInserted(item!.content);
      expect(content.live, `${reader}: content ${item!.content}`).toBe(0);
      expect(content.text, reader).toContain(`${summary} The rest is harmless.`);
    }
  });

  it('digest feed: a person-written summary is text, not markup', async () => {
    const digests = buildDigests(papers, themes, new Map([['2026-w48', { title: `Week ${ATTACK}`, summary: `Two ${ATTACK} papers.` }]]));
    const items = digestRssItems(await Promise.all(digests.map(async (digest) => ({ digest, tree: await digestToHast({ digest, location }) }))), location);
    for (const [reader, [item]] of Object.entries(await readFeed(items))) {
      expect(asInserted(item!.title).live, `${reader}: title`).toBe(0);
      expect(asInserted(item!.description), `${reader}: description`).toEqual({ live: 0, text: `Two ${ATTACK} papers.` });
      const content = load(item!.content ?? '', null, false);
      expect(content('img, script, [onerror]').length, `${reader}: content`).toBe(0);
      expect(content.root().text().replaceAll('\u2060', ''), reader).toContain(`Week ${ATTACK}`);
    }
  });

  it('inertText breaks only a `<` that would open a tag, comment or declaration, and an `&` that would start a reference', () => {
    expect(inertText('a<b </p> <!-- <?x x <= y 1 < 2 <3 <')).toBe('a<\u2060b <\u2060/p> <\u2060!-- <\u2060?x x <= y 1 < 2 <3 <');
    expect(inertText('&lt;b&gt; &#60; R&D & co &&')).toBe('&\u2060lt;b&\u2060gt; &\u2060#60; R&\u2060D & co &&');
  });
});
