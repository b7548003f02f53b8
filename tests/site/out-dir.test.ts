/**
 * Issue 14 #17: LECTERN_OUT_DIR on another filesystem. Astro stages assets inside the project
 * and renames them into an output folder outside it, which failed the build with EXDEV. The
 * output here goes to /dev/shm (tmpfs), a different device from the project. The site is built
 * there twice with the same caches, as the weekly routine does: the rebuild carries the
 * previous site's pages over from the other device (src/io/previous-pages.ts links what it can)
 * and moves the new site across again.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesIn, REPO_ROOT, runSiteBuild } from '../helpers/site-build.ts';

const OTHER_MOUNT = '/dev/shm';
let work: string;
let outDir: string;
let first: Map<string, Buffer>;
let logs: string[];

/** Every file of the built site and its bytes. */
function snapshot(dir: string): Map<string, Buffer> {
  return new Map(filesIn(dir, '').map((file) => [file, readFileSync(join(dir, file))]));
}

beforeAll(async () => {
  work = mkdtempSync(join(OTHER_MOUNT, 'lectern-out-'));
  outDir = join(work, 'dist');
  const caches = mkdtempSync(join(REPO_ROOT, '.cache', 'out-dir-caches-'));
  const env = {
    LECTERN_CONTENT: join(REPO_ROOT, 'tests/fixtures/site-content'),
    LECTERN_OUT_DIR: outDir,
    LECTERN_CACHE_DIR: join(caches, 'astro'),
    LECTERN_OG_CACHE: join(caches, 'og'),
    LECTERN_CITATION_CACHE: join(caches, 'citations.json'),
  };
  try {
    logs = [await runSiteBuild(env)];
    first = snapshot(outDir);
    logs.push(await runSiteBuild(env));
  } finally {
    rmSync(caches, { recursive: true, force: true });
  }
}, 1_200_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('an output folder on another filesystem', () => {
  it('really is on another device than the project', () => {
    expect(statSync(OTHER_MOUNT).dev).not.toBe(statSync(REPO_ROOT).dev);
  });

  it('receives the whole site: pages, assets, citation files and the search index', () => {
    expect(existsSync(join(outDir, 'index.html'))).toBe(true);
    expect(readdirSync(join(outDir, '_astro')).some((name) => name.endsWith('.css'))).toBe(true);
    expect(readdirSync(join(outDir, 'papers')).some((name) => name.endsWith('.bib'))).toBe(true);
    expect(existsSync(join(outDir, 'pagefind', 'pagefind.js'))).toBe(true);
    expect(existsSync(join(outDir, 'sitemap-index.xml'))).toBe(true);
  });

  it('is rebuilt there with the same caches: the same site, byte for byte', () => {
    expect(logs[1]).toMatch(/moved the site to /);
    const again = snapshot(outDir);
    expect([...again.keys()].sort()).toEqual([...first.keys()].sort());
    const differing = [...first].filter(([file, bytes]) => !again.get(file)!.equals(bytes)).map(([file]) => file);
    expect(differing).toEqual([]);
  });
});
