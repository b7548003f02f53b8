/**
 * The papers list beyond one page (issue 16): a site of 450 synthetic papers (the bench's corpus
 * generator, scripts/bench/corpus.ts, seeded so every run builds the same folder) has lists of
 * more than 200 papers. Without JavaScript the page links reach every paper exactly once; with it,
 * filters and sorts work over the whole list (not just the page shown), show 200 at a time, and
 * keep the view in the URL.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../helpers/site-build.ts';
import { closePage, openPapersListSite, type PapersListSite } from '../helpers/papers-list-site.ts';
import { browserTestsEnabled } from '../../scripts/lib/browser.ts';
import { writeCorpus } from '../../scripts/bench/corpus.ts';
import { applyState, DEFAULT_STATE, PAGE_SIZE, type ListRow } from '../../src/core/paper-list/index.ts';

/** Enough for three pages of all papers and a year with two; small enough to build quickly. */
const PAPERS = 450;
const CONTENT = `.cache/corpora/papers-${PAPERS}`;

describe.runIf(browserTestsEnabled())(`the papers list with ${PAPERS} papers`, () => {
  let list: PapersListSite;

  beforeAll(async () => {
    // Written afresh each run; the same seed gives the same files, so the build cache still hits.
    rmSync(join(REPO_ROOT, CONTENT), { recursive: true, force: true });
    writeCorpus(join(REPO_ROOT, CONTENT), { papers: PAPERS, mathRatio: 0.1, notesRatio: 0, seed: 16 });
    list = await openPapersListSite(CONTENT);
  });
  afterAll(() => list?.dispose());
  const showing = (page: Page, n: number) => page.waitForFunction((n) => document.querySelectorAll('table.papers td.title > a').length === n, n);
  const slugsOf = (papers: ListRow[]) => papers.map((row) => row.slug);
  /** The largest year: the one list besides all papers that has a second page. */
  const bigYear = () => {
    const counts = new Map<string, number>();
    for (const row of list.rows) if (row.year) counts.set(row.year, (counts.get(row.year) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1])[0]!;
  };

  test('the corpus spans three pages of all papers and a year of more than 200', () => {
    expect(list.rows).toHaveLength(PAPERS);
    expect(bigYear()[1]).toBeGreaterThan(PAGE_SIZE);
  });

  test('without JavaScript, Next and the page numbers reach every paper exactly once, in order', async () => {
    const expected = slugsOf(applyState(list.rows, DEFAULT_STATE));
    const page = await list.open('papers/', { js: false });
    expect(await page.locator('#list-caption').textContent()).toBe(`${PAPERS} papers, 1–200 on this page, most recently added first.`);
    const seen = await list.shownSlugs(page);
    await page.click('#list-pages a[rel="next"]');
    await page.waitForURL(/\/papers\/page\/2\/$/);
    expect(await page.locator('#list-pages a[aria-current="page"]').textContent()).toBe('2');
    expect(await page.locator('#list-caption').textContent()).toBe(`${PAPERS} papers, 201–400 on this page, most recently added first.`);
    seen.push(...(await list.shownSlugs(page)));
    await page.click('#list-pages a:text-is("3")');
    await page.waitForURL(/\/papers\/page\/3\/$/);
    expect(await page.locator('#list-pages a[rel="next"]').count()).toBe(0);
    seen.push(...(await list.shownSlugs(page)));
    expect(seen).toEqual(expected);
    await page.click('#list-pages a[rel="prev"]');
    await page.waitForURL(/\/papers\/page\/2\/$/);
    await closePage(page);
  });

  test('without JavaScript, a year of more than 200 papers has a second page with the rest', async () => {
    const [year, count] = bigYear();
    const page = await list.open(`papers/year/${year}/`, { js: false });
    const seen = await list.shownSlugs(page);
    expect(seen).toHaveLength(PAGE_SIZE);
    await page.click('#list-pages a[rel="next"]');
    await page.waitForURL(new RegExp(`/papers/year/${year}/page/2/$`));
    seen.push(...(await list.shownSlugs(page)));
    expect(seen).toHaveLength(count);
    expect(seen).toEqual(slugsOf(applyState(list.rows, { ...DEFAULT_STATE, year })));
    await closePage(page);
  });

  test('with JavaScript a filter covers the whole list, 200 at a time, and the page links give way', async () => {
    const [year, count] = bigYear();
    const page = await list.open('papers/page/2/');
    // The page's own 200 papers until a filter is used.
    expect(await list.shownSlugs(page)).toEqual(slugsOf(applyState(list.rows, DEFAULT_STATE).slice(PAGE_SIZE, 2 * PAGE_SIZE)));
    await page.click(`[data-list-filters] a[data-filter="year"][data-value="${year}"]`);
    await page.waitForURL(new RegExp(`/papers/\\?year=${year}$`));
    const expected = slugsOf(applyState(list.rows, { ...DEFAULT_STATE, year }));
    // Page 2 already shows 200 rows: the filtered caption, written after the rows, says the view changed.
    await page.waitForFunction((text) => document.querySelector('#list-caption')?.textContent === text, `${count} papers, sorted by most recently added.`);
    expect(await list.shownSlugs(page)).toEqual(expected.slice(0, PAGE_SIZE));
    expect(await page.locator('#list-pages').isHidden()).toBe(true);
    await page.click('#list-more');
    await showing(page, count);
    expect(await list.shownSlugs(page)).toEqual(expected);
    expect(await page.locator('#list-more').isHidden()).toBe(true);
    await closePage(page);
  });

  test('with JavaScript a sorted view opened from its URL sorts every paper, and Back restores the last view', async () => {
    const byTitle = slugsOf(applyState(list.rows, { sort: 'title', dir: 'asc' }));
    const page = await list.open('papers/?sort=title&dir=asc');
    await page.waitForFunction(() => /sorted by title/.test(document.getElementById('list-caption')?.textContent ?? ''));
    expect(await list.shownSlugs(page)).toEqual(byTitle.slice(0, PAGE_SIZE));
    expect(await page.locator('#list-sort').inputValue()).toBe('title');
    await page.click('#list-more');
    await page.click('#list-more');
    await showing(page, PAPERS);
    expect(await list.shownSlugs(page)).toEqual(byTitle);
    // Reversed: the last title first, and the URL says so.
    await page.click('#list-direction');
    await page.waitForURL(/sort=title/);
    expect(new URL(page.url()).searchParams.get('dir')).toBe('desc');
    await page.waitForFunction((first) => document.querySelector<HTMLAnchorElement>('table.papers td.title > a')?.pathname.split('/').at(-2) === first, byTitle.at(-1));
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('dir') === 'asc');
    await page.waitForFunction((first) => document.querySelector<HTMLAnchorElement>('table.papers td.title > a')?.pathname.split('/').at(-2) === first, byTitle[0]);
    await closePage(page);
  });

  test('no console errors or failed requests on the pages above', () => {
    expect(list.errors).toEqual([]);
  });
});
