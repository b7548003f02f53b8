/**
 * Issue 14 #17: LECTERN_OUT_DIR on another filesystem. Astro stages assets inside the project
 * and renames them into an output folder outside it, which failed the build with EXDEV. The
 * output here goes to /dev/shm (tmpfs), a different device from the project.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, REPO_ROOT, type SiteBuild } from '../helpers/site-build.ts';

const OTHER_MOUNT = '/dev/shm';
let work: string;
let site: SiteBuild;

beforeAll(async () => {
  work = mkdtempSync(join(OTHER_MOUNT, 'lectern-out-'));
  site = await buildSite({ content: 'tests/fixtures/site-content', outDir: join(work, 'dist') });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('an output folder on another filesystem', () => {
  it('really is on another device than the project', () => {
    expect(statSync(OTHER_MOUNT).dev).not.toBe(statSync(REPO_ROOT).dev);
  });

  it('receives the whole site: pages, assets, citation files and the search index', () => {
    expect(existsSync(join(site.outDir, 'index.html'))).toBe(true);
    expect(readdirSync(join(site.outDir, '_astro')).some((name) => name.endsWith('.css'))).toBe(true);
    expect(readdirSync(join(site.outDir, 'papers')).some((name) => name.endsWith('.bib'))).toBe(true);
    expect(existsSync(join(site.outDir, 'pagefind', 'pagefind.js'))).toBe(true);
    expect(existsSync(join(site.outDir, 'sitemap-index.xml'))).toBe(true);
  });
});
