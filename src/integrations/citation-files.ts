/**
 * Per-paper citation files, written at the end of `astro build`: `papers/<slug>.bib` (BibTeX)
 * and `papers/<slug>.json` (CSL-JSON). The hook reads the papers itself, through the content
 * loader the site and the commands use (src/io/content.ts), and cites them as the pages do
 * (`citationsBySlug`); nothing is handed to it through the output. Themes and digests have their
 * own routes (few files).
 *
 * Formatting is cached by a hash of each paper's citation in one JSON file
 * (`node_modules/.cache/lectern-citations.json`, or env LECTERN_CITATION_CACHE): a rebuild
 * formats only new or changed papers (citation-js takes ~0.1 ms a paper) and copies the rest.
 * Each build saves only the entries it used, so the cache never outgrows the site.
 */
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { citationsBySlug, formatBibtex, formatCslJson, type Citation } from '../core/cite/index.ts';
import { formatDiagnostic } from '../core/diagnostics.ts';
import { absoluteUrl, sitePaths, type SiteLocation } from '../core/urls.ts';
import { lecternConfig } from '../config.ts';
import { writeFileAtomic } from '../io/atomic.ts';
import { loadPapers } from '../io/content.ts';

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
 * Every paper's citation by slug, read from the content folder; the build has already failed on
 * an invalid paper file, so one here means it changed during the build.
 */
export function contentCitations(contentDir: string, location: SiteLocation): Map<string, Citation> {
  const { papers, diagnostics } = loadPapers(contentDir);
  if (diagnostics.length > 0) throw new Error(diagnostics.map(formatDiagnostic).join('\n'));
  return citationsBySlug(
    papers.map(({ paper }) => paper),
    (slug) => absoluteUrl(location, sitePaths.paper(slug)),
  );
}

/**
 * Writes both files of every paper (citations by slug) into `<outDir>/papers/`, formatting only
 * papers that `cacheFile` does not have, then saves the entries this build used to `cacheFile`.
 */
export async function writeCitationFiles(citations: ReadonlyMap<string, Citation>, outDir: string, cacheFile: string): Promise<CitationReport> {
  const dir = join(outDir, 'papers');
  await mkdir(dir, { recursive: true });
  const cache = await readCache(cacheFile);
  const used = new Map<string, CachedCitation>();
  let formatted = 0;
  const files = [...citations].flatMap(([slug, item]) => {
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
  return { files: files.length, papers: citations.size, formatted };
}

export default function citationFiles(): AstroIntegration {
  return {
    name: 'lectern:citation-files',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        // The settings astro.config.mjs gives the site (src/config.ts), so the files link to its pages.
        const { contentDir, site, base, citationCacheFile: cacheFile } = lecternConfig();
        const report = await writeCitationFiles(contentCitations(contentDir, { site, base }), fileURLToPath(dir), cacheFile);
        writeFileAtomic(citationReportFile(cacheFile), `${JSON.stringify(report)}\n`);
        logger.info(
          `${report.files} citation files (BibTeX, CSL-JSON) for ${report.papers} papers in ${Math.round(performance.now() - started)} ms: ` +
            `${report.formatted} formatted, ${report.papers - report.formatted} from cache ${cacheFile}`,
        );
      },
    },
  };
}
