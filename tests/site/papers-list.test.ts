/**
 * The papers list on the seeded site (issue 16): pre-rendered filtered lists that work without
 * JavaScript, instant combined filtering and sorting with it (state in the URL), undated papers
 * last both ways, the sticky table header, cards on a 390 px phone with the filters folded, the
 * "No theme" list grouped by week, and axe on the list pages.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { closePage, openPapersListSite, type PapersListSite } from '../helpers/papers-list-site.ts';
import { browserTestsEnabled } from '../../scripts/lib/browser.ts';
import { seriousAxeViolations } from '../helpers/page-audit.ts';
import { readPage } from '../helpers/site-check.ts';
import type { ListRow } from '../../src/core/paper-list/index.ts';

describe.runIf(browserTestsEnabled())('the papers list', () => {
  let list: PapersListSite;

  beforeAll(async () => {
    list = await openPapersListSite('content');
  });
  afterAll(() => list?.dispose());

  test('pre-rendered lists: every year, week and theme has a page holding exactly its papers, newest added first', () => {
    const slugsOn = (path: string) =>
      readPage(list.site.outDir, `${path}index.html`)('table.papers td.title > a')
        .map((_, a) => a.attribs.href!.split('/').at(-2)!)
        .get();
    const byAdded = (list: ListRow[]) => list.map((r) => r.slug).sort((a, b) => slugsOrder.indexOf(a) - slugsOrder.indexOf(b));
    const slugsOrder = slugsOn('papers/');
    expect(slugsOrder.length).toBe(list.rows.length);
    expect(new Set(slugsOrder).size).toBe(list.rows.length);
    const added = slugsOrder.map((slug) => list.rows.find((r) => r.slug === slug)!.added);
    expect(added).toEqual([...added].sort().reverse());
    for (const year of new Set(list.rows.map((r) => r.year).filter(Boolean))) {
      expect(slugsOn(`papers/year/${year}/`)).toEqual(byAdded(list.rows.filter((r) => r.year === year)));
    }
    for (const week of new Set(list.rows.map((r) => r.week))) {
      expect(slugsOn(`papers/week/${week.toLowerCase()}/`)).toEqual(byAdded(list.rows.filter((r) => r.week === week)));
    }
    expect(new Set(slugsOn('themes/ssm/'))).toEqual(new Set(list.rows.filter((r) => r.themes.includes('ssm')).map((r) => r.slug)));
    expect(new Set(slugsOn('themes/unthemed/'))).toEqual(new Set(list.rows.filter((r) => r.themes.length === 0).map((r) => r.slug)));
  });

  test('without JavaScript the filters are links to those lists', async () => {
    const page = await list.open('papers/', { js: false });
    expect(await page.locator('#list-filters').getAttribute('open')).not.toBeNull();
    await page.click('[data-list-filters] a[data-filter="theme"][data-value="ssm"]');
    await page.waitForURL(/\/themes\/ssm\/$/);
    expect(await list.shownSlugs(page)).toHaveLength(list.rows.filter((r) => r.themes.includes('ssm')).length);
    await page.goto(`${list.server.url}papers/`);
    await page.click('[data-list-filters] a[data-filter="year"][data-value="2023"]');
    await page.waitForURL(/\/papers\/year\/2023\/$/);
    expect(await list.shownSlugs(page)).toHaveLength(list.rows.filter((r) => r.year === '2023').length);
    await closePage(page);
  });

  test('with JavaScript filters combine instantly, counts follow, and the view lives in the URL', async () => {
    const page = await list.open('papers/');
    await page.click('[data-list-filters] a[data-filter="theme"][data-value="ssm"]');
    await page.waitForURL(/\?theme=ssm$/);
    await page.click('[data-list-filters] a[data-filter="year"][data-value="2024"]');
    await page.waitForURL(/\?theme=ssm&year=2024$/);
    const expected = list.rows.filter((r) => r.themes.includes('ssm') && r.year === '2024').map((r) => r.slug);
    await page.waitForFunction((n) => document.querySelectorAll('table.papers td.title > a').length === n, expected.length);
    expect(new Set(await list.shownSlugs(page))).toEqual(new Set(expected));
    expect(await page.locator('#list-caption').textContent()).toBe(`${expected.length} papers, sorted by most recently added.`);
    // The year counts are those within the theme.
    const ssm2023 = list.rows.filter((r) => r.themes.includes('ssm') && r.year === '2023').length;
    expect(await page.locator('a[data-filter="year"][data-value="2023"] .count').textContent()).toBe(`(${ssm2023})`);
    // The shared URL opens the same view; Back returns to the previous one.
    const shared = await list.open(`papers/?theme=ssm&year=2024`);
    await shared.waitForFunction((n) => document.querySelectorAll('table.papers td.title > a').length === n, expected.length);
    await closePage(shared);
    await page.goBack();
    await page.waitForURL(/\?theme=ssm$/);
    await page.waitForFunction((n) => document.querySelectorAll('table.papers td.title > a').length === n, list.rows.filter((r) => r.themes.includes('ssm')).length);
    await closePage(page);
  });

  for (const dir of ['desc', 'asc'] as const) {
    test(`sorting by published (${dir}): papers without a date come last`, async () => {
      const page = await list.open(`papers/?sort=published${dir === 'asc' ? '&dir=asc' : ''}`);
      await page.waitForFunction(() => /sorted by published/.test(document.getElementById('list-caption')?.textContent ?? ''));
      const published = (await list.shownSlugs(page)).map((slug) => list.rows.find((r) => r.slug === slug)!.published);
      const undated = published.filter((day) => day === null).length;
      expect(undated).toBeGreaterThan(0);
      expect(published.slice(-undated).every((day) => day === null)).toBe(true);
      const dated = published.slice(0, -undated) as string[];
      expect(dated).toEqual([...dated].sort((a, b) => (dir === 'asc' ? a.localeCompare(b) : b.localeCompare(a))));
      expect(await page.locator('#list-sort').inputValue()).toBe('published');
      await closePage(page);
    });
  }

  test('on a wide screen the list is a wide table whose header stays in view', async () => {
    const page = await list.open('papers/');
    expect(await page.locator('main').evaluate((main) => main.getBoundingClientRect().width)).toBeGreaterThan(1100);
    expect(await page.locator('table.papers thead th').first().evaluate((th) => getComputedStyle(th).position)).toBe('sticky');
    await page.mouse.wheel(0, 3000);
    await page.waitForFunction(() => window.scrollY > 2000);
    const top = await page.locator('table.papers thead th').first().evaluate((th) => th.getBoundingClientRect().top);
    expect(top).toBe(0);
    await closePage(page);
  });

  test('on a 390 px phone: cards, no sideways scroll, filters folded behind one control', async () => {
    for (const path of ['papers/', 'themes/unthemed/', 'papers/year/2024/', 'search/?q=attention']) {
      const page = await list.open(path, { width: 390 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
      const folded = await page.locator('details#list-filters, details#search-filters').evaluate((details) => (details as HTMLDetailsElement).open);
      expect(folded, path).toBe(false);
      if (!path.startsWith('search/')) {
        expect(await page.locator('table.papers tbody tr').first().evaluate((tr) => getComputedStyle(tr).display)).toBe('block');
        // The column headings are for screen readers only: each card labels its own values.
        expect(await page.locator('table.papers thead').evaluate((thead) => thead.getBoundingClientRect().height)).toBeLessThanOrEqual(1);
      }
      await closePage(page);
    }
  });

  test('"No theme" lists its papers grouped by the week they were added', () => {
    const $ = readPage(list.site.outDir, 'themes/unthemed/index.html');
    const groups = $('table.papers tr.group th').map((_, th) => $(th).text()).get();
    const weeks = [...new Set(list.rows.filter((r) => r.themes.length === 0).map((r) => r.week))].sort().reverse();
    // Headings read "Added in Week 47, 2026 (1 paper)", linked to that week's digest.
    const weekOf = (text: string) => text.replace(/^.*Week (\d+), (\d{4}).*$/s, (_, week: string, year: string) => `${year}-W${week.padStart(2, '0')}`);
    expect(groups.map(weekOf)).toEqual(weeks);
  });

  test('themes for readers: cards show a one-line summary, the theme page the criteria under "What belongs here"', async () => {
    const $ = readPage(list.site.outDir, 'themes/index.html');
    const cards = $('.theme-grid > li p').map((_, p) => $(p).text()).get();
    expect(cards.some((text) => /merely use a Transformer/.test(text))).toBe(false);
    const theme = readPage(list.site.outDir, 'themes/efficient-attention/index.html');
    expect(theme('h2#criteria-heading').text()).toBe('What belongs here');
    expect(theme('section[aria-labelledby="criteria-heading"] p').text()).toContain('Papers that merely use a Transformer do not.');
    expect(theme('p.lead').text()).toBe(cards[0]);
    const page = await list.open('themes/');
    const heights = await page.locator('.theme-grid > li').evaluateAll((items) => items.map((li) => li.getBoundingClientRect().height));
    expect(Math.max(...heights) / Math.min(...heights)).toBeLessThan(1.6);
    await closePage(page);
  });

  test('"No theme" is a search filter too', async () => {
    const page = await list.open('search/?theme=No+theme');
    await page.waitForFunction(() => /found/.test(document.getElementById('search-status')?.textContent ?? ''));
    const status = (await page.locator('#search-status').textContent()) ?? '';
    expect(Number(/\d+/.exec(status)?.[0])).toBe(list.rows.filter((r) => r.themes.length === 0).length);
    await closePage(page);
  });

  test('without JavaScript the search page links to the filtered lists', async () => {
    const page = await list.open('search/?q=mamba', { js: false });
    const links = await page.locator('noscript a, .noscript-lists a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
    expect(links).toEqual(expect.arrayContaining([`${list.site.base}themes/ssm/`, `${list.site.base}themes/unthemed/`, `${list.site.base}papers/year/2024/`]));
    await closePage(page);
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`axe-core, ${scheme}: list pages with and without filters, desktop and phone`, async () => {
      const found: Record<string, unknown> = {};
      for (const [path, width] of [['papers/', 1280], ['papers/?theme=moe&sort=upvotes', 1280], ['themes/unthemed/', 1280], ['papers/', 390]] as const) {
        const context = await list.browser.newContext({ colorScheme: scheme, viewport: { width, height: 900 } });
        const page = await context.newPage();
        await page.goto(list.server.url + path, { waitUntil: 'networkidle' });
        const violations = await seriousAxeViolations(page);
        if (violations.length > 0) found[`${path} @${width}`] = violations;
        await context.close();
      }
      expect(found).toEqual({});
    }, 120_000);
  }

  test('no console errors or failed requests on the pages above', () => {
    expect(list.errors).toEqual([]);
  });
});
