/**
 * Every LECTERN_* setting, read in one place with its default. The build (astro.config.mjs),
 * the site's loaders, the build hooks and the command-line tools all take their folders and
 * URLs from here, so one setting means the same thing everywhere. Relative paths are resolved
 * against the folder the command runs in (the project root under `npm run`).
 *
 *   LECTERN_CONTENT         content folder (papers/, themes.yaml, digests/)   default content
 *   LECTERN_OUT_DIR         the built site                                     default dist
 *   LECTERN_SITE            site origin for absolute URLs                      default https://lectern.example.org
 *   LECTERN_BASE            base path, e.g. /reading-group/                    default /
 *   LECTERN_CACHE_DIR       Astro's cache (content layer, Vite)                default node_modules/.astro
 *   LECTERN_OG_CACHE        rendered Open Graph cards                          default node_modules/.cache/lectern-og
 *   LECTERN_OG_CACHE_DAYS   days an unused card stays cached                   default 30
 *   LECTERN_CITATION_CACHE  formatted citations                                default node_modules/.cache/lectern-citations.json
 *   LECTERN_SEEDS           listings the benchmarks build corpora from         default content/listings
 *   LECTERN_ARXIV_API       arXiv API endpoint (`npm run enrich`)              default https://export.arxiv.org/api/query
 *   LECTERN_ARXIV_CACHE     arXiv responses, keyed by request URL              default .cache/arxiv
 *   LECTERN_ARXIV_INTERVAL  seconds between two arXiv requests                 default 3 (arXiv's limit)
 *   LECTERN_BUILD_CONCURRENCY  pages Astro renders at once                     default 4
 *   LECTERN_BUILD_HEAP_MB   V8 heap for `astro build` under `npm run build`    default by papers
 *                           (src/core/build/heap.ts)
 *   LECTERN_LOCK_WAIT       seconds a command waits while another one writes   default 30
 *                           the content folder (src/io/lock.ts)
 *   LECTERN_TIMEZONE        IANA time zone of reading sessions' times          default Europe/London
 *                           (calendar feed; "upcoming" is judged on that day)
 *   SOURCE_DATE_EPOCH       the build's time, in seconds since 1970            default now
 *                           (reproducible-builds.org convention): the day that
 *                           decides upcoming sessions and a theme's "This week"
 */
import { createHash } from 'node:crypto';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { ARXIV_API } from './core/arxiv/query.ts';
import { normaliseBase } from './core/urls.ts';

export interface LecternConfig {
  /** Absolute path of the content folder. */
  contentDir: string;
  /** Absolute path of the built site (where `npm run build` leaves it). */
  outDir: string;
  /**
   * Where `astro build` writes. The same as `outDir`, except when `outDir` lies outside the
   * project: Astro then stages assets in `<project>/.astro` and renames them into `outDir`,
   * which fails with EXDEV across filesystems. The build then writes inside the project and
   * `src/integrations/out-dir.ts` moves the finished site to `outDir`.
   */
  buildOutDir: string;
  /** Site origin, e.g. `https://example.github.io`. */
  site: string;
  /** Base path with leading and trailing slash: `/` or `/reading-group/`. */
  base: string;
  astroCacheDir: string;
  ogCacheDir: string;
  ogCacheDays: number;
  citationCacheFile: string;
  seedsDir: string;
  arxivApi: string;
  arxivCacheDir: string;
  arxivIntervalSeconds: number;
  buildConcurrency: number;
  /** LECTERN_BUILD_HEAP_MB, or null: `npm run build` sizes the heap by the papers. */
  buildHeapMb: number | null;
  lockWaitSeconds: number;
  /** IANA time zone the sessions' `time` is in, e.g. `Europe/London`. */
  timeZone: string;
  /** The build's time (SOURCE_DATE_EPOCH, else now): which sessions are upcoming, which week is "this week". */
  buildTime: Date;
}

export const DEFAULT_SITE = 'https://lectern.example.org';

type Env = Record<string, string | undefined>;

/** A setting's value; an empty variable counts as unset. */
function setting(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The settings from `env`, paths resolved against `cwd`. */
export function lecternConfig(env: Env = process.env, cwd: string = process.cwd()): LecternConfig {
  const path = (name: string, fallback: string) => resolve(cwd, setting(env, name) ?? fallback);
  const outDir = path('LECTERN_OUT_DIR', 'dist');
  const days = Number(setting(env, 'LECTERN_OG_CACHE_DAYS') ?? 30);
  if (!Number.isFinite(days) || days < 0) {
    throw new Error(`LECTERN_OG_CACHE_DAYS="${env.LECTERN_OG_CACHE_DAYS}": give a number of days (0 or more)`);
  }
  const interval = Number(setting(env, 'LECTERN_ARXIV_INTERVAL') ?? 3);
  if (!Number.isFinite(interval) || interval < 0) {
    throw new Error(`LECTERN_ARXIV_INTERVAL="${env.LECTERN_ARXIV_INTERVAL}": give a number of seconds (0 or more)`);
  }
  const concurrency = Number(setting(env, 'LECTERN_BUILD_CONCURRENCY') ?? 4);
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error(`LECTERN_BUILD_CONCURRENCY="${env.LECTERN_BUILD_CONCURRENCY}": give a whole number of pages (1 or more)`);
  }
  const heap = setting(env, 'LECTERN_BUILD_HEAP_MB');
  if (heap !== undefined && !(/^\d+$/.test(heap) && Number(heap) >= 256)) {
    throw new Error(`LECTERN_BUILD_HEAP_MB="${heap}": give the heap in whole megabytes (256 or more), or leave it unset to size it by the papers`);
  }
  const lockWait = Number(setting(env, 'LECTERN_LOCK_WAIT') ?? 30);
  if (!Number.isFinite(lockWait) || lockWait < 0) {
    throw new Error(`LECTERN_LOCK_WAIT="${env.LECTERN_LOCK_WAIT}": give a number of seconds (0 or more)`);
  }
  const timeZone = setting(env, 'LECTERN_TIMEZONE') ?? 'Europe/London';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new Error(`LECTERN_TIMEZONE="${timeZone}": give an IANA time zone name, e.g. Europe/London or America/New_York`);
  }
  const epoch = setting(env, 'SOURCE_DATE_EPOCH');
  const buildTime = epoch === undefined ? new Date() : new Date(Number(epoch) * 1000);
  if (epoch !== undefined && (!/^\d+$/.test(epoch) || Number.isNaN(buildTime.getTime()))) {
    throw new Error(`SOURCE_DATE_EPOCH="${epoch}": give the build's time as whole seconds since 1970-01-01 UTC`);
  }
  const staging = join(cwd, 'node_modules', '.cache', 'lectern-out', createHash('sha256').update(outDir).digest('hex').slice(0, 12));
  return {
    contentDir: path('LECTERN_CONTENT', 'content'),
    outDir,
    buildOutDir: isInside(cwd, outDir) ? outDir : staging,
    site: setting(env, 'LECTERN_SITE') ?? DEFAULT_SITE,
    base: normaliseBase(setting(env, 'LECTERN_BASE') ?? '/'),
    astroCacheDir: path('LECTERN_CACHE_DIR', 'node_modules/.astro'),
    ogCacheDir: path('LECTERN_OG_CACHE', 'node_modules/.cache/lectern-og'),
    ogCacheDays: days,
    citationCacheFile: path('LECTERN_CITATION_CACHE', 'node_modules/.cache/lectern-citations.json'),
    seedsDir: path('LECTERN_SEEDS', 'content/listings'),
    arxivApi: setting(env, 'LECTERN_ARXIV_API') ?? ARXIV_API,
    arxivCacheDir: path('LECTERN_ARXIV_CACHE', '.cache/arxiv'),
    arxivIntervalSeconds: interval,
    buildConcurrency: concurrency,
    buildHeapMb: heap === undefined ? null : Number(heap),
    lockWaitSeconds: lockWait,
    timeZone,
    buildTime,
  };
}

/**
 * The content folder a command works on: its `--content` option, else LECTERN_CONTENT, else
 * `content`; relative to `cwd` when inside it, so messages show the path people typed.
 */
export function contentDirOption(option: string | undefined, env: Env = process.env, cwd: string = process.cwd()): string {
  const dir = option ? resolve(cwd, option) : lecternConfig(env, cwd).contentDir;
  return isInside(cwd, dir) ? relative(cwd, dir) || '.' : dir;
}
