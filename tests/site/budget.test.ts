/**
 * The first-load budget of a paper page: at most 120 KB transferred (gzip) for HTML + CSS + JS +
 * fonts, no render-blocking JavaScript, KaTeX only where there is math. Measured in chromium on
 * the seeded site's heaviest paper page and on a fixture paper with math in its abstract and
 * notes (KaTeX stylesheet and fonts) plus highlighted code.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildSite, filesIn, type SiteBuild } from '../helpers/site-build.ts';
import { browserTestsEnabled, launchBrowser } from '../../scripts/lib/browser.ts';
import { serveStatic, type StaticServer } from '../../scripts/lib/static-server.ts';
import { measureFirstLoad, type TransferEntry } from '../helpers/page-audit.ts';
import { readPage } from '../helpers/site-check.ts';

const BUDGET_BYTES = 120 * 1024;
const MATH_PAPER = 'papers/flashattention-fast-and-memory-efficient-exact-attention-with-io-awareness/';

/** The paper page whose HTML is largest after gzip. */
function heaviestPaperPage(outDir: string): string {
  // A paper page is papers/<slug>/index.html; the list's pages (papers/page/2/, papers/year/2024/, ...) are deeper.
  const pages = filesIn(join(outDir, 'papers'), 'index.html').filter((path) => path.split('/').length === 2);
  const size = (path: string) => gzipSync(readFileSync(join(outDir, 'papers', path))).length;
  const heaviest = pages.reduce((a, b) => (size(a) >= size(b) ? a : b));
  statSync(join(outDir, 'papers', heaviest));
  return `papers/${heaviest.replace(/index\.html$/, '')}`;
}

function renderBlockingScripts(outDir: string, path: string): number {
  const $ = readPage(outDir, `${path}index.html`);
  return $('script').filter((_, el) => {
    const script = $(el);
    const type = script.attr('type');
    if (type && type !== 'module' && type !== 'text/javascript') return false; // data, not code
    return type !== 'module' && script.attr('async') === undefined && script.attr('defer') === undefined;
  }).length;
}

describe.runIf(browserTestsEnabled())('paper page first-load budget', () => {
  let browser: Browser;
  const servers: StaticServer[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    for (const server of servers) await server.close();
  });

  async function measure(site: SiteBuild, path: string): Promise<{ total: number; entries: TransferEntry[] }> {
    const server = await serveStatic(site.outDir, site.base);
    servers.push(server);
    const page = await browser.newPage();
    const entries = await measureFirstLoad(page, server.url + path);
    await page.close();
    const total = entries.reduce((sum, entry) => sum + entry.gzipBytes, 0);
    const byType: Record<string, number> = {};
    for (const entry of entries) byType[entry.type] = (byType[entry.type] ?? 0) + entry.gzipBytes;
    console.info(
      `${path}: ${(total / 1024).toFixed(1)} KB gzip over ${entries.length} requests`,
      Object.fromEntries(Object.entries(byType).map(([type, bytes]) => [type, `${(bytes / 1024).toFixed(1)} KB`])),
    );
    return { total, entries };
  }

  test('the heaviest seeded paper page', async () => {
    const site = await buildSite({ content: 'content' });
    const path = heaviestPaperPage(site.outDir);
    expect(renderBlockingScripts(site.outDir, path)).toBe(0);
    const { total, entries } = await measure(site, path);
    expect(entries.filter((entry) => entry.type === 'script')).toEqual([]);
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  test('a paper with math and notes: KaTeX stylesheet and fonts included', async () => {
    const site = await buildSite({ content: 'tests/fixtures/site-content' });
    expect(renderBlockingScripts(site.outDir, MATH_PAPER)).toBe(0);
    const { total, entries } = await measure(site, MATH_PAPER);
    expect(entries.some((entry) => entry.type === 'stylesheet' && entry.url.includes('katex'))).toBe(true);
    expect(entries.some((entry) => entry.type === 'font' && entry.url.includes('KaTeX'))).toBe(true);
    expect(entries.filter((entry) => entry.type === 'script')).toEqual([]);
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
