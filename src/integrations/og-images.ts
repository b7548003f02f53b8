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
import { existsSync } from 'node:fs';
import { ogCardHash, type OgCard } from '../core/og/card.ts';
import type { OgWorkerRequest, OgWorkerResponse } from './og-worker.ts';

/** One image the site links to: `file` relative to the output folder. */
export interface OgJob {
  file: string;
  card: OgCard;
}

/** Where the route writes the job list (relative to the output folder); deleted after use. */
export const OG_JOBS_FILE = 'og/cards.json';

export interface OgBuildReport {
  total: number;
  generated: number;
  cached: number;
  /** Cache entries deleted because no build had used them for `maxAgeDays`. */
  pruned: number;
  /** Wall time of the whole step and the mean render time of one generated image. */
  ms: number;
  msPerGenerated: number;
  bytes: number;
}

/**
 * Renders `cards` on `size` worker threads, each busy with one card at a time; calls `done`
 * with each PNG (and its render time) as it arrives and resolves when every `done` has.
 * Rejects on the first failed card or write.
 */
async function renderOnWorkers(
  cards: readonly OgCard[],
  size: number,
  done: (index: number, png: Uint8Array, ms: number) => Promise<void>,
): Promise<void> {
  const workers = Array.from({ length: Math.min(size, cards.length) }, () => new Worker(new URL('./og-worker.ts', import.meta.url)));
  let next = 0;
  const writes: Promise<void>[] = [];
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolveAll, reject) => {
            const send = () => {
              if (next >= cards.length) return resolveAll();
              const id = next++;
              worker.postMessage({ id, card: cards[id]! } satisfies OgWorkerRequest);
            };
            worker.on('message', (message: OgWorkerResponse) => {
              if ('error' in message) return reject(new Error(`Open Graph image for "${cards[message.id]!.title}": ${message.error}`));
              send(); // hand out the next card before writing this one, so the worker never waits
              const write = done(message.id, message.png, message.ms);
              write.catch(reject);
              writes.push(write);
            });
            worker.on('error', reject);
            worker.on('exit', (code) => reject(new Error(`an Open Graph image worker exited with code ${code}`)));
            send();
          }),
      ),
    );
    await Promise.all(writes);
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** Days a cached image may go unused before a build deletes it (env LECTERN_OG_CACHE_DAYS). */
export const OG_CACHE_DAYS = 30;

/**
 * Deletes cached images no build has used for `maxAgeDays`. Used entries are touched on every
 * build, so an image's mtime is its last use; without this the cache grows with every edit.
 */
async function pruneCache(cacheDir: string, used: ReadonlySet<string>, maxAgeDays: number): Promise<number> {
  const now = new Date();
  await Promise.all([...used].map((file) => utimes(file, now, now)));
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

/** Renders or copies every job into `outDir`, prunes unused cache entries; returns what it did. */
export async function buildOgImages(
  jobs: readonly OgJob[],
  outDir: string,
  cacheDir: string,
  maxAgeDays = OG_CACHE_DAYS,
): Promise<OgBuildReport> {
  const started = performance.now();
  await mkdir(cacheDir, { recursive: true });
  let renderMs = 0;
  let bytes = 0;
  const dirs = new Set(jobs.map((job) => dirname(join(outDir, job.file))));
  await Promise.all([...dirs].map((dir) => mkdir(dir, { recursive: true })));
  // Jobs by cached file; cards with equal inputs share one image and are rendered once.
  const byCacheFile = new Map<string, OgJob[]>();
  for (const job of jobs) {
    const cached = join(cacheDir, `${ogCardHash(job.card)}.png`);
    const sharing = byCacheFile.get(cached);
    if (sharing) sharing.push(job);
    else byCacheFile.set(cached, [job]);
  }
  const copyOut = (cached: string) => Promise.all(byCacheFile.get(cached)!.map((job) => copyFile(cached, join(outDir, job.file))));
  const missing: string[] = [];
  const present: string[] = [];
  for (const cached of byCacheFile.keys()) (existsSync(cached) ? present : missing).push(cached);
  await Promise.all([
    ...present.map(copyOut),
    renderOnWorkers(
      missing.map((cached) => byCacheFile.get(cached)![0]!.card),
      Math.max(1, availableParallelism()),
      async (index, png, ms) => {
        renderMs += ms;
        const cached = missing[index]!;
        const temp = `${cached}.${process.pid}.tmp`;
        await writeFile(temp, png);
        await rename(temp, cached); // atomic: an interrupted build never leaves half an image in the cache
        await copyOut(cached);
      },
    ),
  ]);
  const generated = missing.reduce((sum, cached) => sum + byCacheFile.get(cached)!.length, 0);
  const pruned = await pruneCache(cacheDir, new Set(byCacheFile.keys()), maxAgeDays);
  for (const job of jobs) bytes += (await stat(join(outDir, job.file))).size;
  return {
    total: jobs.length,
    generated,
    cached: jobs.length - generated,
    pruned,
    ms: Math.round(performance.now() - started),
    msPerGenerated: missing.length ? Math.round((renderMs / missing.length) * 10) / 10 : 0,
    bytes,
  };
}

export default function ogImages(): AstroIntegration {
  let root = process.cwd();
  return {
    name: 'lectern:og-images',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const jobsFile = join(outDir, OG_JOBS_FILE);
        if (!existsSync(jobsFile)) throw new Error(`${jobsFile} is missing: the route src/pages/og/cards.json.ts did not run`);
        const jobs = JSON.parse(await readFile(jobsFile, 'utf8')) as OgJob[];
        await rm(jobsFile);
        const cacheDir = resolve(root, process.env.LECTERN_OG_CACHE ?? 'node_modules/.cache/lectern-og');
        const maxAgeDays = Number(process.env.LECTERN_OG_CACHE_DAYS ?? OG_CACHE_DAYS);
        const report = await buildOgImages(jobs, outDir, cacheDir, maxAgeDays);
        await writeFile(join(cacheDir, 'last-build.json'), `${JSON.stringify(report, null, 2)}\n`);
        logger.info(
          `${report.total} Open Graph images in ${report.ms} ms: ${report.generated} generated` +
            (report.generated ? ` (${report.msPerGenerated} ms each)` : '') +
            `, ${report.cached} from cache ${cacheDir}` +
            (report.pruned ? `; ${report.pruned} unused for ${maxAgeDays} days deleted` : ''),
        );
      },
    },
  };
}
