/**
 * A built site served to chromium for the papers-list tests: the list's rows from
 * papers/list.json, pages opened at a width with or without JavaScript, and every console error
 * or failed request those pages had.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildSite, type SiteBuild } from './site-build.ts';
import { collectPageErrors } from './page-audit.ts';
import { launchBrowser } from '../../scripts/lib/browser.ts';
import { serveStatic, type StaticServer } from '../../scripts/lib/static-server.ts';
import { rowsOfListJson, type ListJson, type ListRow } from '../../src/core/paper-list/index.ts';

export interface PapersListSite {
  site: SiteBuild;
  server: StaticServer;
  browser: Browser;
  /** Every paper's row, as the list script reads them. */
  rows: ListRow[];
  /** `path: error` for each console error or failed request of the pages opened so far. */
  errors: string[];
  open(path: string, options?: { width?: number; js?: boolean }): Promise<Page>;
  /** The slugs of the papers a list page shows, in order. */
  shownSlugs(page: Page): Promise<string[]>;
  dispose(): Promise<void>;
}

export async function openPapersListSite(content: string): Promise<PapersListSite> {
  const site = await buildSite({ content });
  const server = await serveStatic(site.outDir, site.base);
  const browser = await launchBrowser();
  const rows = rowsOfListJson(JSON.parse(readFileSync(join(site.outDir, 'papers/list.json'), 'utf8')) as ListJson);
  const errors: string[] = [];
  return {
    site,
    server,
    browser,
    rows,
    errors,
    async open(path, { width = 1280, js = true } = {}) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: js, isMobile: width < 500 });
      const page = await context.newPage();
      const pageErrors = collectPageErrors(page);
      page.on('close', () => errors.push(...pageErrors.map((error) => `${path}: ${error}`)));
      await page.goto(server.url + path, { waitUntil: 'networkidle' });
      return page;
    },
    shownSlugs: (page) =>
      page.locator('table.papers td.title > a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname.split('/').at(-2)!)),
    async dispose() {
      await browser.close();
      await server.close();
    },
  };
}

/** Closes a page opened by `open`, with its browser context. */
export const closePage = (page: Page): Promise<void> => page.context().close();
