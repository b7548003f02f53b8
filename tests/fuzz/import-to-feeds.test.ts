/**
 * Fuzz suite (issue 14, Done-when): hostile listings through the importer and on to what the
 * build publishes. Each case is a pasted listing made of hostile titles, abstracts and metadata
 * (HTML and script payloads, TeX specials, braces, control and bidi characters, emoji, CJK,
 * symbol-only and invisible titles, huge numbers, impossible dates, CRLF/CR line ends, junk
 * lines). It is parsed and planned like `npm run import`; then, for the papers it writes, the
 * same pure functions the build runs render the pages' title and abstract, the RSS and JSON
 * feeds and the BibTeX and CSL-JSON files. The properties:
 *
 * - nothing throws; every file written is a valid paper; re-importing the same listing writes
 *   nothing;
 * - the rendered title and abstract hold only the markup lectern makes (KaTeX, links to http(s)),
 *   never an element or attribute from the input;
 * - every RSS item, read as a reader without a sanitiser reads it (decoded once, and by
 *   @rowanmanning/feed-parser, which decodes twice), and every JSON Feed item carry no live markup;
 * - the .bib parses with a real BibTeX parser without errors, one entry per paper, none with an
 *   empty title; the CSL-JSON parses.
 *
 * Runs: LECTERN_FUZZ_RUNS cases (default 10,000, the CI figure; `npm run fuzz` runs 100,000),
 * LECTERN_FUZZ_SEED to replay a failure. tests/fuzz/import-build.test.ts takes a sample of the
 * same listings through the real command and a real build.
 */
import { getRssString } from '@astrojs/rss';
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { parseFeed } from '@rowanmanning/feed-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { citationKeys, citationOf, formatBibtex, formatCslJson } from '../../src/core/cite/index.ts';
import { readPaper } from '../../src/core/content/index.ts';
import { paperJsonFeed, paperRssItems, rssChannelExtras } from '../../src/core/feed/index.ts';
import { parseListing } from '../../src/core/listing/index.ts';
import { planImport, type FileWrite } from '../../src/core/papers/plan.ts';
import type { PaperFrontmatter } from '../../src/core/papers/schema.ts';
import { renderCleanText } from '../../src/core/render/math.ts';
import { absoluteUrl, feedPaths } from '../../src/core/urls.ts';
import { checkRss } from '../digest/feed-check.ts';
import { hostileListing, liveMarkup, liveMarkupParsed } from './hostile.ts';

const RUNS = Number(process.env.LECTERN_FUZZ_RUNS ?? 10_000);
const SEED = process.env.LECTERN_FUZZ_SEED === undefined ? undefined : Number(process.env.LECTERN_FUZZ_SEED);
const location = { site: 'https://example.github.io', base: '/rg/' };
const themes = [
  { slug: 'efficient-attention', name: 'Efficient attention' },
  { slug: 'ssm', name: 'State-space models' },
];
const ADDED = '2026-11-25';

function papersOf(writes: readonly FileWrite[]): PaperFrontmatter[] {
  return writes.map((write) => {
    const read = readPaper(write.content, write.path);
    if (!read.ok) throw new Error(`${write.path} is not a valid paper: ${read.diagnostics.map((d) => d.message).join('; ')}`);
    return read.paper;
  });
}

async function checkCase(text: string, wholeFeed: boolean): Promise<void> {
  const listing = parseListing(text, 'fuzz.txt');
  const plan = planImport({ existing: [], listings: [listing], added: ADDED });
  const papers = papersOf(plan.writes);
  const again = planImport({ existing: plan.writes, listings: [listing], added: ADDED });
  expect(again.writes, 're-import writes nothing').toEqual([]);
  if (papers.length === 0) return;

  for (const paper of papers) {
    for (const html of [renderCleanText(paper.title).html, renderCleanText(paper.abstract, { linkUrls: true }).html]) {
      expect(liveMarkup(html), html).toEqual([]);
    }
  }

  // Feeds: what lectern puts in each item (description: entity-escaped text, no markup at all;
  // content:encoded: only lectern's HTML), and on one case in ten the whole XML as a reader
  // without a sanitiser reads it (decoded once, inserted as HTML).
  const feedPapers = papers.map((paper) => ({ ...paper, themes: paper.themes.length ? paper.themes : ['ssm'] }));
  const items = paperRssItems(feedPapers, themes, location);
  for (const item of items) {
    // Markup starts only at `<`; `>` and `"` in HTML text are text (hast-util-to-html leaves them).
    expect(item.description, 'rss description is escaped text').not.toContain('<');
    expect(liveMarkup(item.content ?? ''), 'rss content:encoded').toEqual([]);
  }
  if (wholeFeed) {
    const xml = await getRssString({ title: 'Papers', description: 'All papers', site: absoluteUrl(location), items, ...rssChannelExtras(absoluteUrl(location, feedPaths.papers())) });
    for (const item of checkRss(xml, 'rss.xml').items) {
      expect(liveMarkupParsed(item.title), 'rss title as a reader reads it').toEqual([]);
      expect(liveMarkupParsed(item.description ?? ''), 'rss description as a reader reads it').toEqual([]);
      expect(liveMarkupParsed(item.content ?? ''), 'rss content:encoded as a reader reads it').toEqual([]);
    }
    // A real feed library without a sanitiser, which decodes entities a second time.
    for (const item of parseFeed(xml).items) {
      for (const html of [item.title, item.description, item.content]) expect(liveMarkupParsed(html ?? ''), `@rowanmanning/feed-parser: ${html}`).toEqual([]);
    }
  }
  const json = paperJsonFeed({ title: 'Papers', description: 'All', papers: feedPapers, themes, location });
  for (const item of json.items) expect(liveMarkup(item.content_html), 'json feed content_html').toEqual([]);

  const keys = citationKeys(papers);
  const citations = papers.map((paper) => citationOf({ ...paper, pageUrl: absoluteUrl(location, `/papers/${paper.slug}/`) }, keys.get(paper.slug)!));
  const bib = formatBibtex(citations);
  const library = parseBibtex(bib, { sentenceCase: false });
  expect(library.errors, bib).toEqual([]);
  expect(library.entries.length, bib).toBe(papers.length);
  for (const entry of library.entries) expect(String(entry.fields.title ?? '').trim(), bib).not.toBe('');
  expect(JSON.parse(formatCslJson(citations))).toHaveLength(papers.length);
}

describe('fuzz: hostile listings -> importer -> pages, feeds, BibTeX', () => {
  it(`${RUNS.toLocaleString('en-US')} hostile listings`, { timeout: Math.max(120_000, RUNS * 60) }, async () => {
    const started = performance.now();
    await fc.assert(fc.asyncProperty(hostileListing, fc.nat(9).map((n) => n === 0), checkCase), { numRuns: RUNS, seed: SEED });
    const seconds = (performance.now() - started) / 1000;
    console.log(`fuzz: ${RUNS} listings through import -> pages, feeds, BibTeX in ${seconds.toFixed(1)} s`);
  });
});

describe('the markup check itself', () => {
  it('finds injected elements, handlers and script links, and accepts what lectern renders', () => {
    expect(liveMarkup('<img src=x onerror=alert(2)>')).toEqual(['<img>', 'src="x"', 'onerror= on <img>']);
    expect(liveMarkup('<a href="javascript:alert(1)">x</a><!-- c -->')).toEqual(['href="javascript:alert(1)"', '<!']);
    expect(liveMarkup('&lt;script&gt; 1 < 2')).toEqual([]);
    const rendered = renderCleanText('PixArt-$\\alpha$ at 40$\\times$ see https://example.com/x', { linkUrls: true }).html;
    expect(rendered).toContain('<math');
    expect(liveMarkup(rendered)).toEqual([]);
    expect(liveMarkupParsed(rendered)).toEqual([]);
  });
});
