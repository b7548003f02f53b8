/**
 * The digest pages in chromium: no serious or critical axe-core (WCAG 2.1 AA) violations, no
 * console errors, math rendered, the week navigation, the contents and a theme page's week
 * groups work from the keyboard, and the seeded W48 digest stays short on a desktop screen.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { buildSite, type SiteBuild } from '../helpers/site-build.ts';
import { browserTestsEnabled } from '../../scripts/lib/browser.ts';
import { openInBrowser } from '../helpers/browser-site.ts';
import { collectPageErrors, seriousAxeViolations } from '../helpers/page-audit.ts';
import { readPage } from '../helpers/site-check.ts';

const CONTENT = process.env.LECTERN_DIGEST_TEST_CONTENT ?? 'content';

describe.runIf(browserTestsEnabled())('digest pages in chromium', () => {
  let site: SiteBuild;

  beforeAll(async () => {
    site = await buildSite({ content: CONTENT });
  });
  const opened = openInBrowser(() => site, { viewport: { width: 1100, height: 900 } });

  /** Week slugs newest first, as the digest list shows them. */
  function weeks(): string[] {
    const $ = readPage(site.outDir, 'digests/index.html');
    return $('.digest-list > li > a.paper-title')
      .map((_, el) => $(el).attr('href')!.slice(`${site.base}digests/`.length).replace(/\/$/, ''))
      .get();
  }

  async function open(path: string): Promise<{ page: Page; errors: string[] }> {
    const page = await opened.context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(opened.server.url + path, { waitUntil: 'networkidle' });
    return { page, errors };
  }

  test('the digest list, every digest page, a theme page and home pass axe with no console errors', async () => {
    for (const path of ['digests/', ...weeks().map((week) => `digests/${week}/`), 'themes/efficient-attention/', '']) {
      const { page, errors } = await open(path);
      expect(await seriousAxeViolations(page), path).toEqual([]);
      expect(errors, path).toEqual([]);
      await page.close();
    }
  });

  test('keyboard: Tab reaches the previous-week link and Enter follows it', async () => {
    const [newest, older] = weeks();
    expect(older).toBeDefined();
    const { page } = await open(`digests/${newest}/`);
    let reached = false;
    for (let i = 0; i < 400 && !reached; i += 1) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.getAttribute('rel') === 'prev');
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/digests/${older}/`);
    expect(await page.locator('h1').count()).toBe(1);
    await page.close();
  });

  test('keyboard: a contents link takes the reader to its section', async () => {
    const [newest] = weeks();
    const { page } = await open(`digests/${newest}/`);
    let target: string | null = null;
    for (let i = 0; i < 100 && !target; i += 1) {
      await page.keyboard.press('Tab');
      target = await page.evaluate(() => (document.activeElement?.closest('.digest-contents') ? document.activeElement.getAttribute('href') : null));
    }
    expect(target).toMatch(/^#/);
    await page.keyboard.press('Enter');
    await page.waitForFunction((hash) => location.hash === hash, target);
    const top = await page.evaluate((id) => document.getElementById(id)!.getBoundingClientRect().top, target!.slice(1));
    expect(Math.abs(top)).toBeLessThan(50);
    await page.close();
  });

  test('keyboard: on a theme page, Tab reaches the newest week\'s group heading and Enter opens that digest', async () => {
    const [newest] = weeks();
    const { page } = await open('themes/efficient-attention/');
    let reached = false;
    for (let i = 0; i < 100 && !reached; i += 1) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.closest('tr.group') !== null);
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/digests/${newest}/`);
    await page.close();
  });

  // Only the seeded content has this week (LECTERN_DIGEST_TEST_CONTENT runs these tests on other content).
  test.runIf(CONTENT === 'content')('the seeded W48 digest is at most 40% of its height before issue 15 (8,052 px at 1280 px wide)', async () => {
    const { page } = await open('digests/2026-w48/');
    await page.setViewportSize({ width: 1280, height: 800 });
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThanOrEqual(Math.floor(8052 * 0.4));
    // "Other" is compact: one line per paper (title, first author and year).
    const otherRows = await page.$$eval('.digest-other .paper-list > li', (rows) =>
      rows.map((row) => row.getBoundingClientRect().height / parseFloat(getComputedStyle(row).lineHeight)),
    );
    expect(otherRows.length).toBeGreaterThan(0);
    for (const lines of otherRows) expect(lines).toBeLessThan(1.5);
    // And it still fits a phone: nothing wider than 390 px.
    await page.setViewportSize({ width: 390, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.close();
  });
});
