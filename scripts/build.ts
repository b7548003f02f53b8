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
import { INCREMENTAL_MANIFEST, PAGES_REPORT, type PagesReport } from '../src/integrations/build-report.ts';
import type { OgBuildReport } from '../src/integrations/og-images.ts';
import { formatBuildSummary } from '../src/core/build/summary.ts';
import { indexSite } from './lib/search-index.ts';

const USAGE = `Usage: npm run build [-- --force]

Builds the site into $LECTERN_OUT_DIR (default dist/): astro build, then the Pagefind
search index, then one line saying what was rendered and what was reused.

Pages, Open Graph cards and citation files whose data did not change since the last
build are reused from the caches (README, "Incremental builds"); a build renders only
what changed.

Options:
  --force   ignore the page cache and the content layer cache: render every page
  --help    show this help

Exit status: 0 on success, 1 when the build or the index fails, 2 on a usage error.`;

/** The last search index and what it was made from, in Astro's cache folder (README, CI cache recipe). */
const SEARCH_CACHE = 'lectern-search';

const ASTRO = new URL('../node_modules/astro/bin/astro.mjs', import.meta.url).pathname;

function readJson<T>(file: string): T | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : null;
}

/**
 * Moves the previous build out of Astro's way and deletes it while Astro builds. Astro empties
 * its output folder first, synchronously: 51,000 files at 10,000 papers, minutes on a loaded
 * machine, before any page renders (the bench's "types + build info" phase). Renaming is
 * instant; the deletion then overlaps the build. Returns the deletion to wait for.
 */
function clearPreviousBuild(dir: string): Promise<void> {
  const prefix = `${basename(dir)}.previous-`;
  // Also what a killed build left behind.
  const old = existsSync(dirname(dir)) ? readdirSync(dirname(dir)).filter((name) => name.startsWith(prefix)).map((name) => join(dirname(dir), name)) : [];
  if (existsSync(dir)) {
    old.push(`${dir}.previous-${process.pid}`);
    renameSync(dir, old.at(-1)!);
  }
  return Promise.all(old.map((path) => rm(path, { recursive: true, force: true }))).then(() => undefined);
}

function astroBuild(force: boolean): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [ASTRO, 'build', ...(force ? ['--force'] : [])], { stdio: 'inherit' });
    child.on('error', fail);
    child.on('close', (code, signal) => done(code ?? (signal ? 1 : 0)));
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
  }

  const deleting = clearPreviousBuild(config.buildOutDir);
  const code = await astroBuild(args.force);
  await deleting;
  if (code !== 0) return 1;
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
  process.stdout.write(`${summary}\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
