/**
 * A built site served on 127.0.0.1 and a chromium browser, opened before the tests of the
 * describe block that calls this and closed after them. Read `server` and `browser` inside tests
 * (they are set in beforeAll).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from '../../scripts/lib/browser.ts';
import { serveStatic, type StaticServer } from '../../scripts/lib/static-server.ts';

export interface OpenedSite {
  server: StaticServer;
  browser: Browser;
}

/** `site` is called in beforeAll, after the file's own beforeAll has built the site. */
export function openInBrowser(site: () => { outDir: string; base: string }): OpenedSite {
  const opened = {} as OpenedSite;
  beforeAll(async () => {
    const { outDir, base } = site();
    opened.server = await serveStatic(outDir, base);
    opened.browser = await launchBrowser();
  });
  afterAll(async () => {
    await opened.browser?.close();
    await opened.server?.close();
  });
  return opened;
}
