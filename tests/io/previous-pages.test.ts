/**
 * src/io/previous-pages.ts (issue 17): the keyed pages of the last finished build are linked into
 * the next build's output folder, never a page that build did not write as it is now, and the
 * carried pages no path claims any more are deleted after the build.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INCREMENTAL_MANIFEST, keyedOutputFiles, type IncrementalManifest } from '../../src/core/build/reuse.ts';
import { carryPages, forgetFinishedSite, recordFinishedSite, removeStaleCarriedPages } from '../../src/io/previous-pages.ts';

let work: string;
let cache: string;
let previous: string;
let next: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'lectern-previous-pages-'));
  [cache, previous, next] = ['cache', 'previous', 'next'].map((name) => join(work, name)) as [string, string, string];
  mkdirSync(cache);
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** Astro's manifest with these keyed paths (URL path -> output file as Astro records it). */
function writeManifest(paths: Record<string, string>): void {
  const manifest: IncrementalManifest = {
    version: 1,
    routes: { 'src/pages/papers/[slug].astro': { dependencyHash: 'dep', paths: Object.fromEntries(Object.entries(paths).map(([path, outputFile]) => [path, { cacheKey: `key ${path}`, outputFile }])) } },
  };
  writeFileSync(join(cache, INCREMENTAL_MANIFEST), JSON.stringify(manifest));
}

function writePage(site: string, file: string, text: string): void {
  mkdirSync(dirname(join(site, file)), { recursive: true });
  writeFileSync(join(site, file), text);
}

/** A finished build: two paper pages (one with a non-ASCII slug), the home page, recorded. */
function finishedBuild(): void {
  writeManifest({ '/papers/a/': 'papers/a/index.html', '/papers/ünï/': 'papers/%C3%BCn%C3%AF/index.html' });
  writePage(previous, 'papers/a/index.html', 'A');
  writePage(previous, 'papers/ünï/index.html', 'U');
  writePage(previous, 'index.html', 'home');
  recordFinishedSite(previous, cache);
}

describe('keyedOutputFiles', () => {
  it('gives the file of every keyed path, decoded from the URL form Astro records', () => {
    finishedBuild();
    const manifest = JSON.parse(readFileSync(join(cache, INCREMENTAL_MANIFEST), 'utf8')) as IncrementalManifest;
    expect(keyedOutputFiles(manifest).sort()).toEqual(['papers/a/index.html', 'papers/ünï/index.html']);
  });
});

describe('carryPages', () => {
  it('links the keyed pages of the last finished build into the new folder, and nothing else', () => {
    finishedBuild();
    const carried = carryPages(previous, next, cache);
    expect([...carried.keys()].sort()).toEqual(['papers/a/index.html', 'papers/ünï/index.html']);
    expect(readFileSync(join(next, 'papers/ünï/index.html'), 'utf8')).toBe('U');
    // A link, not a copy: the same file.
    expect(statSync(join(next, 'papers/a/index.html')).ino).toBe(statSync(join(previous, 'papers/a/index.html')).ino);
    expect(existsSync(join(next, 'index.html'))).toBe(false);
  });

  it('carries nothing from a folder no build finished (a killed build, or none recorded)', () => {
    finishedBuild();
    forgetFinishedSite(cache);
    expect(carryPages(previous, next, cache).size).toBe(0);
    expect(existsSync(next)).toBe(false);
  });

  it('carries nothing when the manifest is not the one the finished build wrote', () => {
    finishedBuild();
    writeManifest({ '/papers/a/': 'papers/a/index.html' });
    expect(carryPages(previous, next, cache).size).toBe(0);
  });

  it('leaves out a page changed since the build wrote it (edited by hand, or by a deploy step)', () => {
    finishedBuild();
    writeFileSync(join(previous, 'papers/a/index.html'), 'A, edited');
    const later = new Date(Date.now() + 5_000);
    writeFileSync(join(previous, 'papers/ünï/index.html'), 'V'); // same size
    utimesSync(join(previous, 'papers/ünï/index.html'), later, later);
    expect(carryPages(previous, next, cache).size).toBe(0);
  });
});

describe('removeStaleCarriedPages', () => {
  it('deletes the carried pages the new build neither listed nor wrote again, with their empty folders', () => {
    finishedBuild();
    writePage(previous, 'papers/b/index.html', 'B');
    writeManifest({ '/papers/a/': 'papers/a/index.html', '/papers/ünï/': 'papers/%C3%BCn%C3%AF/index.html', '/papers/b/': 'papers/b/index.html' });
    recordFinishedSite(previous, cache);
    const carried = carryPages(previous, next, cache);
    expect(carried.size).toBe(3);
    // The new build: paper b is gone, "ünï" is now rendered by a route without a key (written again).
    writeManifest({ '/papers/a/': 'papers/a/index.html' });
    const rewritten = join(next, 'papers/ünï/index.html');
    rmSync(rewritten);
    writeFileSync(rewritten, 'U again');
    const later = new Date(Date.now() + 5_000);
    utimesSync(rewritten, later, later);
    expect(removeStaleCarriedPages(next, carried, cache)).toBe(1);
    expect(existsSync(join(next, 'papers/b'))).toBe(false);
    expect(readFileSync(join(next, 'papers/a/index.html'), 'utf8')).toBe('A');
    expect(readFileSync(rewritten, 'utf8')).toBe('U again');
  });
});
