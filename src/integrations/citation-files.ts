/**
 * Per-paper citation files, written at the end of `astro build`: `papers/<slug>.bib` (BibTeX)
 * and `papers/<slug>.json` (CSL-JSON), from the list `src/pages/citation-jobs.json.ts`
 * writes into the output (then deleted). Themes and digests have their own routes (few files).
 *
 * Formatting is cached by a hash of each paper's citation in one JSON file
 * (`node_modules/.cache/lectern-citations.json`, or env LECTERN_CITATION_CACHE): a rebuild
 * formats only new or changed papers (citation-js takes ~0.1 ms a paper) and copies the rest.
 * Each build saves only the entries it used, so the cache never outgrows the site.
 */
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CITATION_JOBS_FILE, formatBibtex, formatCslJson, type Citation, type CitationJob } from '../core/cite/index.ts';
import { lecternConfig } from '../config.ts';
import { writeFileAtomic } from '../io/atomic.ts';

/** Bump when the formatters' output changes: every cached entry is then formatted again. */
const FORMAT_VERSION = 2;

interface CachedCitation {
  bib: string;
  json: string;
}

export interface CitationReport {
  files: number;
  papers: number;
  /** Papers whose files were formatted in this build; the others came from the cache. */
  formatted: number;
}

/** Where a build leaves its CitationReport (for the summary of `npm run build`): beside the cache. */
export const citationReportFile = (cacheFile: string): string => cacheFile.replace(/(\.json)?$/, '.last-build.json');

const itemHash = (item: Citation): string => createHash('sha256').update(JSON.stringify([FORMAT_VERSION, item])).digest('base64url');

/** The cache's entries by item hash; empty when the file is missing or unreadable (it is only a cache). */
async function readCache(cacheFile: string): Promise<Map<string, CachedCitation>> {
  if (!existsSync(cacheFile)) return new Map();
  try {
    return new Map(Object.entries(JSON.parse(await readFile(cacheFile, 'utf8')) as Record<string, CachedCitation>));
  } catch {
    return new Map();
  }
}

/**
 * Writes both files of every paper into `<outDir>/papers/`, formatting only papers that
 * `cacheFile` does not have, then saves the entries this build used to `cacheFile`.
 */
export async function writeCitationFiles(jobs: readonly CitationJob[], outDir: string, cacheFile: string): Promise<CitationReport> {
  const dir = join(outDir, 'papers');
  await mkdir(dir, { recursive: true });
  const cache = await readCache(cacheFile);
  const used = new Map<string, CachedCitation>();
  let formatted = 0;
  const files = jobs.flatMap(({ slug, item }) => {
    const hash = itemHash(item);
    let entry = used.get(hash) ?? cache.get(hash);
    if (!entry) {
      entry = { bib: formatBibtex([item]), json: formatCslJson([item]) };
      formatted += 1;
    }
    used.set(hash, entry);
    return [[join(dir, `${slug}.bib`), entry.bib] as const, [join(dir, `${slug}.json`), entry.json] as const];
  });
  // A bounded number of writes in flight: fast, without opening thousands of files at once.
  for (let i = 0; i < files.length; i += 64) {
    await Promise.all(files.slice(i, i + 64).map(([file, text]) => writeFile(file, text)));
  }
  writeFileAtomic(cacheFile, JSON.stringify(Object.fromEntries(used))); // an interrupted build leaves the previous cache
  return { files: files.length, papers: jobs.length, formatted };
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
        const cacheFile = lecternConfig().citationCacheFile;
        const report = await writeCitationFiles(jobs, outDir, cacheFile);
        writeFileAtomic(citationReportFile(cacheFile), `${JSON.stringify(report)}\n`);
        logger.info(
          `${report.files} citation files (BibTeX, CSL-JSON) for ${report.papers} papers in ${Math.round(performance.now() - started)} ms: ` +
            `${report.formatted} formatted, ${report.papers - report.formatted} from cache ${cacheFile}`,
        );
      },
    },
  };
}
