/**
 * A built site served on 127.0.0.1 and a chromium browser with one context, opened before the
 * tests of the describe block that calls this and closed after them. Read `server`, `browser` and
 * `context` inside tests (they are set in beforeAll).
 */
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from '../../scripts/lib/browser.ts';
import { serveStatic, type StaticServer } from '../../scripts/lib/static-server.ts';

export interface OpenedSite {
  server: StaticServer;
  browser: Browser;
  /** A context made with the options given, for tests that share one. */
  context: BrowserContext;
}

/** `site` is called in beforeAll, after the file's own beforeAll has built the site. */
export function openInBrowser(site: () => { outDir: string; base: string }, contextOptions: BrowserContextOptions = {}): OpenedSite {
  const opened = {} as OpenedSite;
  beforeAll(async () => {
    const { outDir, base } = site();
    opened.server = await serveStatic(outDir, base);
    opened.browser = await launchBrowser();
    opened.context = await opened.browser.newContext(contextOptions);
  });
  afterAll(async () => {
    await opened.context?.close();
    await opened.browser?.close();
    await opened.server?.close();
  });
  return opened;
}
