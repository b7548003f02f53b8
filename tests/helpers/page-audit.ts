/**
 * Browser-side checks shared by browser tests: axe-core accessibility audit, console error
 * collection, and the transfer size of a page's first load.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './site-build.ts';

const AXE_SOURCE = readFileSync(join(REPO_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** axe-core with the WCAG 2.0/2.1 A and AA rules; returns the serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Collects console errors, uncaught exceptions and failed (4xx/5xx) requests of a page. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`exception: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return errors;
}

export interface TransferEntry {
  url: string;
  type: string;
  bytes: number;
  gzipBytes: number;
}

/**
 * Loads `url` in a fresh page and returns every response with its size gzip-compressed (what a
 * static host serving gzip would transfer; already-compressed fonts barely change).
 */
export async function measureFirstLoad(page: Page, url: string): Promise<TransferEntry[]> {
  const entries: Promise<TransferEntry | null>[] = [];
  page.on('response', (response) => {
    entries.push(
      response
        .body()
        .then((body) => ({
          url: response.url(),
          type: response.request().resourceType(),
          bytes: body.length,
          gzipBytes: gzipSync(body).length,
        }))
        .catch(() => null),
    );
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.evaluate(() => document.fonts.ready);
  await page.waitForLoadState('networkidle');
  return (await Promise.all(entries)).filter((entry): entry is TransferEntry => entry !== null);
}
