/**
 * The previous build's pages, kept instead of copied (README, "Incremental builds"). Astro's
 * incremental build reuses a page whose key is unchanged by copying its HTML back from its cache
 * into the emptied output folder, unless the file is already there (astro/dist/core/build/
 * generate.js: `existsInDist`): 10,559 copies took 11-17 s of a warm 10,000-paper rebuild.
 * `npm run build` instead hard-links the pages of the previous site into the new output folder
 * before Astro starts, Astro leaves those whose key is unchanged as they are and overwrites the
 * others, and the carried pages no path claims any more are deleted after the build.
 *
 * A page is carried only from a site that `npm run build` finished, and only while the file is
 * what that build wrote (size and mtime recorded then): a build that was killed, a page edited
 * by hand or a dist/ from elsewhere is never taken for the previous build's output.
 */
import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmdirSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { INCREMENTAL_MANIFEST, keyedOutputFiles, parseManifest } from '../core/build/reuse.ts';
import { writeFileAtomic } from './atomic.ts';

/** What the last finished build left in the output folder, in Astro's cacheDir. */
export const FINISHED_SITE = 'lectern-finished-site.json';

interface FinishedSite {
  /** sha256 of the manifest the build wrote: the pages below are that manifest's outputs. */
  manifest: string;
  /** Each keyed page, relative to the site, with its size and mtime (ms) when the build finished. */
  files: Record<string, [number, number]>;
}

/** Keyed pages carried into a new output folder, with the mtime each had when it was linked. */
export type CarriedPages = Map<string, number>;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function readManifestText(cacheDir: string): string | null {
  const file = join(cacheDir, INCREMENTAL_MANIFEST);
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

/** Forgets the finished site: from now on the output folder may hold anything (a build started). */
export function forgetFinishedSite(cacheDir: string): void {
  rmSync(join(cacheDir, FINISHED_SITE), { force: true });
}

/** Records the keyed pages of `site`, which a build has just finished writing, for the next build. */
export function recordFinishedSite(site: string, cacheDir: string): void {
  const text = readManifestText(cacheDir);
  const manifest = parseManifest(text);
  if (!text || !manifest) return;
  const files: FinishedSite['files'] = {};
  for (const file of keyedOutputFiles(manifest)) {
    const stat = statSync(join(site, file), { throwIfNoEntry: false });
    if (stat?.isFile()) files[file] = [stat.size, stat.mtimeMs];
  }
  writeFileAtomic(join(cacheDir, FINISHED_SITE), `${JSON.stringify({ manifest: sha256(text), files } satisfies FinishedSite)}\n`);
}

/**
 * Hard-links into `outDir` every keyed page of `previousSite` that the last finished build
 * wrote there and the manifest in `cacheDir` still lists, unchanged since. Stops at the first
 * page that cannot be linked (another file system): Astro copies the rest from its cache.
 */
export function carryPages(previousSite: string, outDir: string, cacheDir: string): CarriedPages {
  const carried: CarriedPages = new Map();
  const recordFile = join(cacheDir, FINISHED_SITE);
  const text = readManifestText(cacheDir);
  if (!text || !existsSync(recordFile)) return carried;
  let record: FinishedSite;
  try {
    record = JSON.parse(readFileSync(recordFile, 'utf8')) as FinishedSite;
  } catch {
    return carried;
  }
  if (record.manifest !== sha256(text)) return carried;
  const made = new Set<string>();
  for (const [file, [size, mtimeMs]] of Object.entries(record.files)) {
    const source = join(previousSite, file);
    const stat = statSync(source, { throwIfNoEntry: false });
    if (!stat?.isFile() || stat.size !== size || stat.mtimeMs !== mtimeMs) continue;
    const target = join(outDir, file);
    const folder = dirname(target);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    try {
      linkSync(source, target);
    } catch {
      break;
    }
    carried.set(file, mtimeMs);
  }
  return carried;
}

/**
 * Deletes the carried pages that this build neither kept (its manifest lists them) nor wrote
 * again (their mtime moved): pages of papers, weeks or themes that no longer exist. Folders
 * left empty go too. Returns how many pages were deleted.
 */
export function removeStaleCarriedPages(outDir: string, carried: CarriedPages, cacheDir: string): number {
  if (carried.size === 0) return 0;
  const manifest = parseManifest(readManifestText(cacheDir));
  const kept = new Set(manifest ? keyedOutputFiles(manifest) : []);
  let removed = 0;
  for (const [file, mtimeMs] of carried) {
    if (kept.has(file)) continue;
    const path = join(outDir, file);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat || stat.mtimeMs !== mtimeMs) continue;
    unlinkSync(path);
    removed += 1;
    removeEmptyFolders(dirname(path), outDir);
  }
  return removed;
}

function removeEmptyFolders(folder: string, root: string): void {
  for (let dir = folder; dir.startsWith(`${root}/`); dir = dirname(dir)) {
    try {
      rmdirSync(dir);
    } catch {
      return; // not empty
    }
  }
}
