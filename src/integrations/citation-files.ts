/**
 * Per-paper citation files, written at the end of `astro build`: `papers/<slug>.bib` (BibTeX)
 * and `papers/<slug>.json` (CSL-JSON), from the list `src/pages/citation-jobs.json.ts`
 * writes into the output (then deleted). Themes and digests have their own routes (few files).
 */
import type { AstroIntegration } from 'astro';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatBibtex, formatCslJson, type CslItem } from '../core/cite/index.ts';

export interface CitationJob {
  slug: string;
  item: CslItem;
}

export const CITATION_JOBS_FILE = 'citation-jobs.json';

/** Writes both files of every paper into `<outDir>/papers/`; returns the number of files. */
export async function writeCitationFiles(jobs: readonly CitationJob[], outDir: string): Promise<number> {
  const dir = join(outDir, 'papers');
  await mkdir(dir, { recursive: true });
  const files = jobs.flatMap(({ slug, item }) => [
    [join(dir, `${slug}.bib`), formatBibtex([item])] as const,
    [join(dir, `${slug}.json`), formatCslJson([item])] as const,
  ]);
  // A bounded number of writes in flight: fast, without opening thousands of files at once.
  for (let i = 0; i < files.length; i += 64) {
    await Promise.all(files.slice(i, i + 64).map(([file, text]) => writeFile(file, text)));
  }
  return files.length;
}

export default function citationFiles(): AstroIntegration {
  return {
    name: 'lectern:citation-files',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const manifest = join(outDir, CITATION_JOBS_FILE);
        if (!existsSync(manifest)) throw new Error(`${manifest} is missing: the route src/pages/citation-jobs.json.ts did not run`);
        const started = performance.now();
        const jobs = JSON.parse(await readFile(manifest, 'utf8')) as CitationJob[];
        await rm(manifest);
        const count = await writeCitationFiles(jobs, outDir);
        logger.info(`${count} citation files (BibTeX, CSL-JSON) for ${jobs.length} papers in ${Math.round(performance.now() - started)} ms`);
      },
    },
  };
}
