/**
 * Search quality, measured: the queries of tests/fixtures/search/ranking.json (written from the
 * seed papers by reading) typed into the real search page of the seeded site in chromium. The
 * figures are the mean reciprocal rank of the expected paper (0 when it is not in the first
 * page of results) and the share of queries whose paper is in the top 3.
 *
 * RECORDED is the figure the search reached when it was last tuned; the test fails when MRR drops
 * more than 0.05 below it. Raise it when ranking improves (the test prints the current figures).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildSite, REPO_ROOT, type SiteBuild } from '../helpers/site-build.ts';
import { browserTestsEnabled, launchBrowser } from '../../scripts/lib/browser.ts';
import { serveStatic, type StaticServer } from '../../scripts/lib/static-server.ts';

const RECORDED = { mrr: 0.98, hitsAt3: 1 };
const ALLOWED_MRR_DROP = 0.05;

interface RankingQuery {
  query: string;
  expected: string;
  kind: 'title' | 'acronym' | 'topic' | 'author';
}
const { queries } = JSON.parse(readFileSync(`${REPO_ROOT}/tests/fixtures/search/ranking.json`, 'utf8')) as { queries: RankingQuery[] };

describe.runIf(browserTestsEnabled())('search ranking on the seed papers', () => {
  let site: SiteBuild;
  let server: StaticServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    site = await buildSite({ content: 'content' });
    server = await serveStatic(site.outDir, site.base);
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The slugs of the first page of results for a query, in order. */
  async function resultSlugs(query: string): Promise<string[]> {
    await page.goto(`${server.url}search/?q=${encodeURIComponent(query)}`);
    await page.waitForFunction(() => /found/.test(document.getElementById('search-status')?.textContent ?? ''));
    const paths = await page.locator('#search-results > li a.paper-title').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname));
    return paths.map((path) => path.slice(site.base.length).replace(/^papers\//, '').replace(/\/$/, ''));
  }

  test('the fixture has at least 40 queries, each naming a seed paper', () => {
    expect(queries.length).toBeGreaterThanOrEqual(40);
    const slugs = new Set(readdirSync(`${REPO_ROOT}/content/papers`).map((file) => file.replace(/\.mdx?$/, '')));
    expect(queries.filter((q) => !slugs.has(q.expected))).toEqual([]);
  });

  test(`MRR stays within ${ALLOWED_MRR_DROP} of the recorded ${RECORDED.mrr}`, async () => {
    const ranks: { query: string; kind: string; rank: number }[] = [];
    for (const { query, expected, kind } of queries) {
      const slugs = await resultSlugs(query);
      ranks.push({ query, kind, rank: slugs.indexOf(expected) + 1 });
    }
    const mrr = ranks.reduce((sum, { rank }) => sum + (rank > 0 ? 1 / rank : 0), 0) / ranks.length;
    const hitsAt3 = ranks.filter(({ rank }) => rank > 0 && rank <= 3).length / ranks.length;
    const misses = ranks.filter(({ rank }) => rank !== 1).map(({ query, kind, rank }) => `${kind} "${query}": ${rank || 'not on the first page'}`);
    console.log(`search ranking: ${queries.length} queries, MRR ${mrr.toFixed(3)}, hits@3 ${hitsAt3.toFixed(3)}\nnot first:\n  ${misses.join('\n  ')}`);
    expect(mrr).toBeGreaterThanOrEqual(RECORDED.mrr - ALLOWED_MRR_DROP);
  }, 180_000);
});
