/**
 * `npm run enrich`, the pure half: which papers need an arXiv lookup, and, given arXiv's
 * answers, which identity fields each paper gains. Nothing here touches the disk or the network;
 * `scripts/enrich.ts` asks arXiv and writes the files.
 *
 * - A paper without `arxiv` is looked up by title; a candidate is accepted only when its folded
 *   title (the importer's dedupe key) equals the paper's. Near misses are reported with both
 *   titles and never written.
 * - A paper with `arxiv` but without author names, first-submission day or primary category is
 *   looked up by id.
 * - Filled: `arxiv` (versionless), `authors.names`, `submitted`, `primary_category`, `doi`; each
 *   only when empty, so a value a person (or an earlier source) set is never replaced. Nothing
 *   else in the file changes: only those keys' lines are rewritten (`updatePaperFile`).
 */
import type { Diagnostic } from '../diagnostics.ts';
import type { ArxivEntry } from '../arxiv/atom.ts';
import { normalizeText } from '../normalize/index.ts';
import { readPaper } from '../content/index.ts';
import { frontmatterKeyLine, orderKeys, updatePaperFile } from './frontmatter.ts';
import { keyOfCleanTitle } from './key.ts';
import { paperSchema, type PaperFrontmatter } from './schema.ts';
import type { ExistingFile, FileWrite } from './plan.ts';

/** The identity fields enrich fills, in frontmatter order. */
export const ENRICHED_FIELDS = ['arxiv', 'authors.names', 'doi', 'primary_category', 'submitted'] as const;
export type EnrichedField = (typeof ENRICHED_FIELDS)[number];

/** A paper file that parsed and matches the schema. */
export interface EnrichPaper {
  path: string;
  /** The file's text as read (for line numbers in messages). */
  content: string;
  data: PaperFrontmatter;
  /** Frontmatter keys the schema does not know (people's), kept as they are. */
  extra: Record<string, unknown>;
}

export interface EnrichNeeds {
  papers: EnrichPaper[];
  /** Versionless ids to look up, each once, sorted (so a rerun builds the same batches). */
  ids: string[];
  /** Papers to look up by title (no `arxiv`), with the clean title to search for. */
  titles: Array<{ path: string; title: string }>;
  /** Files that could not be read as papers (left alone). */
  diagnostics: Diagnostic[];
}

function needsIdLookup(data: PaperFrontmatter): boolean {
  return data.arxiv !== null && (data.authors.names.length === 0 || data.submitted === null || data.primary_category === null);
}

/** Reads the paper files and lists the lookups they need. */
export function enrichNeeds(files: readonly ExistingFile[]): EnrichNeeds {
  const papers: EnrichPaper[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const read = readPaper(file.content, file.path, 'Fix the paper file (`npm run import` reports the same) and run enrich again; enrich left it alone.');
    if (!read.ok) {
      // Invalid files are the importer's errors; here they are only skipped.
      diagnostics.push({ ...read.diagnostics[0]!, severity: 'warning' });
      continue;
    }
    const extra = Object.fromEntries(Object.entries(read.data).filter(([key]) => !Object.hasOwn(paperSchema.shape, key)));
    papers.push({ path: file.path, content: file.content, data: read.paper, extra });
  }
  const ids = [...new Set(papers.filter((p) => needsIdLookup(p.data)).map((p) => p.data.arxiv!))].sort();
  const titles = papers.filter((p) => p.data.arxiv === null).map((p) => ({ path: p.path, title: p.data.title }));
  return { papers, ids, titles, diagnostics };
}

/** What arXiv answered. A lookup that is absent was not made (offline, or it failed). */
export interface EnrichAnswers {
  /** id -> its entry, or null when arXiv has no paper with that id. */
  byId: ReadonlyMap<string, ArxivEntry | null>;
  /** paper path -> the candidates of its title search (possibly none). */
  byTitle: ReadonlyMap<string, readonly ArxivEntry[]>;
}

export interface EnrichChange {
  path: string;
  slug: string;
  /** The arXiv id the fields came from. */
  arxiv: string;
  /** How the paper was matched. */
  via: 'id' | 'title';
  fields: EnrichedField[];
}

export interface NearMiss {
  path: string;
  title: string;
  arxivTitle: string;
  arxiv: string;
}

export interface EnrichReport {
  /** Paper files read (valid ones). */
  papers: number;
  /** Papers that gained at least one field. */
  enriched: number;
  /** Papers looked up whose fields were already all filled, or that arXiv had nothing to add to. */
  unchanged: number;
  /** Papers arXiv has no match for (no id, or no candidate near the title). */
  notFound: number;
  /** Papers whose closest candidate's title is not the paper's title (never written). */
  nearMisses: NearMiss[];
  /** Papers that needed a lookup that was not made (offline, or the request failed). */
  notLookedUp: number;
  changes: EnrichChange[];
  diagnostics: Diagnostic[];
}

export interface EnrichPlan {
  writes: FileWrite[];
  report: EnrichReport;
}

/** Title words, folded like the dedupe key, for measuring how near a candidate is. */
function titleWords(title: string): Set<string> {
  return new Set(
    normalizeText(title)
      .split(/[^\p{L}\p{N}]+/u)
      .map((word) => keyOfCleanTitle(word))
      .filter(Boolean),
  );
}

/** Dice coefficient of two titles' word sets (1 = same words). */
function titleSimilarity(a: string, b: string): number {
  const wa = titleWords(a);
  const wb = titleWords(b);
  if (wa.size + wb.size === 0) return 0;
  let shared = 0;
  for (const word of wa) if (wb.has(word)) shared++;
  return (2 * shared) / (wa.size + wb.size);
}

/** A candidate this similar to the paper's title is reported as a near miss; others are noise. */
const NEAR_MISS_SIMILARITY = 0.6;

export function planEnrich(needs: EnrichNeeds, answers: EnrichAnswers): EnrichPlan {
  const diagnostics: Diagnostic[] = [...needs.diagnostics];
  const report: EnrichReport = { papers: needs.papers.length, enriched: 0, unchanged: 0, notFound: 0, nearMisses: [], notLookedUp: 0, changes: [], diagnostics };
  const writes: FileWrite[] = [];
  /** Which paper holds each arXiv id: a title match must not give a second paper the same id. */
  const holder = new Map<string, string>();
  for (const paper of needs.papers) if (paper.data.arxiv) holder.set(paper.data.arxiv, paper.path);
  const titleLine = (paper: EnrichPaper): number => frontmatterKeyLine(paper.content, 'title');

  for (const paper of needs.papers) {
    let entry: ArxivEntry;
    let via: 'id' | 'title';
    if (paper.data.arxiv !== null) {
      if (!needsIdLookup(paper.data)) continue;
      const answer = answers.byId.get(paper.data.arxiv);
      if (answer === undefined) {
        report.notLookedUp++;
        continue;
      }
      if (answer === null) {
        report.notFound++;
        diagnostics.push({
          severity: 'warning',
          code: 'arxiv-id-not-found',
          file: paper.path,
          line: frontmatterKeyLine(paper.content, 'arxiv'),
          message: `arXiv has no paper with the id ${paper.data.arxiv}.`,
          hint: 'Check the id against the paper\'s arXiv page and correct `arxiv` (or set it to null).',
        });
        continue;
      }
      entry = answer;
      via = 'id';
    } else {
      const candidates = answers.byTitle.get(paper.path);
      if (candidates === undefined) {
        report.notLookedUp++;
        continue;
      }
      const key = keyOfCleanTitle(paper.data.title);
      const matches = dedupeById(candidates.filter((c) => keyOfCleanTitle(normalizeText(c.title)) === key));
      if (matches.length > 1) {
        report.notFound++;
        diagnostics.push({
          severity: 'warning',
          code: 'arxiv-title-ambiguous',
          file: paper.path,
          line: titleLine(paper),
          message: `${matches.length} arXiv papers have this title (${matches.map((m) => m.id).join(', ')}).`,
          hint: 'Set `arxiv` to the right id by hand; enrich then fills the rest.',
        });
        continue;
      }
      if (matches.length === 0) {
        const nearest = candidates
          .map((c) => ({ c, similarity: titleSimilarity(paper.data.title, c.title) }))
          .sort((a, b) => b.similarity - a.similarity)[0];
        report.notFound++;
        if (nearest && nearest.similarity >= NEAR_MISS_SIMILARITY) {
          report.nearMisses.push({ path: paper.path, title: paper.data.title, arxivTitle: nearest.c.title, arxiv: nearest.c.id });
          diagnostics.push({
            severity: 'warning',
            code: 'arxiv-near-miss',
            file: paper.path,
            line: titleLine(paper),
            message: `arXiv's closest title is not this paper's: "${paper.data.title}" here, "${nearest.c.title}" on arXiv (${nearest.c.id}); nothing was written.`,
            hint: `If it is the same paper, set \`arxiv: "${nearest.c.id}"\` by hand and run enrich again.`,
          });
        }
        continue;
      }
      entry = matches[0]!;
      via = 'title';
      const taken = holder.get(entry.id);
      if (taken && taken !== paper.path) {
        report.notFound++;
        diagnostics.push({
          severity: 'warning',
          code: 'arxiv-id-taken',
          file: paper.path,
          line: titleLine(paper),
          message: `arXiv gives this title the id ${entry.id}, which ${taken} already has.`,
          hint: 'The two files may be the same paper: merge them by hand (keep one, add the other slug to its aliases).',
        });
        continue;
      }
      holder.set(entry.id, paper.path);
    }

    const { data, fields } = fillIdentity(paper.data, entry);
    if (
      data.authors.count !== null &&
      paper.data.authors.names.length === 0 &&
      data.authors.names.length > 0 &&
      data.authors.names.length !== data.authors.count
    ) {
      diagnostics.push({
        severity: 'warning',
        code: 'author-count-differs',
        file: paper.path,
        line: frontmatterKeyLine(paper.content, 'authors'),
        message: `the listing counted ${data.authors.count} authors; arXiv (${entry.id}) names ${data.authors.names.length}.`,
        hint: 'Both are kept (arXiv versions can change the author list); no action needed unless the match is wrong.',
      });
    }
    if (fields.length === 0) {
      report.unchanged++;
      continue;
    }
    const frontmatter = orderKeys({ ...data, ...paper.extra });
    const checked = paperSchema.safeParse(frontmatter);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      diagnostics.push({
        severity: 'error',
        code: 'invalid-arxiv-answer',
        file: paper.path,
        line: 1,
        message: `arXiv's record ${entry.id} would break this paper's schema (field "${issue.path.join('.')}": ${issue.message}).`,
        hint: 'Nothing was written to this file; fill the fields by hand.',
      });
      continue;
    }
    // Only the changed keys' lines are rewritten (people's keys and comments stay byte for byte).
    const topKeys = [...new Set(fields.map((field) => field.split('.')[0] as keyof PaperFrontmatter))];
    const update = updatePaperFile(paper.content, Object.fromEntries(topKeys.map((key) => [key, data[key]])), paper.path);
    if (!update.ok) {
      diagnostics.push({ ...update.problem, hint: 'Nothing was written to this file; fix its frontmatter and run enrich again.' });
      continue;
    }
    report.enriched++;
    report.changes.push({ path: paper.path, slug: data.slug, arxiv: entry.id, via, fields });
    writes.push({ path: paper.path, content: update.text, expected: paper.content });
  }
  return { writes, report };
}

function dedupeById(entries: readonly ArxivEntry[]): ArxivEntry[] {
  const seen = new Map<string, ArxivEntry>();
  for (const e of entries) if (!seen.has(e.id)) seen.set(e.id, e);
  return [...seen.values()];
}

/** Fills each empty identity field from arXiv's entry; a value already there always stays. */
export function fillIdentity(data: PaperFrontmatter, entry: ArxivEntry): { data: PaperFrontmatter; fields: EnrichedField[] } {
  const fields: EnrichedField[] = [];
  const next: PaperFrontmatter = { ...data, authors: { ...data.authors } };
  if (next.arxiv === null) {
    next.arxiv = entry.id;
    fields.push('arxiv');
  }
  if (next.authors.names.length === 0 && entry.authors.length > 0) {
    next.authors.names = [...entry.authors];
    fields.push('authors.names');
  }
  if (next.doi === null && entry.doi !== null) {
    next.doi = entry.doi;
    fields.push('doi');
  }
  if (next.primary_category === null && entry.primaryCategory !== null) {
    next.primary_category = entry.primaryCategory;
    fields.push('primary_category');
  }
  if (next.submitted === null && entry.submitted !== null) {
    next.submitted = entry.submitted;
    fields.push('submitted');
  }
  return { data: next, fields };
}
