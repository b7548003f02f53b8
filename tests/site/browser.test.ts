/**
 * The seeded site in a real browser (Debian's chromium via playwright-core): search, filters,
 * keyboard use, accessibility (axe-core) in light and dark, console errors.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { buildSite, type SiteBuild } from '../helpers/site-build.ts';
import { browserTestsEnabled } from '../../scripts/lib/browser.ts';
import { openInBrowser } from '../helpers/browser-site.ts';
import { collectPageErrors, seriousAxeViolations } from '../helpers/page-audit.ts';
import { readPage } from '../helpers/site-check.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isoWeekOf, weekId } from '../../src/core/digest/week.ts';
import { rowsOfListJson, type ListJson } from '../../src/core/paper-list/index.ts';

const CONTENT = 'content';

describe.runIf(browserTestsEnabled())('the site in chromium', () => {
  let site: SiteBuild;
  const errors: string[] = [];

  beforeAll(async () => {
    site = await buildSite({ content: CONTENT });
  });
  const opened = openInBrowser(() => site, { viewport: { width: 1100, height: 900 } });

  async function open(path: string): Promise<Page> {
    const page = await opened.context.newPage();
    const pageErrors = collectPageErrors(page);
    page.on('close', () => errors.push(...pageErrors.map((error) => `${path}: ${error}`)));
    await page.goto(opened.server.url + path);
    return page;
  }

  /** The site path of the seeds' FlashAttention paper page. */
  function flashAttentionPath(): string {
    const $ = readPage(site.outDir, 'papers/index.html');
    const href = $('table.papers tbody tr td:first-child a')
      .filter((_, el) => $(el).text().startsWith('FlashAttention:'))
      .attr('href');
    if (!href) throw new Error('no FlashAttention paper in the seeds');
    return href.slice(site.base.length);
  }

  async function resultTitles(page: Page): Promise<string[]> {
    await page.waitForFunction(() => {
      const status = document.getElementById('search-status')?.textContent ?? '';
      return /found/.test(status);
    });
    return page.locator('#search-results > li > a.paper-title').allTextContents();
  }

  async function resultCount(page: Page): Promise<number> {
    await resultTitles(page);
    const status = (await page.locator('#search-status').textContent()) ?? '';
    return status.startsWith('No') ? 0 : Number(/\d+/.exec(status)?.[0]);
  }

  test('"flash attention" finds a FlashAttention paper on the first page of results', async () => {
    const page = await open('search/?q=flash+attention');
    const titles = await resultTitles(page);
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.length).toBeLessThanOrEqual(10);
    expect(titles.some((title) => /FlashAttention/.test(title)), titles.join('\n')).toBe(true);
    // Excerpts read as text: a label and its value are not glued together ("Authors5").
    const excerpts = await page.locator('#search-results > li > p:not(.meta)').allTextContents();
    expect(excerpts.length).toBe(titles.length);
    for (const excerpt of excerpts) expect(excerpt).not.toMatch(/Authors\d/);
    await page.close();
  });

  test('"pixart alpha" finds PixArt-α, typed into the header search box', async () => {
    const page = await open('');
    await page.fill('#site-search-q', 'pixart alpha');
    await page.press('#site-search-q', 'Enter');
    await page.waitForURL(/\/search\/\?q=pixart\+alpha/);
    const titles = await resultTitles(page);
    expect(titles[0]).toMatch(/^PixArt-α/);
    await page.close();
  });

  test('a theme filter narrows the results to papers with that theme', async () => {
    const page = await open('search/?q=attention');
    const all = await resultCount(page);
    await page.selectOption('#search-theme', 'Quantization');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('theme') === 'Quantization');
    await page.waitForFunction((before) => {
      const status = document.getElementById('search-status')?.textContent ?? '';
      return /found/.test(status) && !status.startsWith(`${before} `);
    }, all);
    const narrowed = await resultCount(page);
    expect(narrowed).toBeGreaterThan(0);
    expect(narrowed).toBeLessThan(all);
    const themes = await page.locator('#search-results > li .chips').allTextContents();
    expect(themes.length).toBe(Math.min(narrowed, 10));
    for (const line of themes) expect(line).toContain('Quantization');
    await page.close();
  });

  test('filter options show how many results each leaves once the reader reaches for them, and choosing one finds that many', async () => {
    const page = await open('search/?q=attention');
    const all = await resultCount(page);
    // The counts come when the reader reaches for a filter (the filter indexes load then, see
    // src/client/search.ts); "(0)" on every option was the old bug.
    const filterIndexFetches = () => page.evaluate(() => performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/pagefind/filter/')).length);
    await page.waitForLoadState('networkidle');
    expect(await filterIndexFetches()).toBe(0);
    await page.focus('#search-year');
    await page.waitForFunction(() => [...document.querySelectorAll('#search-year option')].some((o) => /\([1-9]\d*\)$/.test(o.textContent ?? '')));
    const years = await page.locator('#search-year option').evaluateAll((options) =>
      options.slice(1).map((o) => ({ value: (o as HTMLOptionElement).value, count: Number(/\((\d+)\)$/.exec(o.textContent ?? '')?.[1]) })),
    );
    const busiest = years.reduce((a, b) => (b.count > a.count ? b : a));
    expect(busiest.count).toBeGreaterThan(0);
    expect(years.reduce((sum, { count }) => sum + count, 0)).toBeLessThanOrEqual(all);
    await page.selectOption('#search-year', busiest.value);
    await page.waitForFunction((n) => document.getElementById('search-status')?.textContent === `${n} ${n === 1 ? 'paper' : 'papers'} found.`, busiest.count);
    expect(await filterIndexFetches()).toBeGreaterThan(0);
    await page.close();
  });

  test('filters alone (no words): week added and year published list exactly those papers', async () => {
    // The year is the one every list row shows: first arXiv version, else Hugging Face day, else the source's year.
    const rows = rowsOfListJson(JSON.parse(readFileSync(join(site.outDir, 'papers/list.json'), 'utf8')) as ListJson);
    const week = weekId(isoWeekOf(rows[0]!.added));
    const page = await open(`search/?week=${week}`);
    expect(await resultCount(page)).toBe(rows.filter((row) => weekId(isoWeekOf(row.added)) === week).length);
    await page.selectOption('#search-week', '');
    await page.selectOption('#search-year', '2023');
    // The URL and the "Searching…" status change together when the (debounced) search starts.
    await page.waitForFunction(() => new URL(location.href).searchParams.get('year') === '2023' && !location.search.includes('week'));
    expect(await resultCount(page)).toBe(rows.filter((row) => row.year === '2023').length);
    await page.close();
  });

  test('sorting by upvotes orders results by upvotes', async () => {
    const page = await open('search/?q=attention&sort=upvotes');
    const links = await (async () => {
      await resultTitles(page);
      return page.locator('#search-results > li > a.paper-title').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
    })();
    const upvotes = links.map((path) => {
      const $ = readPage(site.outDir, `${path.slice(site.base.length)}index.html`);
      return Number($('[data-pagefind-sort="upvotes"]').text() || -1);
    });
    expect(upvotes).toEqual([...upvotes].sort((a, b) => b - a));
    await page.close();
  });

  test('a search result never says "0 upvotes" (issue 15), and says how many when someone upvoted', async () => {
    const page = await open('search/?q=mamba');
    await resultTitles(page);
    const results = await page.locator('#search-results > li').evaluateAll((items) =>
      items.map((li) => ({ path: li.querySelector<HTMLAnchorElement>('a.paper-title')!.pathname, text: li.textContent ?? '' })),
    );
    const upvotesOf = (path: string) => Number(readPage(site.outDir, `${path.slice(site.base.length)}index.html`)('[data-pagefind-sort="upvotes"]').text());
    // The seeds' Mamba papers include some nobody upvoted and some somebody did.
    expect(results.some(({ path }) => upvotesOf(path) === 0)).toBe(true);
    expect(results.some(({ path }) => upvotesOf(path) > 0)).toBe(true);
    for (const { path, text } of results) {
      const count = upvotesOf(path);
      expect(text, path).not.toMatch(/\b0 upvotes/);
      if (count > 0) expect(text, path).toContain(count === 1 ? '1 upvote' : `${count} upvotes`);
    }
    await page.close();
  });

  test('every sort order returns the same papers (none dropped for a missing date or count)', async () => {
    const counts: Record<string, number> = {};
    for (const sort of ['', 'newest', 'added', 'upvotes']) {
      const page = await open(`search/?q=attention${sort ? `&sort=${sort}` : ''}`);
      counts[sort || 'relevance'] = await resultCount(page);
      await page.close();
    }
    expect(counts.relevance).toBeGreaterThan(10);
    expect(counts).toEqual({ relevance: counts.relevance, newest: counts.relevance, added: counts.relevance, upvotes: counts.relevance });
  });

  test('search JavaScript and Pagefind load only on the search page, where Pagefind loads before a query is typed', async () => {
    const scripts: string[] = [];
    const page = await opened.context.newPage();
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    await page.goto(opened.server.url + flashAttentionPath(), { waitUntil: 'networkidle' });
    expect(scripts).toEqual([]);
    // People open the search page to search: Pagefind loads at once, not on the first keystroke.
    await page.goto(`${opened.server.url}search/`, { waitUntil: 'networkidle' });
    expect(scripts.some((url) => url.endsWith('/pagefind/pagefind.js'))).toBe(true);
    await page.fill('#search-q', 'mamba');
    await page.waitForFunction(() => /found/.test(document.getElementById('search-status')?.textContent ?? ''));
    await page.close();
  });

  test("a freshly opened /search/?q=… asks for Pagefind's entry and metadata while the page is parsed, once each", async () => {
    const page = await open('search/?q=flashattention');
    expect(await resultTitles(page)).toContain('FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness');
    const { entries, parsed } = await page.evaluate(() => ({
      entries: performance
        .getEntriesByType('resource')
        .filter((entry) => /\/pagefind\/(pagefind-entry\.json|pagefind\.[^/]+\.pf_meta)/.test(entry.name))
        .map((entry) => ({ name: new URL(entry.name).pathname, start: entry.startTime })),
      parsed: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domInteractive,
    }));
    // One request each: Pagefind took the responses fetched ahead (src/client/pagefind-prefetch.ts).
    expect(entries.map((entry) => entry.name.replace(/\.[\w]+\.pf_meta$/, '.pf_meta'))).toEqual([`${site.base}pagefind/pagefind-entry.json`, `${site.base}pagefind/pagefind.pf_meta`]);
    // The entry is asked for before the document is parsed, so before any module script runs.
    expect(entries[0]!.start).toBeLessThan(parsed);
    await page.close();
  });

  test('keyboard: skip link, header search, and sorting the papers table', async () => {
    const page = await open('papers/');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    // The first sortable column header is a button reachable by Tab; Enter sorts by title.
    let focused = '';
    for (let i = 0; i < 60 && focused !== 'Title'; i += 1) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => (document.activeElement?.tagName === 'BUTTON' ? document.activeElement.textContent ?? '' : ''));
    }
    expect(focused).toBe('Title');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('th[data-sort="title"]', 'aria-sort')).toBe('ascending');
    await page.waitForURL(/sort=title/);
    await page.waitForFunction(() => /sorted by title/.test(document.getElementById('list-caption')?.textContent ?? ''));
    const titles = await page.locator('table.papers tbody td.title > a').allTextContents();
    expect(titles.length).toBeGreaterThan(100);
    expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    await page.keyboard.press('Enter');
    await page.waitForURL(/dir=desc/);
    expect(await page.getAttribute('th[data-sort="title"]', 'aria-sort')).toBe('descending');

    // Shift+Tab back into the header search box; typing and Enter searches.
    await page.focus('#site-search-q');
    await page.keyboard.type('mamba');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\/\?q=mamba/);
    expect((await resultTitles(page)).length).toBeGreaterThan(0);
    // Results are links reachable with the keyboard.
    await page.focus('#search-q');
    let onResult = false;
    for (let i = 0; i < 12 && !onResult; i += 1) {
      await page.keyboard.press('Tab');
      onResult = await page.evaluate(() => document.activeElement?.closest('#search-results') !== null);
    }
    expect(onResult).toBe(true);
    await page.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`axe-core (WCAG 2.1 AA), ${scheme} scheme: no serious or critical violations`, async () => {
      const schemeContext = await opened.browser.newContext({ colorScheme: scheme });
      const pages = ['', flashAttentionPath(), 'themes/efficient-attention/', 'papers/', 'search/?q=flash+attention'];
      const found: Record<string, unknown> = {};
      for (const path of pages) {
        const page = await schemeContext.newPage();
        await page.goto(opened.server.url + path, { waitUntil: 'networkidle' });
        if (path.startsWith('search/')) await resultTitles(page);
        const violations = await seriousAxeViolations(page);
        if (violations.length > 0) found[path || '/'] = violations;
        await page.close();
      }
      await schemeContext.close();
      expect(found).toEqual({});
    });
  }

  test('readable on a phone: no page scrolls sideways at 360 px (the papers list turns into cards)', async () => {
    const phone = await opened.browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true });
    const overflowing: string[] = [];
    for (const path of ['', flashAttentionPath(), 'papers/', 'themes/', 'themes/efficient-attention/', 'search/?q=attention']) {
      const page = await phone.newPage();
      await page.goto(opened.server.url + path, { waitUntil: 'networkidle' });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 360) overflowing.push(`${path || '/'}: ${width}px`);
      await page.close();
    }
    await phone.close();
    expect(overflowing).toEqual([]);
  });

  test('no console errors, exceptions or failed requests on any page visited above', () => {
    expect(errors).toEqual([]);
  });
});
