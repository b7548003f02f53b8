/**
 * Feeds and digests of a site published under a sub-path (GitHub Pages project site): every
 * absolute URL in every feed carries the site URL and the base path, and resolves to a built file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { buildSite, filesIn, type SiteBuild } from '../helpers/site-build.ts';
import { fileForPath, readPage } from '../helpers/site-check.ts';
import { checkJsonFeed, checkRss } from './feed-check.ts';

const BASE = '/reading-group/';
const SITE = 'https://example.github.io';
const PREFIX = `${SITE}${BASE}`;

let site: SiteBuild;
beforeAll(async () => {
  site = await buildSite({ content: 'tests/fixtures/site-content', base: BASE, site: SITE });
});

function partition<T>(items: T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}

function urlsIn(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s"'<>&)]+/g)].map((m) => m[0]).filter((u) => !u.startsWith('http://www.w3.org/') && !u.startsWith('http://purl.org/') && !u.startsWith('https://jsonfeed.org/'));
}

/** Links out of the site that papers carry: their arXiv, PDF, Hugging Face and code links, and URLs in abstracts. */
const OUTSIDE = /^https:\/\/(?:arxiv\.org|huggingface\.co|github\.com|gitlab\.com)\//;

test('every URL of the site in every feed is under site + base and resolves to a built file', () => {
  const feeds = filesIn(site.outDir, '.xml').filter((f) => f.endsWith('rss.xml'));
  expect(feeds).toEqual(expect.arrayContaining(['digests/rss.xml', 'papers/rss.xml', 'themes/ssm/rss.xml']));
  for (const feed of [...feeds, 'papers/feed.json']) {
    const text = readFileSync(join(site.outDir, feed), 'utf8');
    if (feed.endsWith('.json')) checkJsonFeed(text, feed);
    else checkRss(text, feed);
    const [own, outside] = partition(urlsIn(text), (url) => new URL(url).origin === SITE);
    expect(own.length, feed).toBeGreaterThan(2);
    for (const url of outside) expect(url, feed).toMatch(OUTSIDE);
    for (const url of own) {
      expect(url.startsWith(PREFIX), `${feed}: ${url}`).toBe(true);
      expect(fileForPath(site.outDir, site.base, new URL(url).pathname), `${feed}: ${url}`).not.toBeNull();
    }
  }
});

test('rel=alternate links and the digest pages stay under the base path', () => {
  for (const page of ['index.html', 'digests/index.html', 'themes/ssm/index.html']) {
    const $ = readPage(site.outDir, page);
    const hrefs = $('link[rel="alternate"]').map((_, el) => $(el).attr('href')).get();
    expect(hrefs.length, page).toBeGreaterThanOrEqual(3);
    for (const href of hrefs) expect(href.startsWith(BASE), href).toBe(true);
  }
  const $ = readPage(site.outDir, 'themes/ssm/index.html');
  expect($(`link[rel="alternate"][href="${BASE}themes/ssm/rss.xml"]`).length).toBe(1);
  const digests = readPage(site.outDir, 'digests/index.html');
  const links = digests('.digest-list a.paper-title').map((_, el) => digests(el).attr('href')).get();
  expect(links.length).toBeGreaterThanOrEqual(2);
  for (const link of links) expect(fileForPath(site.outDir, site.base, link), link).not.toBeNull();
});
