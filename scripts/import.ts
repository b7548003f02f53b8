#!/usr/bin/env node
/**
 * lectern-import: Daily Papers listings, Daily Papers API JSON, BibTeX and CSL-JSON exports ->
 * content/papers/<slug>.mdx.
 * A thin CLI: reads the files, asks src/core for a plan, writes it atomically, prints a report.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatDiagnostic, hasErrors, type Diagnostic } from '../src/core/diagnostics.ts';
import type { ArxivEntry } from '../src/core/arxiv/atom.ts';
import { resolveIdList } from '../src/core/inputs/arxiv-ids.ts';
import { FORMAT_NAMES, parseInput, type ParsedInput } from '../src/core/inputs/index.ts';
import { decodeUtf8 } from '../src/core/listing/utf8.ts';
import { planImport, type ExistingFile, type ImportReport } from '../src/core/papers/plan.ts';
import { createClassifier } from '../src/core/themes/index.ts';
import { checkContentFolder, loadTaxonomy, lockContentFolder, readPaperFiles, writeFilesAtomically } from '../src/io/content.ts';
import type { ContentLock } from '../src/io/lock.ts';
import { contentDirOption, lecternConfig } from '../src/config.ts';
import { ArxivClient, DEFAULT_RETRIES, DEFAULT_TIMEOUT_S, OfflineError } from './lib/arxiv-client.ts';
import { plural } from '../src/core/text.ts';

const USAGE = `Usage: npm run import -- [options] <files...>
       npx lectern-import [options] <files...>

Turns papers into content/papers/<slug>.mdx files. Each file's format is detected from its text:
  - a pasted Hugging Face "Daily Papers" listing (the page copied as text),
  - a Daily Papers API response (https://huggingface.co/api/daily_papers?date=YYYY-MM-DD),
  - a BibTeX (.bib) or CSL-JSON export (Zotero, Google Scholar, ...),
  - a list of arXiv ids or arxiv.org / huggingface.co/papers URLs, one per line: their titles,
    abstracts and authors come from the arXiv API (cached and rate-limited as in npm run enrich).
The same paper in several files is one paper (same arXiv id, else same title).
New papers are added; papers already there get missing metadata (author names, arXiv id, DOI,
year, code link...), the highest upvote count and the new source; their slug, themes, aliases,
notes (the MDX body) and any value a person set are never touched.

Options:
  --content <dir>      content folder (default: $LECTERN_CONTENT or "content"); it must exist
                       and hold papers/ or themes.yaml (or be empty)
  --init               create the content folder if it does not exist
  --added <YYYY-MM-DD> the day this batch joins the reading list (default: today, UTC)
  --dry-run            write nothing; report what would change
  --json               print the report as JSON (counts and every diagnostic with file:line)
  --strict             write nothing if there is any error or warning (and exit 1)
  --offline            look arXiv ids up in the cache only (see npm run enrich)
  --help               show this help

Exit status: 0 when the import did what was asked (warnings allowed), 1 when a file or record
had an error (the valid records are still written unless --strict) or, with --strict, a
warning or when another command kept the content folder busy (LECTERN_LOCK_WAIT seconds,
default 30), 2 on a usage error.`;

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        content: { type: 'string' },
        added: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
        offline: { type: 'boolean', default: false },
        init: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    console.error(`lectern-import: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length === 0) {
    console.error(`lectern-import: no files given.\n\n${USAGE}`);
    return 2;
  }
  const contentDir = contentDirOption(values.content);
  const added = values.added ?? new Date().toISOString().slice(0, 10);
  const dryRun = values['dry-run'];
  const log = values.json ? () => {} : (line: string) => console.log(line);

  let listings: ParsedInput[] = [];
  const readProblems: Diagnostic[] = [];
  for (const path of positionals) {
    const text = readListing(path, readProblems);
    if (text === null) continue;
    listings.push(parseInput(text, path));
  }
  listings = await resolveIdLists(listings, values.offline);
  for (const input of listings) {
    const noDate = input.format === 'listing' && !input.captured ? ', no capture date in the header' : '';
    log(`read ${input.file}: ${input.records.length} records (${FORMAT_NAMES[input.format]}${noDate})`);
  }

  // A dry run with --init on a folder not made yet reads it as empty.
  const folderProblem = dryRun && values.init ? null : checkContentFolder(contentDir, values.init);
  if (folderProblem) {
    console.error(`lectern-import: ${folderProblem}`);
    return 1;
  }
  // One writer at a time: the lock is taken before the paper files are read, so what the plan
  // is based on is what gets replaced.
  let lock: ContentLock | undefined;
  if (!dryRun) {
    try {
      lock = lockContentFolder(contentDir, 'lectern-import');
    } catch (error) {
      console.error(`lectern-import: ${(error as Error).message}`);
      return 1;
    }
  }
  try {
    return importInto(contentDir, listings, readProblems, { added, dryRun, strict: values.strict, json: values.json, log });
  } finally {
    lock?.release();
  }
}

/** Reads the paper files, plans, writes and reports; the caller holds the content folder's lock. */
function importInto(
  contentDir: string,
  listings: ParsedInput[],
  readProblems: Diagnostic[],
  options: { added: string; dryRun: boolean; strict: boolean; json: boolean; log: (line: string) => void },
): number {
  const { added, dryRun, log } = options;
  let existing: ExistingFile[];
  try {
    existing = readPaperFiles(contentDir);
  } catch (error) {
    console.error(`lectern-import: cannot read ${join(contentDir, 'papers')}: ${(error as Error).message}`);
    return 1;
  }
  // Themes for NEW papers, from the taxonomy (lectern's default without <content>/themes.yaml).
  // A broken one is an error (file:line) and papers are imported without themes (fix the file,
  // then `npm run themes -- reclassify`).
  const taxonomy = loadTaxonomy(contentDir);
  readProblems.push(...taxonomy.diagnostics);
  const classify = taxonomy.ok ? createClassifier(taxonomy.taxonomy).themesOf : undefined;
  if (taxonomy.ok) log(taxonomy.description);
  const plan = planImport({ existing, listings, added, classify });
  const report: ImportReport = { ...plan.report, diagnostics: [...readProblems, ...plan.report.diagnostics] };
  const failed = options.strict ? report.diagnostics.length > 0 : hasErrors(report.diagnostics);
  const write = !dryRun && !(options.strict && failed);

  let written: string[] = [];
  if (write) {
    try {
      written = writeFilesAtomically(contentDir, plan.writes);
    } catch (error) {
      console.error(`lectern-import: ${(error as Error).message}`);
      return 1;
    }
  }

  if (options.json) {
    // Each file's detected format, as the progress lines say it without --json.
    const inputs = listings.map((input) => ({ file: input.file, format: input.format, formatName: FORMAT_NAMES[input.format], records: input.records.length }));
    console.log(JSON.stringify({ inputs, ...report, dryRun, strict: options.strict, written, taxonomy: taxonomy.ok ? taxonomy.description : null }, null, 2));
  } else {
    for (const d of report.diagnostics) (d.severity === 'error' ? console.error : console.log)(formatDiagnostic(d));
    for (const change of report.changes) {
      if (change.action === 'added') log(`  added     ${change.path}`);
      if (change.action === 'updated') log(`  updated   ${change.path} (${change.fields.join(', ')})`);
    }
    const verb = write ? 'wrote' : 'would write';
    log(
      `${report.papers} papers from ${report.records} records: ${report.added} added, ${report.updated} updated, ` +
        `${report.unchanged} unchanged, ${report.skipped} skipped; ${verb} ${plan.writes.length} files in ${join(contentDir, 'papers')}` +
        (dryRun ? ' (dry run)' : '') +
        (options.strict && failed ? ' (nothing written: --strict and problems above)' : ''),
    );
  }
  return failed ? 1 : 0;
}

/**
 * Lists of arXiv ids become records once arXiv answers: one batched lookup for all ids, through
 * the cache (only the cache with --offline). Ids that cannot be looked up (offline, a failed
 * request) get one error line each and nothing is written for them.
 */
async function resolveIdLists(inputs: ParsedInput[], offline: boolean): Promise<ParsedInput[]> {
  const ids = [...new Set(inputs.flatMap((input) => input.ids ?? []).map((l) => l.id))].sort();
  if (ids.length === 0) return inputs;
  const config = lecternConfig();
  const client = new ArxivClient({
    api: config.arxivApi,
    cacheDir: config.arxivCacheDir,
    intervalMs: config.arxivIntervalSeconds * 1000,
    timeoutMs: DEFAULT_TIMEOUT_S * 1000,
    retries: DEFAULT_RETRIES,
    offline,
    refresh: false,
  });
  let found = new Map<string, ArxivEntry | null>();
  let failures = new Map<string, string>();
  let unreachable: string | null = null;
  process.stderr.write(`import: looking up ${plural(ids.length, 'arXiv id')}\n`);
  try {
    ({ found, failures } = await client.lookupIds(ids));
  } catch (error) {
    if (!(error instanceof OfflineError)) throw error;
    unreachable = `arXiv cannot be reached (${error.host}: ${error.code}; offline?)`;
  } finally {
    client.close();
  }
  const why = (id: string): string =>
    unreachable ?? (failures.has(id) ? `the arXiv lookup failed (${failures.get(id)})` : 'it is not in the arXiv cache (--offline)');
  return inputs.map((input) => (input.ids ? resolveIdList(input, found, why) : input));
}

/** The listing's text, or null after recording why it cannot be used. */
function readListing(path: string, problems: Diagnostic[]): string | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problems.push({
      severity: 'error',
      code: 'unreadable-file',
      file: path,
      line: 0,
      message: `cannot read this file (${code ?? (error as Error).message}).`,
      hint: code === 'ENOENT' ? 'Check the path.' : 'Check the path and its permissions.',
    });
    return null;
  }
  const decoded = decodeUtf8(bytes);
  if (decoded.ok) return decoded.text;
  problems.push({
    severity: 'error',
    code: 'binary-file',
    file: path,
    line: decoded.line,
    message: 'this is not a text listing (it is not valid UTF-8).',
    hint: 'Paste the Daily Papers page as plain UTF-8 text and import that file.',
  });
  return null;
}

process.exitCode = await main(process.argv.slice(2));
