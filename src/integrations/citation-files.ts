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
 * The same file keeps what each paper file cites, by a hash of the file's text: a rebuild parses
 * only new or edited paper files (parsing every file's YAML took ~2 s of a 10,000-paper rebuild).
 * Each build saves only the entries it used, so the cache never outgrows the site.
 */
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { citationsBySlug, formatBibtex, formatCslJson, type CitablePaper, type Citation } from '../core/cite/index.ts';
import { readPaper } from '../core/content/index.ts';
import { formatDiagnostic, type Diagnostic } from '../core/diagnostics.ts';
import type { PaperFrontmatter } from '../core/papers/schema.ts';
import { absoluteUrl, sitePaths, type SiteLocation } from '../core/urls.ts';
import { lecternConfig } from '../config.ts';
import { writeFileAtomic } from '../io/atomic.ts';
import { readPaperFiles } from '../io/content.ts';

/** Bump when the formatters' output changes: every cached entry is then formatted again. */
const FORMAT_VERSION = 2;

/**
 * Bump when what a paper file means changes (src/core/content, the paper schema and its
 * defaults): every paper file is then parsed again instead of read from the cache.
 */
const PAPER_READ_VERSION = 1;

/** The cache file's layout; a file in another layout (or none) is an empty cache. */
const CACHE_VERSION = 3;

interface CachedCitation {
  bib: string;
  json: string;
}

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

/** The cache: formatted files by citation hash, and each paper file's citable fields by a hash of its text. */
export interface CitationCache {
  citations: Map<string, CachedCitation>;
  papers: Map<string, CitableFields>;
}

/** Where a build leaves its CitationReport (for the summary of `npm run build`): beside the cache. */
export const citationReportFile = (cacheFile: string): string => cacheFile.replace(/(\.json)?$/, '.last-build.json');

const itemHash = (item: Citation): string => createHash('sha256').update(JSON.stringify([FORMAT_VERSION, item])).digest('base64url');
const fileHash = (text: string): string => createHash('sha256').update(`${PAPER_READ_VERSION}\n${text}`).digest('base64url');

interface CacheFile {
  version: number;
  citations: Record<string, CachedCitation>;
  papers: Record<string, CitableFields>;
}

/** The cache; empty when the file is missing, unreadable or in another layout (it is only a cache). */
export function readCitationCache(cacheFile: string): CitationCache {
  try {
    const data = JSON.parse(readFileSync(cacheFile, 'utf8')) as CacheFile;
    if (data.version === CACHE_VERSION) return { citations: new Map(Object.entries(data.citations)), papers: new Map(Object.entries(data.papers)) };
  } catch {
    // missing or damaged: start over
  }
  return { citations: new Map(), papers: new Map() };
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
 * Writes both files of every paper (citations by slug) into `<outDir>/papers/`, formatting only
 * papers the cache does not have, then saves the entries this build used, and the paper files'
 * `papers` fields, to `cacheFile`. Writes are synchronous: one await per file cost 3x the time.
 */
export function writeCitationFiles(
  citations: ReadonlyMap<string, Citation>,
  outDir: string,
  cacheFile: string,
  { cache = readCitationCache(cacheFile), papers = new Map() }: { cache?: CitationCache; papers?: ReadonlyMap<string, CitableFields> } = {},
): CitationReport {
  const dir = join(outDir, 'papers');
  mkdirSync(dir, { recursive: true });
  const used = new Map<string, CachedCitation>();
  let formatted = 0;
  const files = [...citations].flatMap(([slug, item]) => {
    const hash = itemHash(item);
    let entry = used.get(hash) ?? cache.citations.get(hash);
    if (!entry) {
      entry = { bib: formatBibtex([item]), json: formatCslJson([item]) };
      formatted += 1;
    }
    used.set(hash, entry);
    return [[join(dir, `${slug}.bib`), entry.bib] as const, [join(dir, `${slug}.json`), entry.json] as const];
  });
  for (const [file, text] of files) writeFileSync(file, text);
  const saved: CacheFile = { version: CACHE_VERSION, citations: Object.fromEntries(used), papers: Object.fromEntries(papers) };
  writeFileAtomic(cacheFile, JSON.stringify(saved)); // an interrupted build leaves the previous cache
  return { files: files.length, papers: citations.size, formatted };
}

export default function citationFiles(): AstroIntegration {
  return {
    name: 'lectern:citation-files',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const started = performance.now();
        // The settings astro.config.mjs gives the site (src/config.ts), so the files link to its pages.
        const { contentDir, site, base, citationCacheFile: cacheFile } = lecternConfig();
        const cache = readCitationCache(cacheFile);
        const { citations, papers, parsed } = contentCitations(contentDir, { site, base }, cache.papers);
        const report: CitationReport = { ...writeCitationFiles(citations, fileURLToPath(dir), cacheFile, { cache, papers }), parsed };
        writeFileAtomic(citationReportFile(cacheFile), `${JSON.stringify(report)}\n`);
        logger.info(
          `${report.files} citation files (BibTeX, CSL-JSON) for ${report.papers} papers in ${Math.round(performance.now() - started)} ms: ` +
            `${report.formatted} formatted, ${report.papers - report.formatted} from cache ${cacheFile} (${parsed} paper files parsed)`,
        );
      },
    },
  };
}
