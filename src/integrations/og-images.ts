/**
 * Open Graph images, rendered at the end of `astro build`.
 *
 * Pages only link to `og/<kind>/<name>.png`; the route `src/pages/og/cards.json.ts` writes the
 * list of cards the site needs (one per paper, theme and digest) into the output. This hook
 * reads that list, renders each card with Satori (layout to SVG, text as paths from the Inter
 * and KaTeX fonts in node_modules) and resvg (SVG to PNG, in libuv's thread pool so two cards
 * render at once on two cores), and removes the list.
 *
 * Images are cached by a hash of their inputs (`src/core/og/card.ts`): `<cache>/<hash>.png`,
 * the cache being `node_modules/.cache/lectern-og/` or env LECTERN_OG_CACHE. A rebuild renders
 * only cards whose text changed and copies the rest. `<cache>/last-build.json` records the
 * counts and timings of the last build (benchmarks and tests read it).
 */
import type { AstroIntegration } from 'astro';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyFile, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import satori from 'satori';
import { renderAsync } from '@resvg/resvg-js';
import { OG_HEIGHT, OG_WIDTH, ogCardHash, ogCardTree, type OgCard } from '../core/og/card.ts';

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
  /** Wall time of the whole step and the mean render time of one generated image. */
  ms: number;
  msPerGenerated: number;
  bytes: number;
}

type SatoriFont = Parameters<typeof satori>[1]['fonts'][number];

/** The fonts of the card: Inter (Latin, Latin Extended, Greek) and KaTeX fonts for math symbols. */
export async function loadOgFonts(): Promise<SatoriFont[]> {
  const require = createRequire(import.meta.url);
  const inter = (subset: string, weight: 400 | 700) => require.resolve(`@fontsource/inter/files/inter-${subset}-${weight}-normal.woff`);
  const katex = (file: string) => join(dirname(require.resolve('katex')), 'fonts', file);
  const specs: Array<[string, string, 400 | 700]> = [
    ['Inter', inter('latin', 400), 400],
    ['Inter', inter('latin', 700), 700],
    ['Inter Latin Ext', inter('latin-ext', 400), 400],
    ['Inter Latin Ext', inter('latin-ext', 700), 700],
    ['Inter Greek', inter('greek', 400), 400],
    ['Inter Greek', inter('greek', 700), 700],
    ['KaTeX Main', katex('KaTeX_Main-Regular.woff'), 400],
    ['KaTeX Main', katex('KaTeX_Main-Bold.woff'), 700],
    ['KaTeX AMS', katex('KaTeX_AMS-Regular.woff'), 400],
    ['KaTeX Size1', katex('KaTeX_Size1-Regular.woff'), 400],
  ];
  return Promise.all(
    specs.map(async ([name, path, weight]) => ({ name, data: await readFile(path), weight, style: 'normal' as const })),
  );
}

/** Renders one card to PNG bytes. */
export async function renderOgCard(card: OgCard, fonts: SatoriFont[]): Promise<Buffer> {
  const svg = await satori(ogCardTree(card) as unknown as Parameters<typeof satori>[0], { width: OG_WIDTH, height: OG_HEIGHT, fonts });
  // Satori already turned text into paths: resvg needs no fonts, and scanning the system's costs time.
  const image = await renderAsync(svg, { fitTo: { mode: 'width', value: OG_WIDTH }, font: { loadSystemFonts: false } });
  return image.asPng();
}

/** Runs `task` over `items` with at most `limit` in flight. */
async function pool<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Renders or copies every job into `outDir`; returns what it did. */
export async function buildOgImages(jobs: readonly OgJob[], outDir: string, cacheDir: string): Promise<OgBuildReport> {
  const started = performance.now();
  await mkdir(cacheDir, { recursive: true });
  let fonts: SatoriFont[] | undefined;
  let generated = 0;
  let renderMs = 0;
  let bytes = 0;
  const dirs = new Set(jobs.map((job) => dirname(join(outDir, job.file))));
  await Promise.all([...dirs].map((dir) => mkdir(dir, { recursive: true })));
  // Satori lays out on this thread while resvg renders in the libuv pool: two jobs per core keep both busy.
  await pool(jobs, 2 * availableParallelism(), async (job) => {
    const cached = join(cacheDir, `${ogCardHash(job.card)}.png`);
    const target = join(outDir, job.file);
    if (!existsSync(cached)) {
      fonts ??= await loadOgFonts();
      const t = performance.now();
      const png = await renderOgCard(job.card, fonts);
      renderMs += performance.now() - t;
      const temp = `${cached}.${process.pid}.tmp`;
      await writeFile(temp, png);
      await rename(temp, cached); // atomic: an interrupted build never leaves half an image in the cache
      generated += 1;
    }
    await copyFile(cached, target);
  });
  for (const job of jobs) bytes += (await stat(join(outDir, job.file))).size;
  return {
    total: jobs.length,
    generated,
    cached: jobs.length - generated,
    ms: Math.round(performance.now() - started),
    msPerGenerated: generated ? Math.round((renderMs / generated) * 10) / 10 : 0,
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
        const report = await buildOgImages(jobs, outDir, cacheDir);
        await writeFile(join(cacheDir, 'last-build.json'), `${JSON.stringify(report, null, 2)}\n`);
        logger.info(
          `${report.total} Open Graph images in ${report.ms} ms: ${report.generated} generated` +
            (report.generated ? ` (${report.msPerGenerated} ms each)` : '') +
            `, ${report.cached} from cache ${cacheDir}`,
        );
      },
    },
  };
}
