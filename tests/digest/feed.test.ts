import { describe, expect, it } from 'vitest';
import { getRssString } from '@astrojs/rss';
import { buildDigests } from '../../src/core/digest/digest.ts';
import { digestToHast } from '../../src/core/digest/export.ts';
import {
  dayToDate,
  digestRssItems,
  newestPapers,
  paperJsonFeed,
  paperRssItems,
  rssChannelExtras,
  siteFeeds,
  themeFeed,
} from '../../src/core/feed/index.ts';
import { absoluteUrl, feedPaths } from '../../src/core/urls.ts';
import { checkJsonFeed, checkRss, isRfc822 } from './feed-check.ts';

const location = { site: 'https://example.github.io', base: '/rg/' };
const themes = [{ slug: 'ssm', name: 'State-space & recurrent' }];
const papers = [
  { slug: 'pixart', title: 'PixArt-$\\alpha$ <fast> & "good"', abstract: 'We cost $O(n^2)$, e.g. less. More.', added: '2026-11-25', themes: ['ssm'] },
  { slug: 'b-paper', title: 'B', abstract: 'B. C.', added: '2026-11-25', themes: [] },
  { slug: 'old', title: 'Old', abstract: 'Old.', added: '2026-01-01', themes: [] },
];

describe('paper feeds', () => {
  it('newestPapers: newest added first, stable by slug, capped', () => {
    expect(newestPapers(papers).map((p) => p.slug)).toEqual(['b-paper', 'pixart', 'old']);
    expect(newestPapers(papers, 2)).toHaveLength(2);
  });

  it('RSS: plain-text titles, GUID = absolute permalink, RFC 822 dates, escaped HTML content', async () => {
    const xml = await getRssString({
      title: 'lectern: new papers',
      description: 'd',
      site: absoluteUrl(location),
      items: paperRssItems(newestPapers(papers), themes, location),
      ...rssChannelExtras(absoluteUrl(location, feedPaths.papers())),
    });
    const feed = checkRss(xml, 'papers');
    expect(feed.self).toBe('https://example.github.io/rg/papers/rss.xml');
    const pixart = feed.items.find((item) => item.link.endsWith('/pixart/'))!;
    // A word joiner after `<` keeps a title that looks like a tag text in any reader (inertText).
    expect(pixart.title).toBe('PixArt-α <\u2060fast> & "good"');
    expect(pixart.guid).toBe('https://example.github.io/rg/papers/pixart/');
    expect(pixart.guidIsPermaLink).toBe('true');
    expect(pixart.pubDate).toBe('Wed, 25 Nov 2026 00:00:00 GMT');
    expect(pixart.description).toBe('We cost O(n²), e.g. less.');
    expect(pixart.content).toContain('<math');
    expect(pixart.content).toContain('href="https://example.github.io/rg/themes/ssm/">State-space &#x26; recurrent</a>');
    expect(pixart.categories).toEqual(['State-space & recurrent']);
  });

  it('JSON Feed 1.1: valid, ids are permalinks, RFC 3339 dates, tags only when themed', () => {
    const feed = paperJsonFeed({ title: 't', description: 'd', papers: newestPapers(papers), themes, location });
    const checked = checkJsonFeed(JSON.stringify(feed), 'json');
    expect(checked.feed_url).toBe('https://example.github.io/rg/papers/feed.json');
    expect(checked.home_page_url).toBe('https://example.github.io/rg/');
    expect(checked.items.map((i) => i.id)).toEqual(newestPapers(papers).map((p) => `https://example.github.io/rg/papers/${p.slug}/`));
    expect(checked.items[1]!.date_published).toBe('2026-11-25T00:00:00Z');
    expect(checked.items[1]!.tags).toEqual(['State-space & recurrent']);
    expect(checked.items[0]!.tags).toBeUndefined();
  });

  it('advertised feeds: site-wide three, plus one per theme', () => {
    expect(siteFeeds('lectern').map((f) => [f.path, f.type])).toEqual([
      ['digests/rss.xml', 'application/rss+xml'],
      ['papers/rss.xml', 'application/rss+xml'],
      ['papers/feed.json', 'application/feed+json'],
    ]);
    expect(themeFeed('lectern', themes[0]!)).toEqual({ title: 'lectern: new papers in State-space & recurrent', path: 'themes/ssm/rss.xml', type: 'application/rss+xml' });
  });
});

describe('digest feed', () => {
  it('one item per week, titled by week, dated by its newest addition, with the digest HTML', async () => {
    const digests = buildDigests(papers, themes, new Map([['2026-w48', { title: 'Fast & small', summary: 'Two papers.' }]]));
    const items = digestRssItems(
      await Promise.all(digests.map(async (digest) => ({ digest, tree: await digestToHast({ digest, location }) }))),
      location,
    );
    const feed = checkRss(await getRssString({ title: 'd', description: 'd', site: absoluteUrl(location), items }), 'digests');
    expect(feed.items.map((i) => [i.title, i.guid, i.pubDate, i.description])).toEqual([
      ['Week 48, 2026: Fast & small', 'https://example.github.io/rg/digests/2026-w48/', 'Wed, 25 Nov 2026 00:00:00 GMT', 'Two papers.'],
      ['Week 1, 2026', 'https://example.github.io/rg/digests/2026-w01/', 'Thu, 01 Jan 2026 00:00:00 GMT', '1 paper added from 2025-12-29 to 2026-01-04.'],
    ]);
    expect(feed.items[0]!.content).toContain('https://example.github.io/rg/papers/pixart/');
  });

  it('dates are UTC days and RFC 822 round-trips', () => {
    expect(dayToDate('2026-12-31').toISOString()).toBe('2026-12-31T00:00:00.000Z');
    expect(isRfc822(dayToDate('2027-01-01').toUTCString())).toBe(true);
    expect(isRfc822('Thu, 01 Jan 2027 00:00:00 GMT')).toBe(false); // 2027-01-01 is a Friday
    expect(isRfc822('2027-01-01T00:00:00Z')).toBe(false);
  });
});
