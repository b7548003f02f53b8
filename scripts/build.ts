#!/usr/bin/env node
/**
 * npm run build [-- --force]: `astro build`, then the Pagefind index, then one summary line.
 *
 * Pages whose data did not change since the last build are reused (Astro's incremental build,
 * keys in src/lib/page-keys.ts), as are Open Graph cards and formatted citations (their own
 * caches). `--force` starts from nothing: no page reused, the content layer read again.
 *
 * astro build runs as a child process so that its memory is given back before Pagefind
 * indexes (scripts/search-index.ts says why that matters).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { lecternConfig } from '../src/config.ts';
import { citationReportFile, type CitationReport } from '../src/integrations/citation-files.ts';
import { PAGES_REPORT, type PagesReport } from '../src/integrations/build-report.ts';
import { INCREMENTAL_MANIFEST } from '../src/core/build/reuse.ts';
import { RELATED_CACHE } from '../src/io/related-cache.ts';
import { carryPages, forgetFinishedSite, recordFinishedSite, removeStaleCarriedPages, type CarriedPages } from '../src/io/previous-pages.ts';
import type { OgBuildReport } from '../src/integrations/og-images.ts';
import { formatBuildSummary } from '../src/core/build/summary.ts';
import { plural } from '../src/core/text.ts';
import { indexSite } from './lib/search-index.ts';
import { buildHeapMb, ranOutOfHeap } from '../src/core/build/heap.ts';
import { listContentFiles } from '../src/io/content.ts';

const USAGE = `Usage: npm run build [-- --force]

Builds the site into $LECTERN_OUT_DIR (default dist/): astro build, then the Pagefind
search index, then one line saying what was rendered and what was reused.

Pages, Open Graph cards and citation files whose data did not change since the last
build are reused from the caches (README, "Incremental builds"); a build renders only
what changed.

Options:
  --force   ignore the page, content layer, related papers and search index caches:
            render every page and compute everything again
  --help    show this help

Exit status: 0 on success, 1 when the build or the index fails, 2 on a usage error.`;

/** The last search index and what it was made from, in Astro's cache folder (README, CI cache recipe). */
const SEARCH_CACHE = 'lectern-search';

const ASTRO = new URL('../node_modules/astro/bin/astro.mjs', import.meta.url).pathname;

function readJson<T>(file: string): T | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : null;
}

/**
 * Moves the previous build out of Astro's way and deletes it while Astro builds. Deleting
 * 51,000 files at 10,000 papers takes minutes on a loaded machine (Astro used to empty its
 * output folder synchronously before any page rendered); renaming is instant and the deletion
 * then overlaps the build. `keep` runs between the two, while the previous build is still
 * readable at the path it is given (null when there was none). Returns the deletion to wait for.
 */
function clearPreviousBuild(dir: string, keep: (previous: string | null) => void): Promise<void> {
  const prefix = `${basename(dir)}.previous-`;
  // Also what a killed build left behind.
  const old = existsSync(dirname(dir)) ? readdirSync(dirname(dir)).filter((name) => name.startsWith(prefix)).map((name) => join(dirname(dir), name)) : [];
  let previous: string | null = null;
  if (existsSync(dir)) {
    previous = `${dir}.previous-${process.pid}`;
    renameSync(dir, previous);
    old.push(previous);
  }
  keep(previous);
  return Promise.all(old.map((path) => rm(path, { recursive: true, force: true }))).then(() => undefined);
}

interface AstroRun {
  code: number;
  outOfHeap: boolean;
}

/**
 * `astro build` in a child process with a heap of `heapMb` (src/core/build/heap.ts says why).
 * Its error output passes through; the end of it is kept to tell a heap limit from other failures.
 */
function astroBuild(force: boolean, heapMb: number): Promise<AstroRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${heapMb}`, ASTRO, 'build', ...(force ? ['--force'] : [])], { stdio: ['inherit', 'inherit', 'pipe'] });
    let tail = '';
    child.stderr.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      tail = (tail + chunk.toString('utf8')).slice(-4096);
    });
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code: code ?? (signal ? 1 : 0), outOfHeap: ranOutOfHeap(tail) }));
  });
}

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, options: { force: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } } }).values;
  } catch (error) {
    process.stderr.write(`build: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const started = performance.now();
  const config = lecternConfig();
  const reports = {
    pages: join(config.astroCacheDir, PAGES_REPORT),
    cards: join(config.ogCacheDir, 'last-build.json'),
    citations: citationReportFile(config.citationCacheFile),
  };
  // A report left by an earlier build must not be read as this build's.
  for (const file of Object.values(reports)) rmSync(file, { force: true });
  // Without the manifest Astro reuses no page, and the reuse count (src/integrations/build-report.ts) agrees.
  const searchCache = join(config.astroCacheDir, SEARCH_CACHE);
  if (args.force) {
    rmSync(join(config.astroCacheDir, INCREMENTAL_MANIFEST), { force: true });
    rmSync(searchCache, { recursive: true, force: true });
    rmSync(join(config.astroCacheDir, RELATED_CACHE), { force: true });
  }

  // Keyed pages of the last finished build are linked into the new output folder, where Astro
  // keeps those whose key is unchanged instead of copying them from its cache (src/io/previous-pages.ts).
  let carried: CarriedPages = new Map();
  let carryMs = 0;
  const deleting = clearPreviousBuild(config.buildOutDir, (previous) => {
    // With the site outside the project, Astro builds elsewhere and the previous site stays at outDir until the end.
    const previousSite = config.buildOutDir === config.outDir ? previous : config.outDir;
    const linking = performance.now();
    if (!args.force && previousSite) carried = carryPages(previousSite, config.buildOutDir, config.astroCacheDir);
    carryMs = performance.now() - linking;
  });
  // From here until the build finishes, the output folder is no finished site to carry pages from.
  forgetFinishedSite(config.astroCacheDir);
  const heapMb = buildHeapMb(listContentFiles(join(config.contentDir, 'papers')).length, config.buildHeapMb);
  const astro = await astroBuild(args.force, heapMb);
  await deleting;
  if (astro.outOfHeap) {
    process.stderr.write(`build: astro build ran out of its ${heapMb} MB heap. Give it more: LECTERN_BUILD_HEAP_MB=${heapMb * 2} npm run build\n`);
  }
  if (astro.code !== 0) return 1;
  const stale = removeStaleCarriedPages(config.outDir, carried, config.astroCacheDir);
  if (carried.size > 0) {
    process.stdout.write(`[lectern:previous-pages] ${plural(carried.size, 'page')} linked from the previous build in ${Math.round(carryMs)} ms, ${stale} of them no longer built and deleted\n`);
  }
  let search;
  try {
    search = await indexSite(config.outDir, (line) => process.stdout.write(`${line}\n`), searchCache);
  } catch (error) {
    process.stderr.write(`search-index: ${(error as Error).message}\n`);
    return 1;
  }
  const summary = formatBuildSummary({
    pages: readJson<PagesReport>(reports.pages),
    cards: readJson<OgBuildReport>(reports.cards),
    citations: readJson<CitationReport>(reports.citations),
    search: { pages: search.pages, reused: search.reused },
    ms: performance.now() - started,
  });
  recordFinishedSite(config.outDir, config.astroCacheDir);
  process.stdout.write(`${summary}\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
