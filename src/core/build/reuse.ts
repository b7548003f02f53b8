/**
 * How many pages an incremental build reused, read off Astro's incremental-build manifest
 * (`<cacheDir>/incremental-build.json`) before and after the build. Astro logs each reused page
 * but does not count them; this applies the rule Astro applies (astro/dist/core/build/
 * incremental.js, `canSkip`): a path is reused when its route's module-graph hash, its
 * `cacheKey` and the hashes of the content entries it rendered are all what they were.
 */

/** The part of Astro's manifest (version 1) the count reads. */
export interface IncrementalManifest {
  version: number;
  routes: Record<string, { dependencyHash: string; paths: Record<string, { cacheKey: string; outputFile: string; contentHashes?: Record<string, string> }> }>;
}

export const MANIFEST_VERSION = 1;

/** Astro's manifest file, in its cacheDir (astro/dist/core/build/incremental.js). */
export const INCREMENTAL_MANIFEST = 'incremental-build.json';

export interface ReuseCount {
  /** Paths with a cache key in this build. */
  keyed: number;
  /** Keyed paths whose previous output was reused. */
  reused: number;
}

/** A manifest this code understands, or null (missing, unreadable or another version). */
export function parseManifest(text: string | null): IncrementalManifest | null {
  if (text === null) return null;
  try {
    const data = JSON.parse(text) as IncrementalManifest;
    return data && data.version === MANIFEST_VERSION && typeof data.routes === 'object' ? data : null;
  } catch {
    return null;
  }
}

function sameHashes(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const keysA = Object.keys(a ?? {});
  return keysA.length === Object.keys(b ?? {}).length && keysA.every((key) => a![key] === b?.[key]);
}

/** An HTML page, as opposed to a keyed endpoint's file (`digests/2026-w48.bib`). */
export const isHtmlPage = (outputFile: string): boolean => outputFile.endsWith('.html');

/**
 * Reused paths of the build that wrote `next`, given the manifest the build started from; only
 * paths whose output file `counts` (by default every keyed path).
 */
export function countReuse(previous: IncrementalManifest | null, next: IncrementalManifest, counts: (outputFile: string) => boolean = () => true): ReuseCount {
  let keyed = 0;
  let reused = 0;
  for (const [route, entry] of Object.entries(next.routes)) {
    const before = previous?.routes[route];
    for (const [path, now] of Object.entries(entry.paths)) {
      if (!counts(now.outputFile)) continue;
      keyed += 1;
      const then = before?.paths[path];
      if (before && then && before.dependencyHash === entry.dependencyHash && then.cacheKey === now.cacheKey && sameHashes(then.contentHashes, now.contentHashes)) {
        reused += 1;
      }
    }
  }
  return { keyed, reused };
}

/**
 * The files of every keyed path, relative to the output folder. Astro records each as the
 * relative part of a file URL (`outFile.href`), so non-ASCII and reserved characters arrive
 * percent-encoded; a file name never holds a "/", so decoding the whole string is exact.
 */
export function keyedOutputFiles(manifest: IncrementalManifest): string[] {
  return Object.values(manifest.routes).flatMap((route) => Object.values(route.paths).map((path) => decodeURIComponent(path.outputFile)));
}
