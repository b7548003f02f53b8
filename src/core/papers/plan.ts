/**
 * The import plan: a pure function from the paper files that exist, the parsed listings and the
 * day of the batch to the file writes that bring the content folder up to date, plus a report.
 * Nothing here touches the disk; `scripts/import.ts` reads the inputs and performs the writes.
 *
 * Records come from any input format (src/core/inputs). Identity: a record with an arXiv id is
 * the paper with that id; two different ids are two papers, even under one title (the second
 * gets its own file, and a warning). Else a record is the paper known by its folded title
 * (`key.ts`) that has no other id. A paper is known by every title it was seen under: its
 * `title_raw` and the titles of records merged into it by id (kept in `sources[].title`, so later
 * runs match them too). A record without an id whose title a record of the same run pairs with an
 * id takes that id, so the order of records and runs does not decide what merges.
 *
 * Ownership (issue 3, "What it must get right" 5-7; issue 12):
 * - importer-owned fields: title/abstract (recomputed from the raw text by the normalizer),
 *   authors/published and the identity fields arxiv, doi, primary_category, submitted, year,
 *   code (filled in when missing, never replaced), upvotes (highest seen), sources (appended).
 *   title_raw/added keep the first sighting's value; abstract_raw too, unless that sighting had
 *   none (a BibTeX entry) and a later one has it. One exception: a `code` link the importer took
 *   from the abstract gives way to one a source states as code (`pickCodeUrl`).
 * - person-owned: the slug (and so the file name), themes, aliases, any other frontmatter key,
 *   and the MDX body. The importer writes them once, for a new paper, and never again.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Diagnostic } from '../diagnostics.ts';
import { resolveListingDate, isIsoDay, type ListingDate } from '../listing/dates.ts';
import type { ParsedInput, PaperRecord } from '../inputs/record.ts';
import { normalizeText } from '../normalize/index.ts';
import { readPaper } from '../content/index.ts';
import { RESERVED_SEGMENTS } from '../permalinks/index.ts';
import { pickCodeUrl } from './code-link.ts';
import { frontmatterKeyLine, serializePaperFile, updatePaperFile } from './frontmatter.ts';
import { dedupeKey, keyOfCleanTitle } from './key.ts';
import { paperSchema, type PaperFrontmatter } from './schema.ts';
import { slugBase, uniqueSlug } from './slug.ts';

/** Theme slugs for a NEW paper from its clean title and abstract (see `content/themes.yaml`). */
export type ClassifyThemes = (paper: { title: string; abstract: string }) => string[];

/** A file that exists in the content folder; `path` is relative to it (`papers/<slug>.mdx`). */
export interface ExistingFile {
  path: string;
  content: string;
}

export interface FileWrite {
  /** Relative to the content folder. */
  path: string;
  content: string;
  /**
   * What the file held when it was read (null: it did not exist). The writer refuses to
   * replace a file that changed since, e.g. notes a person saved during the import.
   */
  expected: string | null;
}

export type Action = 'added' | 'updated' | 'unchanged';

export interface PaperChange {
  slug: string;
  path: string;
  action: Action;
  /** Frontmatter fields whose value changes (empty for `unchanged`). */
  fields: string[];
}

export interface ImportReport {
  /** Records read from the listings (a paper seen twice counts twice). */
  records: number;
  /** Distinct papers among them. */
  papers: number;
  added: number;
  updated: number;
  unchanged: number;
  /** Records that could not be imported (each has an error diagnostic). */
  skipped: number;
  /** One entry per distinct paper seen, in the order first seen. */
  changes: PaperChange[];
  diagnostics: Diagnostic[];
}

export interface ImportPlan {
  writes: FileWrite[];
  report: ImportReport;
}

/** A parsed input file of any format (a `ParsedListing` is one too). */
export type PlanSource = Pick<ParsedInput, 'captured' | 'records' | 'diagnostics'>;

export interface PlanInput {
  existing: readonly ExistingFile[];
  /** Parsed input files, in the order given: pasted listings, Daily Papers JSON, BibTeX, CSL-JSON. */
  listings: readonly PlanSource[];
  /** The day this batch joins the reading list, `YYYY-MM-DD`. */
  added: string;
  /**
   * Themes for new papers. THE place where the theme classifier plugs in: `scripts/import.ts`
   * passes it; existing papers' themes are never touched (people own them).
   */
  classify?: ClassifyThemes;
  /** Raw text -> clean text; defaults to the project normalizer. */
  normalize?: (raw: string) => string;
}

/** A paper being planned: its frontmatter (validated shape) plus what is needed to write it. */
interface Planned {
  path: string;
  data: PaperFrontmatter;
  /** The clean title of `data.title_raw` (computed once: it is also the dedupe key's source). */
  title: string;
  /** The file's text as read, null for a new paper: updates edit it in place. */
  text: string | null;
  /** The data as read from disk, null for a new paper. */
  before: PaperFrontmatter | null;
  /** Where the record that created or first matched it came from, for messages. */
  origin: Where;
}

/** A position for messages: `file:line`, or `file:$.json.path` in a JSON input. */
type Where = { file: string; line: number; path?: string };

function whereOf(record: PaperRecord): Where {
  return record.path === undefined ? { file: record.file, line: record.line } : { file: record.file, line: record.line, path: record.path };
}

/**
 * The longest clean abstract pages and feeds carry; the raw text is kept whole. arXiv allows
 * 1,920 characters, so only a paste gone wrong (a whole page on one line) reaches it.
 */
export const ABSTRACT_MAX_CHARS = 5_000;

/** `text` cut to ABSTRACT_MAX_CHARS at a space outside `$...$` math, with an ellipsis. */
export function capAbstract(text: string): string {
  if (text.length <= ABSTRACT_MAX_CHARS) return text;
  let cut = text.lastIndexOf(' ', ABSTRACT_MAX_CHARS);
  if (cut <= 0) cut = ABSTRACT_MAX_CHARS;
  const dollars = [...text.slice(0, cut).matchAll(/(?<!\\)\$/g)];
  // An odd number of unescaped dollars: the cut is inside math; cut before the math opens.
  if (dollars.length % 2 === 1) cut = dollars.at(-1)!.index;
  return `${text.slice(0, cut).trimEnd()} …`;
}

/** Records skipped by the parser: each such error stands for one record. */
const SKIPPING_CODES = new Set(['title-without-abstract', 'abstract-without-title', 'stray-metadata', 'invalid-record', 'needs-enrich']);

export function planImport(input: PlanInput): ImportPlan {
  const normalize = input.normalize ?? normalizeText;
  const diagnostics: Diagnostic[] = input.listings.flatMap((l) => l.diagnostics);
  let skipped = diagnostics.filter((d) => SKIPPING_CODES.has(d.code ?? '')).length;
  const records = input.listings.reduce((n, l) => n + l.records.length, 0);
  const report: ImportReport = { records, papers: 0, added: 0, updated: 0, unchanged: 0, skipped, changes: [], diagnostics };
  if (!isIsoDay(input.added)) {
    diagnostics.push({
      severity: 'error',
      code: 'bad-added-date',
      file: '--added',
      line: 0,
      message: `"${input.added}" is not a calendar day.`,
      hint: 'Give the day the batch was added as YYYY-MM-DD, e.g. --added 2026-11-25.',
    });
    report.skipped = records + skipped;
    return { writes: [], report };
  }

  // Existing papers, by dedupe key; every slug and alias in use is reserved, and so is every
  // name lectern's own routes use (a paper titled "Feed" must not become /papers/feed.json).
  const taken = new Set<string>(RESERVED_SEGMENTS.keys());
  /** Papers by every title key they are known by, first known first (several: different ids). */
  const byKey = new Map<string, Planned[]>();
  const register = (key: string, paper: Planned): void => {
    const papers = byKey.get(key);
    if (!papers) byKey.set(key, [paper]);
    else if (!papers.includes(paper)) papers.push(paper);
  };
  /**
   * Papers whose file is invalid, by dedupe key and by slug (its file name and the slug it
   * claims): a record with that title, or one that would get that slug, is not imported, so an
   * unreadable file never gets a `-2` twin.
   */
  const byArxiv = new Map<string, Planned>();
  const broken = new Map<string, string>();
  const brokenSlugs = new Map<string, string>();
  for (const file of input.existing) {
    const stem = file.path.replace(/^.*\//, '').replace(/\.mdx?$/, '');
    taken.add(stem);
    const read = readPaper(file.content, file.path, 'Fix this paper file by hand (or restore it with git); the importer leaves it alone until then.');
    if (!read.ok) {
      diagnostics.push(read.diagnostics[0]!);
      if (read.data === undefined) {
        const rawTitle = titleRawLine(file.content);
        if (rawTitle) broken.set(dedupeKey(rawTitle, normalize), file.path);
      } else {
        for (const field of ['title_raw', 'title']) {
          const value = read.data[field];
          if (typeof value === 'string' && value.trim()) broken.set(dedupeKey(value, normalize), file.path);
        }
        const slug = read.data['slug'];
        if (typeof slug === 'string') brokenSlugs.set(slug, file.path);
      }
      brokenSlugs.set(stem, file.path);
      continue;
    }
    // `before` is what the file holds; `data` gets new objects wherever a merge changes something.
    const data = { ...read.paper, sources: [...read.paper.sources] };
    taken.add(data.slug);
    for (const alias of data.aliases) taken.add(alias);
    if (data.slug !== stem) {
      diagnostics.push({
        severity: 'warning',
        code: 'slug-mismatch',
        file: file.path,
        line: frontmatterKeyLine(file.content, 'slug'),
        message: `the file is named "${stem}" but its slug is "${data.slug}" (the site uses the slug).`,
        hint: 'Rename the file or the slug so they agree; when renaming a paper, keep the old slug in `aliases`.',
      });
    }
    const title = normalize(data.title_raw) || data.title_raw;
    const key = keyOfCleanTitle(title);
    // Same title and both with an id, different ones: two papers. Else the second file is a twin.
    const twin = byKey
      .get(key)
      ?.find((other) => keyOfCleanTitle(other.title) === key && (data.arxiv === null || other.data.arxiv === null || other.data.arxiv === data.arxiv));
    if (twin) {
      diagnostics.push({
        severity: 'warning',
        code: 'duplicate-paper-file',
        file: file.path,
        line: frontmatterKeyLine(file.content, 'title_raw'),
        message: `this paper has the same title as ${twin.path}.`,
        hint: 'Merge the two files by hand (keep one, add the other slug to its aliases); new sightings update the first.',
      });
      continue;
    }
    const paper: Planned = {
      path: file.path,
      data,
      title,
      text: file.content,
      before: read.paper,
      origin: { file: file.path, line: 1 },
    };
    register(key, paper);
    for (const seenAs of data.sources) if (seenAs.title !== undefined) register(dedupeKey(seenAs.title, normalize), paper);
    if (data.arxiv !== null && !byArxiv.has(data.arxiv)) byArxiv.set(data.arxiv, paper);
  }

  // The arXiv id each title is paired with in this run's records (the first such record's).
  const idOfKey = new Map<string, string>();
  for (const listing of input.listings) {
    for (const record of listing.records) {
      if (!record.arxiv) continue;
      const title = normalize(record.titleRaw);
      if (title) {
        const key = keyOfCleanTitle(title);
        if (!idOfKey.has(key)) idOfKey.set(key, record.arxiv);
      }
    }
  }

  // Records of every input, in the order given.
  const seen: Planned[] = [];
  const seenSet = new Set<Planned>();
  for (const listing of input.listings) {
    const capture = captureDay(listing.captured, input.added);
    for (const record of listing.records) {
      const title = normalize(record.titleRaw);
      if (!title) {
        diagnostics.push({
          severity: 'error',
          code: 'invisible-title',
          ...whereOf(record),
          message: 'this title has no visible text (only spaces, invisible characters or empty math).',
          hint: 'Paste the real title on this line and import again; this paper was not imported.',
        });
        skipped++;
        continue;
      }
      const key = keyOfCleanTitle(title);
      const arxiv = record.arxiv ?? null;
      const brokenPath = broken.get(key) ?? (byKey.has(key) ? undefined : brokenSlugs.get(slugBase(title)));
      if (brokenPath && !(arxiv !== null && byArxiv.has(arxiv))) {
        diagnostics.push({
          severity: 'error',
          code: 'blocked-by-invalid-file',
          ...whereOf(record),
          message: `this paper's file ${brokenPath} is invalid, so this sighting was not merged into it.`,
          hint: `Fix ${brokenPath} and import again.`,
        });
        skipped++;
        continue;
      }
      if (record.abstractRaw.length > ABSTRACT_MAX_CHARS) {
        diagnostics.push({
          severity: 'warning',
          code: 'oversized-abstract',
          ...whereOf(record),
          message: `the abstract of "${title.slice(0, 60)}" has ${record.abstractRaw.length.toLocaleString('en-US')} characters (arXiv allows 1,920).`,
          hint: `Pages and feeds show its first ${ABSTRACT_MAX_CHARS.toLocaleString('en-US')} characters; check that the line holds one abstract, not a pasted page.`,
        });
      }
      const published = record.published ? resolveListingDate(record.published, capture) : null;
      const src = source(record);
      const sameTitle = byKey.get(key) ?? [];
      // Among papers known by the title: the one this record joined before (a replay), else the
      // first whose own title it is, else the first.
      const byTitle = (papers: Planned[]): Planned | undefined =>
        papers.find((p) => p.data.sources.some((s) => s.file === src.file && s.line === src.line)) ??
        papers.find((p) => keyOfCleanTitle(p.title) === key) ??
        papers[0];
      // A record without an id whose title no paper has yet is the paper its title's id pairs it with.
      const paired = arxiv === null ? idOfKey.get(key) : undefined;
      let paper =
        arxiv !== null
          ? (byArxiv.get(arxiv) ?? byTitle(sameTitle.filter((p) => p.data.arxiv === null)))
          : (byTitle(sameTitle) ?? (paired === undefined ? undefined : byArxiv.get(paired)));
      if (!paper) {
        paper = createPaper(record, title, arxiv ?? paired ?? null, published, input, taken);
        const other = sameTitle[0];
        if (other) {
          diagnostics.push({
            severity: 'warning',
            code: 'arxiv-id-conflict',
            ...whereOf(record),
            message: `this record has the title of ${other.path} but the arXiv id ${arxiv}, not ${other.data.arxiv}; it was added as another paper, ${paper.path}.`,
            hint: `If they are one paper, correct the wrong \`arxiv\` and merge the two files by hand (keep one, add the other's slug to its aliases).`,
          });
        }
      } else {
        mergeSighting(paper, record, sameTitle.includes(paper), published, diagnostics);
      }
      register(key, paper);
      if (paper.data.arxiv !== null && !byArxiv.has(paper.data.arxiv)) byArxiv.set(paper.data.arxiv, paper);
      if (!seenSet.has(paper)) {
        seenSet.add(paper);
        seen.push(paper);
      }
    }
  }

  // Validate everything, then emit writes for what changed.
  const writes: FileWrite[] = [];
  for (const paper of seen) {
    paper.data.title = paper.title;
    paper.data.abstract = capAbstract(normalize(paper.data.abstract_raw));
    // New papers are classified once every record is in (a BibTeX entry may come without the abstract).
    if (paper.before === null && input.classify) paper.data.themes = classify(input.classify, paper, diagnostics);
    if (paper.before === null && paper.data.abstract_raw === '') {
      diagnostics.push({
        severity: 'warning',
        code: 'no-abstract',
        ...paper.origin,
        message: `"${paper.data.title_raw.slice(0, 60)}" is new and has no abstract; it was added with an empty one.`,
        hint: 'Import a listing or Daily Papers JSON that has the paper (the abstract is filled in), or add `abstract` to the entry.',
      });
    }
    const fields = changedFields(paper.before, paper.data);
    const action: Action = paper.before === null ? 'added' : fields.length > 0 ? 'updated' : 'unchanged';
    const checked = paperSchema.safeParse(paper.data);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      diagnostics.push({
        severity: 'error',
        code: 'invalid-paper',
        ...paper.origin,
        message: `the paper "${paper.data.title_raw.slice(0, 60)}" would break the schema (field "${issue.path.join('.')}": ${issue.message}).`,
        hint: 'Fix the record in the listing (or the paper file) and import again; this paper was not written.',
      });
      skipped++;
      continue;
    }
    let content: string | null = null;
    if (paper.text === null) content = serializePaperFile(paper.data, '');
    else if (action === 'updated') {
      // Only the changed importer-owned keys are rewritten; every other byte of the file stays.
      const update = updatePaperFile(paper.text, Object.fromEntries(fields.map((key) => [key, paper.data[key]])), paper.path);
      if (!update.ok) {
        diagnostics.push({ ...update.problem, hint: 'Fix this paper file by hand (or restore it with git); the importer leaves it alone until then.' });
        skipped++;
        continue;
      }
      content = update.text;
    }
    report.papers++;
    report[action]++;
    report.changes.push({ slug: paper.data.slug, path: paper.path, action, fields });
    if (content !== null) writes.push({ path: paper.path, content, expected: paper.text });
  }
  report.skipped = skipped;
  return { writes, report };
}

/**
 * The day a listing was captured: its header date, as the most recent such day not after the
 * batch's `added` day (a page cannot be captured after it was added); `added` when the header
 * has no date.
 */
export function captureDay(captured: ListingDate | null, added: string): string {
  if (captured === null) return added;
  return resolveListingDate(captured, added) ?? added;
}

function createPaper(
  record: PaperRecord,
  title: string,
  arxiv: string | null,
  published: string | null,
  input: PlanInput,
  taken: Set<string>,
): Planned {
  const slug = uniqueSlug(slugBase(title), taken);
  return {
    path: `papers/${slug}.mdx`,
    data: {
      slug,
      title,
      title_raw: record.titleRaw,
      // Normalized with every paper's once all records are in.
      abstract: '',
      abstract_raw: record.abstractRaw,
      authors: { count: record.authorCount, attribution: record.attribution, names: record.names ?? [] },
      arxiv,
      doi: record.doi ?? null,
      primary_category: record.primaryCategory ?? null,
      submitted: record.submitted ?? null,
      year: record.year ?? null,
      code: pickCodeUrl(record.code, record.abstractRaw),
      published,
      upvotes: record.upvotes,
      added: input.added,
      themes: [],
      aliases: [],
      sources: [source(record)],
    },
    title,
    text: null,
    before: null,
    origin: whereOf(record),
  };
}

/** Theme slugs for a new paper from its clean title and abstract; a failing classifier is a warning. */
function classify(classifyThemes: ClassifyThemes, paper: Planned, diagnostics: Diagnostic[]): string[] {
  try {
    return [...new Set(classifyThemes({ title: paper.data.title, abstract: paper.data.abstract }))];
  } catch (error) {
    diagnostics.push({
      severity: 'warning',
      code: 'classifier-failed',
      ...paper.origin,
      message: `the theme classifier failed on this paper (${error instanceof Error ? error.message : String(error)}).`,
      hint: 'The paper was imported without themes; add them by hand in its frontmatter.',
    });
    return [];
  }
}

/**
 * Merges one more sighting: fills what is missing (an empty abstract too), keeps the highest
 * upvotes, records the source (with the record's title when the paper is not yet known by it).
 * A stated code link replaces one taken from the abstract.
 * When the author names and the listing's author count disagree for the first time, warns.
 */
function mergeSighting(
  paper: Planned,
  record: PaperRecord,
  knownTitle: boolean,
  published: string | null,
  diagnostics: Diagnostic[],
): void {
  const data = paper.data;
  const before = data.authors;
  const names = before.names.length > 0 ? before.names : (record.names ?? []);
  data.authors = {
    count: before.count ?? record.authorCount,
    attribution: before.attribution ?? record.attribution,
    names,
  };
  const newlyDisagree =
    data.authors.count !== null &&
    names.length > 0 &&
    data.authors.count !== names.length &&
    (before.count === null || before.names.length === 0);
  if (newlyDisagree) {
    diagnostics.push({
      severity: 'warning',
      code: 'author-count-mismatch',
      ...whereOf(record),
      message: `${paper.path}: the listing shows ${data.authors.count} authors but ${names.length} are named (${names.slice(0, 3).join(', ')}${names.length > 3 ? ', ...' : ''}); both are kept (authors.count, authors.names).`,
      hint: 'Nothing to do when arXiv versions differ in their author lists; otherwise correct the wrong one in the paper file.',
    });
  }
  if (data.abstract_raw === '' && record.abstractRaw !== '') data.abstract_raw = record.abstractRaw;
  data.arxiv ??= record.arxiv ?? null;
  data.doi ??= record.doi ?? null;
  data.primary_category ??= record.primaryCategory ?? null;
  data.submitted ??= record.submitted ?? null;
  data.year ??= record.year ?? null;
  const stated = record.code ? pickCodeUrl(record.code, '') : null;
  const fromAbstract = pickCodeUrl(null, data.abstract_raw);
  if (data.code === null || (stated !== null && data.code === fromAbstract)) data.code = stated ?? fromAbstract;
  data.published ??= published;
  if (record.upvotes !== null) data.upvotes = Math.max(data.upvotes ?? 0, record.upvotes);
  const src = knownTitle ? source(record) : { ...source(record), title: record.titleRaw };
  if (!data.sources.some((s) => s.file === src.file && s.line === src.line && (src.title === undefined || s.title === src.title))) data.sources.push(src);
}

/** Sources name the input file, not its path, so they are the same on every machine. */
function source(record: PaperRecord): { file: string; line: number; title?: string } {
  return { file: record.file.replace(/^.*[\\/]/, ''), line: record.line };
}

function changedFields(before: PaperFrontmatter | null, after: PaperFrontmatter): Array<keyof PaperFrontmatter> {
  if (before === null) return [];
  return (Object.keys(after) as Array<keyof PaperFrontmatter>).filter(
    (key) => !isDeepStrictEqual(before[key], after[key]),
  );
}

/** The `title_raw` of a file whose YAML does not parse, read from its own line (as written by the importer). */
function titleRawLine(content: string): string | null {
  const value = /^title_raw:[ \t]*(.*?)[ \t]*$/m.exec(content)?.[1];
  if (!value) return null;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'string' ? parsed : null;
  } catch {
    return value.replace(/^["']|["']$/g, '');
  }
}

