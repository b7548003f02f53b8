/**
 * Open Graph images: one PNG card per paper, theme, digest and the site.
 *
 * Pages only link to `og/<kind>/<name>.png`. The card list comes from the route this
 * integration injects (src/lib/og-cards-route.ts, `og/cards.json`), which Astro renders from the
 * content like any page; at the end of `astro build` this hook reads it from the output (then
 * removes it), warns about characters no card font has, renders what the cache lacks
 * (src/integrations/og-render.ts) and links every card from the cache into the site.
 *
 * Images are cached by a hash of their card and of the renderer's and fonts' versions
 * (`src/core/og/card.ts`): `<cache>/<hash>.png`, the cache being `node_modules/.cache/lectern-og/`
 * or env LECTERN_OG_CACHE (src/config.ts). A rebuild renders only cards whose text changed; a cached file that
 * does not start and end as a PNG of the card's size (a 0-byte file, a file cut short) is rendered
 * again. Only those ends are read, synchronously: reading 10,000 cached images whole, one await
 * each, was most of a rebuild's image step.
 * `<cache>/last-build.json` records the counts and timings of the last build (benchmarks and
 * tests read it).
 */
import type { AstroIntegration } from 'astro';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, stat, utimes } from 'node:fs/promises';
import { OG_HEIGHT, OG_WIDTH, cardText, ogCardHash, type OgJob } from '../core/og/card.ts';
import { PNG_HEAD_BYTES, PNG_TAIL_BYTES, hasPngEnds } from '../core/og/png.ts';
import { formatDiagnostic, type Diagnostic } from '../core/diagnostics.ts';
import { lecternConfig } from '../config.ts';
import { pluralWord } from '../core/text.ts';
import { linkOrCopy, TEMP_SUFFIX, writeFileAtomic } from '../io/atomic.ts';
import { createOgRenderer, type OgRenderer } from './og-render.ts';

/** Where the injected route writes the job list (relative to the output folder); deleted after use. */
export const OG_JOBS_FILE = 'og/cards.json';

export interface OgBuildReport {
  total: number;
  generated: number;
  cached: number;
  /** Cache entries that were not whole PNGs and were rendered again (counted in `generated`). */
  repaired: number;
  /** Cards showing at least one character no card font has (each named in a warning). */
  missingGlyphs: number;
  /** Cache entries deleted because no build had used them for `maxAgeDays`. */
  pruned: number;
  /** Wall time of the whole step, and the mean time of one render (several run at once). */
  ms: number;
  msPerGenerated: number;
  bytes: number;
}

/** Days a cached image may go unused before a build deletes it (the build uses env LECTERN_OG_CACHE_DAYS). */
export const OG_CACHE_DAYS = 30;

/**
 * Deletes cached images no build has used for `maxAgeDays`. Used entries are touched on every
 * build (those `fresh`ly written need not be), so an image's mtime is its last use; without
 * this the cache grows with every edit.
 */
async function pruneCache(cacheDir: string, used: ReadonlySet<string>, fresh: ReadonlySet<string>, maxAgeDays: number): Promise<number> {
  const now = new Date();
  await Promise.all([...used].filter((file) => !fresh.has(file)).map((file) => utimes(file, now, now)));
  const cutoff = now.getTime() - maxAgeDays * 86_400_000;
  let pruned = 0;
  for (const name of await readdir(cacheDir)) {
    const file = join(cacheDir, name);
    // Temp files too: a build killed mid-write leaves one (src/io/atomic.ts).
    if (!(name.endsWith('.png') || name.endsWith(TEMP_SUFFIX)) || used.has(file)) continue;
    if ((await stat(file)).mtimeMs < cutoff) {
      await rm(file, { force: true });
      pruned += 1;
    }
  }
  return pruned;
}

/** Jobs by the cache file that holds their image: cards with equal inputs share one. */
function groupByCacheFile(jobs: readonly OgJob[], cacheDir: string, rendererVersion: string): Map<string, OgJob[]> {
  const groups = new Map<string, OgJob[]>();
  for (const job of jobs) {
    const cached = join(cacheDir, `${ogCardHash(job.card, rendererVersion)}.png`);
    const sharing = groups.get(cached);
    if (sharing) sharing.push(job);
    else groups.set(cached, [job]);
  }
  return groups;
}

/** The size of a usable cached image, 0 for a broken one (rendered again), null when there is none. */
function cachedImageSize(file: string): number | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const { size } = fstatSync(fd);
    if (size < PNG_HEAD_BYTES + PNG_TAIL_BYTES) return 0;
    const head = Buffer.alloc(PNG_HEAD_BYTES);
    const tail = Buffer.alloc(PNG_TAIL_BYTES);
    const whole = readSync(fd, head, 0, PNG_HEAD_BYTES, 0) === PNG_HEAD_BYTES && readSync(fd, tail, 0, PNG_TAIL_BYTES, size - PNG_TAIL_BYTES) === PNG_TAIL_BYTES;
    return whole && hasPngEnds(head, tail, OG_WIDTH, OG_HEIGHT) ? size : 0;
  } finally {
    closeSync(fd);
  }
}

/** Runs `task` on every item, at most `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/** A warning per card that would show a box, naming the file to edit and the characters. */
export async function missingGlyphWarnings(jobs: readonly OgJob[], renderer: OgRenderer): Promise<Diagnostic[]> {
  const warnings: Diagnostic[] = [];
  // Every card's characters at once first: most sites have none the fonts lack, and asking card
  // by card cost ~30 µs a card on every build.
  if ((await renderer.prepare(jobs.map((job) => cardText(job.card)).join('\n'))).length === 0) return warnings;
  for (const job of jobs) {
    const missing = await renderer.prepare(cardText(job.card));
    if (!missing.length) continue;
    const chars = missing.map((char) => `"${char}" (U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`).join(', ');
    warnings.push({
      severity: 'warning',
      code: 'og-missing-glyph',
      file: job.source ?? job.file,
      line: 0,
      message: `the Open Graph card ${job.file} ("${job.card.title}") shows a box for ${chars}: no card font has ${pluralWord(missing.length, 'it', 'them')}.`,
      hint: 'Write the character another way in the title (e.g. as words), or ask for a font that covers it in src/integrations/og-render.ts.',
    });
  }
  return warnings;
}

export interface OgBuildOptions {
  maxAgeDays?: number;
  /** A renderer made earlier (tests share one); by default one is created. */
  renderer?: OgRenderer;
  /** Where warnings go (the build's logger). */
  warn?: (message: string) => void;
}

/**
 * Renders what the cache lacks (or holds broken), hard-links every job's image from the cache
 * into `outDir` (a copy across filesystems), prunes unused cache entries; returns what it did.
 */
export async function buildOgImages(jobs: readonly OgJob[], outDir: string, cacheDir: string, options: OgBuildOptions = {}): Promise<OgBuildReport> {
  const started = performance.now();
  const { maxAgeDays = OG_CACHE_DAYS, renderer = createOgRenderer(), warn = () => {} } = options;
  const warnings = await missingGlyphWarnings(jobs, renderer);
  for (const warning of warnings) warn(formatDiagnostic(warning));

  await mkdir(cacheDir, { recursive: true });
  await Promise.all([...new Set(jobs.map((job) => dirname(join(outDir, job.file))))].map((dir) => mkdir(dir, { recursive: true })));
  const groups = groupByCacheFile(jobs, cacheDir, renderer.version);
  const written = new Set<string>();
  let repaired = 0;
  let renderMs = 0;
  let bytes = 0;
  /** Puts a cached image at every job's place in the site: linked, not copied (10,000 cards link in a fraction of the time). */
  const place = (cacheFile: string, sharing: readonly OgJob[], size: number) => {
    for (const job of sharing) linkOrCopy(cacheFile, join(outDir, job.file));
    bytes += size * sharing.length;
  };
  // Cached images first, synchronously; then what is missing or broken renders.
  const missing: Array<[string, OgJob[]]> = [];
  for (const [cacheFile, sharing] of groups) {
    const size = cachedImageSize(cacheFile);
    if (size) place(cacheFile, sharing, size);
    else {
      if (size === 0) repaired += 1;
      missing.push([cacheFile, sharing]);
    }
  }
  // Renders run on libuv's thread pool (4 threads unless UV_THREADPOOL_SIZE says otherwise).
  await eachLimited(missing, Math.max(4, availableParallelism()), async ([cacheFile, sharing]) => {
    const renderStarted = performance.now();
    const png = await renderer.render(sharing[0]!.card);
    renderMs += performance.now() - renderStarted;
    // Atomic: an interrupted build never leaves half an image in the cache.
    writeFileAtomic(cacheFile, png);
    written.add(cacheFile);
    place(cacheFile, sharing, png.length);
  });
  const pruned = await pruneCache(cacheDir, new Set(groups.keys()), written, maxAgeDays);
  const generated = [...groups].reduce((sum, [cached, sharing]) => sum + (written.has(cached) ? sharing.length : 0), 0);
  return {
    total: jobs.length,
    generated,
    cached: jobs.length - generated,
    repaired,
    missingGlyphs: warnings.length,
    pruned,
    ms: Math.round(performance.now() - started),
    msPerGenerated: written.size ? Math.round((renderMs / written.size) * 10) / 10 : 0,
    bytes,
  };
}

export default function ogImages(): AstroIntegration {
  return {
    name: 'lectern:og-images',
    hooks: {
      'astro:config:setup': ({ injectRoute }) => {
        injectRoute({ pattern: `/${OG_JOBS_FILE}`, entrypoint: new URL('../lib/og-cards-route.ts', import.meta.url), prerender: true });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const { ogCacheDir, ogCacheDays } = lecternConfig();
        const outDir = fileURLToPath(dir);
        const jobsFile = join(outDir, OG_JOBS_FILE);
        if (!existsSync(jobsFile)) throw new Error(`${jobsFile} is missing: the route src/lib/og-cards-route.ts did not run`);
        const jobs = JSON.parse(await readFile(jobsFile, 'utf8')) as OgJob[];
        await rm(jobsFile);
        const report = await buildOgImages(jobs, outDir, ogCacheDir, { maxAgeDays: ogCacheDays, warn: (message) => logger.warn(message) });
        writeFileAtomic(join(ogCacheDir, 'last-build.json'), `${JSON.stringify(report, null, 2)}\n`);
        logger.info(
          `${report.total} Open Graph images in ${report.ms} ms: ${report.generated} generated` +
            (report.generated ? ` (${report.msPerGenerated} ms each)` : '') +
            `, ${report.cached} from cache ${ogCacheDir}` +
            (report.repaired ? `; ${report.repaired} broken cache entries rendered again` : '') +
            (report.pruned ? `; ${report.pruned} unused for ${ogCacheDays} days deleted` : ''),
        );
      },
    },
  };
}
