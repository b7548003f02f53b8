/**
 * Open Graph images: one PNG card per paper, theme, digest and the site.
 *
 * Pages only link to `og/<kind>/<name>.png`. Cards are rendered (`og-render.ts`) on worker
 * threads (`og-worker.ts`, one per core, lowest priority), which write the PNGs themselves,
 * while the build does other work: papers' cards arrive during content sync
 * (src/lib/papers-loader.ts) and the whole list at the first page (src/middleware.ts), through
 * `og-head-start.ts`. At the end of `astro build` this hook reads the authoritative list that
 * the route `src/pages/og/cards.json.ts` wrote into the output (then removes it), renders
 * whatever is still missing and copies the rest from the cache.
 *
 * Images are cached by a hash of their inputs (`src/core/og/card.ts`): `<cache>/<hash>.png`,
 * the cache being `node_modules/.cache/lectern-og/` or env LECTERN_OG_CACHE. A rebuild renders
 * only cards whose text changed. `<cache>/last-build.json` records the counts and timings of
 * the last build (benchmarks and tests read it).
 */
import type { AstroIntegration } from 'astro';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { copyFile, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { existsSync, mkdirSync } from 'node:fs';
import { ogCardHash } from '../core/og/card.ts';
import type { OgWorkerRequest, OgWorkerResponse } from './og-worker.ts';
import { listenForOgJobs, type OgJob } from './og-head-start.ts';

/** Where the route writes the job list (relative to the output folder); deleted after use. */
export const OG_JOBS_FILE = 'og/cards.json';

export interface OgBuildReport {
  total: number;
  generated: number;
  cached: number;
  /** Images rendered before this step began (during content sync and page rendering). */
  renderedEarly: number;
  /** Cache entries deleted because no build had used them for `maxAgeDays`. */
  pruned: number;
  /** Wall time of the whole step (after page rendering) and the mean render time of one generated image. */
  ms: number;
  msPerGenerated: number;
  bytes: number;
}

/**
 * Cards queued at each worker (~70 ms of work): while Astro renders pages the main thread
 * answers a worker's message late, and a worker holding one card at a time sat idle.
 */
const CARDS_IN_FLIGHT = 32;

/** One image to render: its card, its cache file and the output files that show it. */
type RenderTask = Omit<OgWorkerRequest, 'id'>;

/** Worker threads rendering tasks from a shared list that may grow until it is closed. */
interface RenderPool {
  /** Queues more tasks; returns the index of the first. */
  add(tasks: readonly RenderTask[]): number;
  /** Whether task `index` has gone to a worker (from then on, changing it changes nothing). */
  sent(index: number): boolean;
  /** Raises the number of workers to `size` and lets them keep the process alive. */
  grow(size: number): void;
  /** No more tasks will come: `finished` resolves once the queued ones are done. */
  close(): void;
  /** Resolves when closed and every task is done; rejects on the first failed task. */
  readonly finished: Promise<void>;
}

/**
 * A pool of up to `size` worker threads (started as tasks arrive) that render tasks and write
 * their files, calling `done` with each finished task's index and render time. Workers start
 * unreferenced: a head start must not keep a failed build's process alive; `grow` references
 * them once someone waits.
 */
function startRenderPool(size: number, done: (index: number, ms: number) => void): RenderPool {
  const tasks: RenderTask[] = [];
  const workers: Worker[] = [];
  const queued = new Map<Worker, number>();
  let target = size;
  let next = 0;
  let completed = 0;
  let closed = false;
  let referenced = false;
  let settle!: { resolve: () => void; reject: (error: unknown) => void };
  const finished = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  // Whoever awaits `finished` sees a failure; this only keeps an early one from being "unhandled".
  finished.catch(() => {});
  void finished.finally(() => Promise.all(workers.map((worker) => worker.terminate())));
  const settleIfDone = () => {
    if (closed && completed === tasks.length) settle.resolve();
  };
  const feed = (worker: Worker) => {
    while (queued.get(worker)! < CARDS_IN_FLIGHT && next < tasks.length) {
      const id = next++;
      queued.set(worker, queued.get(worker)! + 1);
      worker.postMessage({ id, ...tasks[id]! } satisfies OgWorkerRequest);
    }
  };
  const addWorkers = () => {
    while (workers.length < Math.min(target, tasks.length)) {
      const worker = new Worker(new URL('./og-worker.ts', import.meta.url));
      if (!referenced) worker.unref();
      workers.push(worker);
      queued.set(worker, 0);
      worker.on('message', (message: OgWorkerResponse) => {
        if ('error' in message) return settle.reject(new Error(`Open Graph image for "${tasks[message.id]!.card.title}": ${message.error}`));
        queued.set(worker, queued.get(worker)! - 1);
        feed(worker);
        done(message.id, message.ms);
        completed += 1;
        settleIfDone();
      });
      worker.on('error', settle.reject);
      worker.on('exit', (code) => settle.reject(new Error(`an Open Graph image worker exited with code ${code}`)));
    }
    workers.forEach(feed);
  };
  return {
    add(more) {
      const first = tasks.length;
      tasks.push(...more);
      addWorkers();
      return first;
    },
    sent: (index) => index < next,
    grow(size) {
      target = Math.max(target, size);
      referenced = true;
      for (const worker of workers) worker.ref();
      addWorkers();
    },
    close() {
      closed = true;
      settleIfDone();
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

/**
 * A render of the images the cache lacks, into the cache and straight to the output files of
 * the jobs that use them. Jobs can be added until the build's list is complete; a card already
 * queued is not queued twice.
 */
export interface ImageRender {
  /** Queues the images of `jobs` that the cache lacks; `deliver: false` fills the cache only. */
  add(jobs: readonly OgJob[], options?: { deliver?: boolean }): void;
  /** No more jobs: widen to `workers` threads and wait for the rest. */
  finish(workers: number): Promise<void>;
  /** Cache files written so far, with their render time summed. */
  readonly written: ReadonlySet<string>;
  readonly renderMs: () => number;
  /** Output files (job.file) written so far. */
  readonly delivered: ReadonlySet<string>;
}

export function startImageRender(dirs: { cacheDir: string; outDir: string }, workers: number): ImageRender {
  const { cacheDir, outDir } = dirs;
  mkdirSync(cacheDir, { recursive: true });
  const written = new Set<string>();
  const delivered = new Set<string>();
  /** Per queued cache file: its task, its index in the pool and the jobs it delivers. */
  const queued = new Map<string, { task: RenderTask; index: number; jobs: OgJob[] }>();
  const byIndex: Array<{ cacheFile: string; jobs: OgJob[] }> = [];
  let renderMs = 0;
  const pool = startRenderPool(workers, (index, ms) => {
    renderMs += ms;
    const { cacheFile, jobs } = byIndex[index]!;
    written.add(cacheFile);
    for (const job of jobs) delivered.add(job.file);
  });
  return {
    add(jobs, { deliver = true } = {}) {
      if (deliver) for (const dir of new Set(jobs.map((job) => dirname(join(outDir, job.file))))) mkdirSync(dir, { recursive: true });
      const fresh: RenderTask[] = [];
      for (const [cacheFile, sharing] of groupByCacheFile(jobs, cacheDir)) {
        const delivering = deliver ? sharing : [];
        const known = queued.get(cacheFile);
        if (known) {
          // Not yet sent to a worker: it can still write these outputs too. Otherwise the
          // final step copies them from the cache.
          if (!pool.sent(known.index)) {
            known.task.outputs.push(...delivering.map((job) => join(outDir, job.file)));
            known.jobs.push(...delivering);
          }
          continue;
        }
        if (existsSync(cacheFile)) continue;
        const task = { card: sharing[0]!.card, cacheFile, outputs: delivering.map((job) => join(outDir, job.file)) };
        const entry = { task, index: byIndex.length, jobs: [...delivering] };
        queued.set(cacheFile, entry);
        fresh.push(task);
        byIndex.push({ cacheFile, jobs: entry.jobs });
      }
      pool.add(fresh);
    },
    finish(size) {
      pool.close();
      pool.grow(size);
      return pool.finished;
    },
    written,
    renderMs: () => renderMs,
    delivered,
  };
}

/**
 * Renders what the cache lacks (continuing `headStart`, a render begun earlier for the same
 * output, if any), copies every other job's image from the cache into `outDir`, prunes unused
 * cache entries; returns what it did.
 */
export async function buildOgImages(
  jobs: readonly OgJob[],
  outDir: string,
  cacheDir: string,
  maxAgeDays = OG_CACHE_DAYS,
  headStart?: ImageRender,
): Promise<OgBuildReport> {
  const started = performance.now();
  const render = headStart ?? startImageRender({ cacheDir, outDir }, 0);
  const renderedEarly = render.written.size;
  render.add(jobs);
  await render.finish(Math.max(1, availableParallelism()));

  const groups = groupByCacheFile(jobs, cacheDir);
  await Promise.all(
    [...groups].flatMap(([cached, sharing]) =>
      sharing.filter((job) => !render.delivered.has(job.file)).map((job) => copyFile(cached, join(outDir, job.file))),
    ),
  );
  const pruned = await pruneCache(cacheDir, new Set(groups.keys()), render.written, maxAgeDays);
  let bytes = 0;
  for (const job of jobs) bytes += (await stat(join(outDir, job.file))).size;
  const generated = [...groups].reduce((sum, [cached, sharing]) => sum + (render.written.has(cached) ? sharing.length : 0), 0);
  return {
    total: jobs.length,
    generated,
    cached: jobs.length - generated,
    renderedEarly,
    pruned,
    ms: Math.round(performance.now() - started),
    msPerGenerated: render.written.size ? Math.round((render.renderMs() / render.written.size) * 10) / 10 : 0,
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
      // Listening from the start of a build: papers arrive during content sync (src/lib/papers-loader.ts).
      'astro:config:setup': ({ command }) => {
        if (command !== 'build') return;
        listenForOgJobs((jobs, options) => {
          // A worker per core, at the lowest priority (og-worker.ts): they use what the build leaves.
          headStart ??= startImageRender({ cacheDir: cacheDir(), outDir: configOutDir }, Math.max(1, availableParallelism()));
          headStart.add(jobs, options);
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
