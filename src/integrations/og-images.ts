/**
 * Open Graph images, rendered at the end of `astro build`.
 *
 * Pages only link to `og/<kind>/<name>.png`; the route `src/pages/og/cards.json.ts` writes the
 * list of cards the site needs (one per paper, theme and digest) into the output. This hook
 * reads that list, renders each card (`og-render.ts`) in a pool of worker threads, one per core
 * (`og-worker.ts`), and removes the list. The main thread only hands out cards and writes files.
 *
 * Images are cached by a hash of their inputs (`src/core/og/card.ts`): `<cache>/<hash>.png`,
 * the cache being `node_modules/.cache/lectern-og/` or env LECTERN_OG_CACHE. A rebuild renders
 * only cards whose text changed and copies the rest. `<cache>/last-build.json` records the
 * counts and timings of the last build (benchmarks and tests read it).
 */
import type { AstroIntegration } from 'astro';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { existsSync, mkdirSync } from 'node:fs';
import { ogCardHash, type OgCard } from '../core/og/card.ts';
import type { OgWorkerRequest, OgWorkerResponse } from './og-worker.ts';
import { listenForOgJobs, type OgJob } from './og-head-start.ts';

/** Where the route writes the job list (relative to the output folder); deleted after use. */
export const OG_JOBS_FILE = 'og/cards.json';

export interface OgBuildReport {
  total: number;
  generated: number;
  cached: number;
  /** Cache entries deleted because no build had used them for `maxAgeDays`. */
  /** Images rendered before this step began: while Astro rendered pages and earlier hooks ran. */
  renderedEarly: number;
  pruned: number;
  /** Wall time of the whole step (after page rendering) and the mean render time of one generated image. */
  ms: number;
  msPerGenerated: number;
  bytes: number;
}

/**
 * Cards queued at each worker: while Astro renders pages the main thread answers a worker's
 * message late, and a worker holding one card at a time sat idle waiting for the next.
 */
const CARDS_IN_FLIGHT = 8;

/** A running render: worker threads taking cards from a shared list until none is left. */
interface RenderPool {
  /** Adds workers up to `size` (no more than there are cards) and lets them keep the process alive. */
  grow(size: number): void;
  /** Resolves when every card's `done` has; rejects on the first failed card or write. */
  readonly finished: Promise<void>;
}

/**
 * Starts rendering `cards` on `size` worker threads and calls `done` with each PNG (and its
 * render time) as it arrives. Workers start unreferenced: a head start during page rendering
 * must not keep a failed build's process alive; `grow` references them once someone waits.
 */
function startRenderPool(cards: readonly OgCard[], size: number, done: (index: number, png: Uint8Array, ms: number) => Promise<void>): RenderPool {
  const workers: Worker[] = [];
  let next = 0;
  let written = 0;
  let settle!: { resolve: () => void; reject: (error: unknown) => void };
  const finished = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  // Whoever awaits `finished` sees a failure; this only keeps an early one from being "unhandled".
  finished.catch(() => {});
  void finished.finally(() => Promise.all(workers.map((worker) => worker.terminate())));
  if (cards.length === 0) settle.resolve();

  const addWorker = () => {
    const worker = new Worker(new URL('./og-worker.ts', import.meta.url));
    worker.unref();
    workers.push(worker);
    const send = () => {
      if (next >= cards.length) return;
      const id = next++;
      worker.postMessage({ id, card: cards[id]! } satisfies OgWorkerRequest);
    };
    worker.on('message', (message: OgWorkerResponse) => {
      if ('error' in message) return settle.reject(new Error(`Open Graph image for "${cards[message.id]!.title}": ${message.error}`));
      send(); // refill the worker's queue before writing this image
      done(message.id, message.png, message.ms).then(() => {
        if (++written === cards.length) settle.resolve();
      }, settle.reject);
    });
    worker.on('error', settle.reject);
    worker.on('exit', (code) => settle.reject(new Error(`an Open Graph image worker exited with code ${code}`)));
    for (let i = 0; i < CARDS_IN_FLIGHT; i++) send();
  };
  const grow = (target: number) => {
    while (workers.length < Math.min(target, cards.length)) addWorker();
  };
  grow(size);
  return {
    grow(target) {
      grow(target);
      for (const worker of workers) worker.ref();
    },
    finished,
  };
}

/** Days a cached image may go unused before a build deletes it (env LECTERN_OG_CACHE_DAYS). */
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
    if (!name.endsWith('.png') || used.has(file)) continue;
    if ((await stat(file)).mtimeMs < cutoff) {
      await rm(file, { force: true });
      pruned += 1;
    }
  }
  return pruned;
}

/** Jobs by the cache file that holds their image: cards with equal inputs share one. */
function groupByCacheFile(jobs: readonly OgJob[], cacheDir: string): Map<string, OgJob[]> {
  const groups = new Map<string, OgJob[]>();
  for (const job of jobs) {
    const cached = join(cacheDir, `${ogCardHash(job.card)}.png`);
    const sharing = groups.get(cached);
    if (sharing) sharing.push(job);
    else groups.set(cached, [job]);
  }
  return groups;
}

/** A render of the images the cache lacks, into the cache and straight into the output. */
export interface ImageRender {
  readonly pool: RenderPool;
  /** Images it renders, and the jobs that use them. */
  readonly images: number;
  readonly jobs: number;
  /** Cache files it has written so far, and their render time summed. */
  readonly written: () => ReadonlySet<string>;
  readonly renderMs: () => number;
  /** Output files (job.file) it has written so far. */
  readonly delivered: () => ReadonlySet<string>;
}

/**
 * Starts rendering, on `workers` threads, every image of `jobs` that `cacheDir` lacks; each PNG
 * goes into the cache and to every job that uses it in `outDir`.
 */
export function renderMissingImages(jobs: readonly OgJob[], dirs: { cacheDir: string; outDir: string }, workers: number): ImageRender {
  const { cacheDir, outDir } = dirs;
  mkdirSync(cacheDir, { recursive: true });
  for (const dir of new Set(jobs.map((job) => dirname(join(outDir, job.file))))) mkdirSync(dir, { recursive: true });
  const missing = [...groupByCacheFile(jobs, cacheDir)].filter(([cached]) => !existsSync(cached));
  let renderMs = 0;
  const written = new Set<string>();
  const delivered = new Set<string>();
  const pool = startRenderPool(
    missing.map(([, sharing]) => sharing[0]!.card),
    workers,
    async (index, png, ms) => {
      renderMs += ms;
      const [cached, sharing] = missing[index]!;
      const temp = `${cached}.${process.pid}.tmp`;
      await writeFile(temp, png);
      await rename(temp, cached); // atomic: an interrupted build never leaves half an image in the cache
      written.add(cached);
      await Promise.all(sharing.map((job) => writeFile(join(outDir, job.file), png)));
      for (const job of sharing) delivered.add(job.file);
    },
  );
  const jobCount = missing.reduce((sum, [, sharing]) => sum + sharing.length, 0);
  return { pool, images: missing.length, jobs: jobCount, written: () => written, renderMs: () => renderMs, delivered: () => delivered };
}

/**
 * Renders what the cache lacks (after `headStart`, a render begun earlier for the same output,
 * if any), copies every other job's image from the cache into `outDir`, prunes unused cache
 * entries; returns what it did.
 */
export async function buildOgImages(
  jobs: readonly OgJob[],
  outDir: string,
  cacheDir: string,
  maxAgeDays = OG_CACHE_DAYS,
  headStart?: ImageRender,
): Promise<OgBuildReport> {
  const started = performance.now();
  const renderedEarly = headStart?.written().size ?? 0;
  const cores = Math.max(1, availableParallelism());
  const renders: ImageRender[] = [];
  if (headStart) {
    headStart.pool.grow(cores);
    await headStart.pool.finished;
    renders.push(headStart);
  }
  const rest = renderMissingImages(jobs, { cacheDir, outDir }, cores);
  rest.pool.grow(cores);
  await rest.pool.finished;
  renders.push(rest);

  const groups = groupByCacheFile(jobs, cacheDir);
  const delivered = new Set(renders.flatMap((render) => [...render.delivered()]));
  await Promise.all(
    [...groups].flatMap(([cached, sharing]) =>
      sharing.filter((job) => !delivered.has(job.file)).map((job) => copyFile(cached, join(outDir, job.file))),
    ),
  );
  const fresh = new Set(renders.flatMap((render) => [...render.written()]));
  const pruned = await pruneCache(cacheDir, new Set(groups.keys()), fresh, maxAgeDays);
  let bytes = 0;
  for (const job of jobs) bytes += (await stat(join(outDir, job.file))).size;
  const images = renders.reduce((sum, render) => sum + render.images, 0);
  const generated = renders.reduce((sum, render) => sum + render.jobs, 0);
  const renderMs = renders.reduce((sum, render) => sum + render.renderMs(), 0);
  return {
    total: jobs.length,
    generated,
    cached: jobs.length - generated,
    renderedEarly,
    pruned,
    ms: Math.round(performance.now() - started),
    msPerGenerated: images ? Math.round((renderMs / images) * 10) / 10 : 0,
    bytes,
  };
}

export default function ogImages(): AstroIntegration {
  let root = process.cwd();
  let headStart: ImageRender | undefined;
  /** config.outDir; for a static build the same folder astro:build:done gets. */
  let configOutDir = '';
  const cacheDir = () => resolve(root, process.env.LECTERN_OG_CACHE ?? 'node_modules/.cache/lectern-og');
  return {
    name: 'lectern:og-images',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
        configOutDir = fileURLToPath(config.outDir);
      },
      'astro:build:start': () => {
        listenForOgJobs((jobs) => {
          // One core keeps rendering pages; the rest render images.
          headStart ??= renderMissingImages(jobs, { cacheDir: cacheDir(), outDir: configOutDir }, Math.max(1, availableParallelism() - 1));
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const jobsFile = join(outDir, OG_JOBS_FILE);
        if (!existsSync(jobsFile)) throw new Error(`${jobsFile} is missing: the route src/pages/og/cards.json.ts did not run`);
        const jobs = JSON.parse(await readFile(jobsFile, 'utf8')) as OgJob[];
        await rm(jobsFile);
        listenForOgJobs(undefined);
        const maxAgeDays = Number(process.env.LECTERN_OG_CACHE_DAYS ?? OG_CACHE_DAYS);
        const report = await buildOgImages(jobs, outDir, cacheDir(), maxAgeDays, headStart);
        headStart = undefined;
        await writeFile(join(cacheDir(), 'last-build.json'), `${JSON.stringify(report, null, 2)}\n`);
        logger.info(
          `${report.total} Open Graph images in ${report.ms} ms: ${report.generated} generated` +
            (report.generated ? ` (${report.msPerGenerated} ms each, ${report.renderedEarly} of them before this step)` : '') +
            `, ${report.cached} from cache ${cacheDir()}` +
            (report.pruned ? `; ${report.pruned} unused for ${maxAgeDays} days deleted` : ''),
        );
      },
    },
  };
}
