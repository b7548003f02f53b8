/**
 * The site published under a sub-path, as on GitHub Pages project sites
 * (LECTERN_BASE=/reading-group/): every link, asset, canonical URL and search result stays
 * under the base path.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildSite, filesIn, type SiteBuild } from '../helpers/site-build.ts';
import { findBrokenLinks, readPage } from '../helpers/site-check.ts';
import { browserTestsEnabled } from '../../scripts/lib/browser.ts';
import { openInBrowser } from '../helpers/browser-site.ts';
import { collectPageErrors } from '../helpers/page-audit.ts';

const BASE = '/reading-group/';
const SITE = 'https://example.github.io';
const PAPER = 'papers/flashattention-fast-and-memory-efficient-exact-attention-with-io-awareness/';

let site: SiteBuild;
beforeAll(async () => {
  site = await buildSite({ content: 'tests/fixtures/site-content', base: BASE, site: SITE });
});

describe('built files', () => {
  test('every root-relative URL in every page starts with the base path', () => {
    const offenders: string[] = [];
    for (const path of filesIn(site.outDir, '.html').filter((p) => !p.startsWith('pagefind/'))) {
      const $ = readPage(site.outDir, path);
      $('[href], [src], [action]').each((_, el) => {
        for (const attribute of ['href', 'src', 'action']) {
          const value = $(el).attr(attribute);
          if (value?.startsWith('/') && !value.startsWith(BASE)) offenders.push(`${path}: ${attribute}="${value}"`);
        }
      });
    }
    expect(offenders).toEqual([]);
  });

  test('canonical and Open Graph URLs include the base path; robots and sitemap too', () => {
    const $ = readPage(site.outDir, `${PAPER}index.html`);
    expect($('link[rel="canonical"]').attr('href')).toBe(`${SITE}${BASE}${PAPER}`);
    expect($('meta[property="og:url"]').attr('content')).toBe(`${SITE}${BASE}${PAPER}`);
    expect(readFileSync(join(site.outDir, 'robots.txt'), 'utf8')).toContain(`Sitemap: ${SITE}${BASE}sitemap-index.xml`);
    expect(readFileSync(join(site.outDir, 'sitemap-0.xml'), 'utf8')).toContain(`<loc>${SITE}${BASE}${PAPER}</loc>`);
  });

  test('no broken internal links or anchors', () => {
    expect(findBrokenLinks(site.outDir, site.base, site.site)).toEqual([]);
  });
});

describe.runIf(browserTestsEnabled())('served under the sub-path', () => {
  const opened = openInBrowser(() => ({ outDir: site.outDir, base: BASE }));

  test('navigation, styles, math and search work without leaving the base path', async () => {
    const page = await opened.browser.newPage();
    const errors = collectPageErrors(page);
    await page.goto(opened.server.url, { waitUntil: 'networkidle' });
    // The stylesheet applied: the header is a flex row.
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('.header-row')!).display)).toBe('flex');

    await page.click('nav >> text=Papers');
    await page.waitForURL(`${opened.server.url}papers/`);
    await page.click('table.papers a[href*="flashattention"]');
    await page.waitForURL(`${opened.server.url}${PAPER}`);
    await page.waitForLoadState('networkidle');
    // KaTeX stylesheet and fonts load from under the base path.
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('.katex')!).fontFamily)).toContain('KaTeX');

    await page.click('article a.chip');
    await page.waitForURL(`${opened.server.url}themes/efficient-attention/`);

    await page.fill('#site-search-q', 'flash attention');
    await page.press('#site-search-q', 'Enter');
    await page.waitForURL(`${opened.server.url}search/?q=flash+attention`);
    await page.waitForFunction(() => /found/.test(document.getElementById('search-status')?.textContent ?? ''));
    const first = page.locator('#search-results > li > a').first();
    expect(await first.getAttribute('href')).toBe(`${BASE}${PAPER}`);
    await first.click();
    await page.waitForURL(`${opened.server.url}${PAPER}`);
    expect(errors).toEqual([]);

    // Notes are indexed; navigation and footer text are not.
    const search = async (query: string) => {
      await page.goto(`${opened.server.url}search/?q=${encodeURIComponent(query)}`);
      await page.waitForFunction(() => /found/.test(document.getElementById('search-status')?.textContent ?? ''));
      return page.locator('#search-results > li > a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    };
    expect(await search('short sequence lengths')).toEqual([`${BASE}${PAPER}`]);
    expect(await search('lectern')).toEqual([]); // the site name in the header and footer
    expect(await search('skip')).toEqual([]); // the skip link

    const notFound = await page.goto(`${opened.server.url}no-such-page/`);
    expect(notFound?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Page not found');
    await page.close();
  });
});
