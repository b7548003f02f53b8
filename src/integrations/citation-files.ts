/**
 * Per-paper citation files, written at the end of `astro build`: `papers/<slug>.bib` (BibTeX)
 * and `papers/<slug>.json` (CSL-JSON). The hook reads the papers itself, through the content
 * loader the site and the commands use (src/io/content.ts), and cites them as the pages do
 * (`citationsBySlug`); nothing is handed to it through the output. Themes and digests have their
 * own routes (few files).
 *
 * Formatted files are cached by a hash of each paper's citation, as files in a folder beside the
 * cache file (`node_modules/.cache/lectern-citations-files/<hash>.bib|.json`; the cache file is
 * `node_modules/.cache/lectern-citations.json`, or env LECTERN_CITATION_CACHE): a rebuild formats
 * only new or changed papers and hard-links every file from the cache into the site, as the Open
 * Graph cards are (creating 20,000 files took 3.2 s, linking them 0.3 s). Edit neither in place.
 * The cache file keeps what each paper file cites, by a hash of the file's text: a rebuild parses
 * only new or edited paper files (parsing every file's YAML took ~2 s of a 10,000-paper rebuild).
 * Each build keeps only the entries and files it used, so the cache never outgrows the site.
 */
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { citationsBySlug, formatBibtex, formatCslJson, type CitablePaper, type Citation } from '../core/cite/index.ts';
import { readPaper } from '../core/content/index.ts';
import { formatDiagnostic, type Diagnostic } from '../core/diagnostics.ts';
import type { PaperFrontmatter } from '../core/papers/schema.ts';
import { absoluteUrl, sitePaths, type SiteLocation } from '../core/urls.ts';
import { lecternConfig } from '../config.ts';
import { linkOrCopy, writeFileAtomic } from '../io/atomic.ts';
import { readPaperFiles } from '../io/content.ts';

/** Bump when the formatters' output changes: every cached entry is then formatted again. */
const FORMAT_VERSION = 2;

/**
 * Bump when what a paper file means changes (src/core/content, the paper schema and its
 * defaults): every paper file is then parsed again instead of read from the cache.
 */
const PAPER_READ_VERSION = 1;

/** The cache file's layout; a file in another layout (or none) is an empty cache. */
const CACHE_VERSION = 4;

export interface CitationReport {
  files: number;
  papers: number;
  /** Papers whose files were formatted in this build; the others came from the cache. */
  formatted: number;
  /** Paper files parsed in this build (new or edited); what the others cite came from the cache. */
  parsed?: number;
}

/** What a paper file contributes to citations: the frontmatter fields `citationsBySlug` reads. */
export type CitableFields = Omit<CitablePaper, 'pageUrl'>;

function citableFields(paper: PaperFrontmatter): CitableFields {
  const { slug, title, abstract, published, submitted, year, added, authors, arxiv, primary_category, doi } = paper;
  return { slug, title, abstract, published, submitted, year, added, authors: { count: authors.count, attribution: authors.attribution, names: authors.names }, arxiv, primary_category, doi };
}

/** The cache file: each paper file's citable fields by a hash of its text. */
export interface CitationCache {
  papers: Map<string, CitableFields>;
}

/** A path beside the cache file: its name without `.json`, then `suffix`. */
const besideCache = (cacheFile: string, suffix: string): string => cacheFile.replace(/(\.json)?$/, suffix);

/** The folder of formatted files, beside the cache file. */
export const citationFilesDir = (cacheFile: string): string => besideCache(cacheFile, '-files');

/** Where a build leaves its CitationReport (for the summary of `npm run build`): beside the cache. */
export const citationReportFile = (cacheFile: string): string => besideCache(cacheFile, '.last-build.json');

const itemHash = (item: Citation): string => createHash('sha256').update(JSON.stringify([FORMAT_VERSION, item])).digest('base64url');
const fileHash = (text: string): string => createHash('sha256').update(`${PAPER_READ_VERSION}\n${text}`).digest('base64url');

interface CacheFile {
  version: number;
  papers: Record<string, CitableFields>;
}

/** The cache; empty when the file is missing, unreadable or in another layout (it is only a cache). */
export function readCitationCache(cacheFile: string): CitationCache {
  try {
    const data = JSON.parse(readFileSync(cacheFile, 'utf8')) as CacheFile;
    if (data.version === CACHE_VERSION) return { papers: new Map(Object.entries(data.papers)) };
  } catch {
    // missing or damaged: start over
  }
  return { papers: new Map() };
}

export interface ContentCitations {
  /** Every paper's citation by slug. */
  citations: Map<string, Citation>;
  /** Each paper file's citable fields by the hash of its text, for the next build. */
  papers: Map<string, CitableFields>;
  /** Paper files that were parsed (not in `known`). */
  parsed: number;
}

/**
 * Every paper's citation by slug, read from the content folder; a file whose text hashes to an
 * entry of `known` is not parsed again. The build has already failed on an invalid paper file,
 * so one here means it changed during the build.
 */
export function contentCitations(contentDir: string, location: SiteLocation, known: ReadonlyMap<string, CitableFields> = new Map()): ContentCitations {
  const papers = new Map<string, CitableFields>();
  const cited: CitableFields[] = [];
  const diagnostics: Diagnostic[] = [];
  let parsed = 0;
  for (const file of readPaperFiles(contentDir)) {
    const hash = fileHash(file.content);
    let fields = known.get(hash);
    if (!fields) {
      parsed += 1;
      const read = readPaper(file.content, join(contentDir, file.path));
      if (!read.ok) {
        diagnostics.push(...read.diagnostics);
        continue;
      }
      fields = citableFields(read.paper);
    }
    papers.set(hash, fields);
    cited.push(fields);
  }
  if (diagnostics.length > 0) throw new Error(diagnostics.map(formatDiagnostic).join('\n'));
  const citations = citationsBySlug(cited, (slug) => absoluteUrl(location, sitePaths.paper(slug)));
  return { citations, papers, parsed };
}

/**
 * Puts both files of every paper (citations by slug) into `<outDir>/papers/`, linked from the
 * cache folder, formatting only citations it does not hold; then deletes the cached files no
 * paper cites any more and saves the paper files' `papers` fields to `cacheFile`.
 */
export function writeCitationFiles(
  citations: ReadonlyMap<string, Citation>,
  outDir: string,
  cacheFile: string,
  { papers = new Map() }: { papers?: ReadonlyMap<string, CitableFields> } = {},
): CitationReport {
  const dir = join(outDir, 'papers');
  const store = citationFilesDir(cacheFile);
  mkdirSync(dir, { recursive: true });
  mkdirSync(store, { recursive: true });
  const used = new Set<string>();
  let formatted = 0;
  let files = 0;
  for (const [slug, item] of citations) {
    const hash = itemHash(item);
    const cached = { bib: join(store, `${hash}.bib`), json: join(store, `${hash}.json`) };
    if (!used.has(hash) && !(existsSync(cached.bib) && existsSync(cached.json))) {
      // Atomic: an interrupted build never leaves half a file in the cache.
      writeFileAtomic(cached.bib, formatBibtex([item]));
      writeFileAtomic(cached.json, formatCslJson([item]));
      formatted += 1;
    }
    used.add(hash);
    linkOrCopy(cached.bib, join(dir, `${slug}.bib`));
    linkOrCopy(cached.json, join(dir, `${slug}.json`));
    files += 2;
  }
  // Also temp files an interrupted build left (their names are no hash).
  for (const name of readdirSync(store)) {
    if (!used.has(name.replace(/\.(bib|json)$/, ''))) rmSync(join(store, name), { force: true });
  }
  writeFileAtomic(cacheFile, JSON.stringify({ version: CACHE_VERSION, papers: Object.fromEntries(papers) } satisfies CacheFile));
  return { files, papers: citations.size, formatted };
}

export default function citationFiles(): AstroIntegration {
  return {
    name: 'lectern:citation-files',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const started = performance.now();
        // The settings astro.config.mjs gives the site (src/config.ts), so the files link to its pages.
        const { contentDir, site, base, citationCacheFile: cacheFile } = lecternConfig();
        const { citations, papers, parsed } = contentCitations(contentDir, { site, base }, readCitationCache(cacheFile).papers);
        const report: CitationReport = { ...writeCitationFiles(citations, fileURLToPath(dir), cacheFile, { papers }), parsed };
        writeFileAtomic(citationReportFile(cacheFile), `${JSON.stringify(report)}\n`);
        logger.info(
          `${report.files} citation files (BibTeX, CSL-JSON) for ${report.papers} papers in ${Math.round(performance.now() - started)} ms: ` +
            `${report.formatted} formatted, ${report.papers - report.formatted} from cache ${cacheFile} (${parsed} paper files parsed)`,
        );
      },
    },
  };
}
