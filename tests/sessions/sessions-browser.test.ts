/**
 * The sessions pages in chromium (issue 15, "Reading sessions"): no serious or critical axe-core
 * (WCAG 2.1 AA) violations and no console errors on /sessions/ and a session page, nothing wider
 * than a 390 px phone, and the keyboard reaches a session from the list and opens it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildSite, type SiteBuild } from '../helpers/site-build.ts';
import { browserTestsEnabled, launchBrowser } from '../../scripts/lib/browser.ts';
import { serveStatic, type StaticServer } from '../../scripts/lib/static-server.ts';
import { collectPageErrors, seriousAxeViolations } from '../helpers/page-audit.ts';

describe.runIf(browserTestsEnabled())('sessions pages in chromium', () => {
  let site: SiteBuild;
  let server: StaticServer;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    site = await buildSite({ content: 'tests/fixtures/site-content', base: '/reading-group/' });
    server = await serveStatic(site.outDir, site.base);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  }, 600_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  async function open(path: string): Promise<{ page: Page; errors: string[] }> {
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(server.url + path, { waitUntil: 'networkidle' });
    return { page, errors };
  }

  test('/sessions/, a session page and home pass axe with no console errors, and fit 390 px', async () => {
    for (const path of ['sessions/', 'sessions/2026-11-19/', '']) {
      const { page, errors } = await open(path);
      expect(await seriousAxeViolations(page), path).toEqual([]);
      expect(errors, path).toEqual([]);
      await page.setViewportSize({ width: 390, height: 800 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
      await page.close();
    }
  });

  test('keyboard: Tab reaches the session in the list and Enter opens its page', async () => {
    const { page } = await open('sessions/');
    let reached = false;
    for (let i = 0; i < 100 && !reached; i += 1) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.closest('.session-list') !== null && document.activeElement?.classList.contains('paper-title') === true);
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/sessions/2026-11-19/');
    expect(await page.locator('h1').textContent()).toBe('Reading session, 19 Nov 2026');
    await page.close();
  });
});
