#!/usr/bin/env node
/**
 * lectern-enrich: fills the arXiv id, author names, first-submission day, primary category and
 * DOI of papers that lack them, from the arXiv API. A thin CLI: src/core/papers/enrich.ts says
 * what to look up and what to write, scripts/lib/arxiv-client.ts asks arXiv (cache, rate limit,
 * retries), and the files are written atomically like the importer's.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { contentDirOption, lecternConfig } from '../src/config.ts';
import type { ArxivEntry } from '../src/core/arxiv/atom.ts';
import { formatDiagnostic, hasErrors, visibleControls, type Diagnostic } from '../src/core/diagnostics.ts';
import { plural } from '../src/core/text.ts';
import { helpRequested, runCommand, UsageError } from './lib/cli.ts';
import { enrichNeeds, planEnrich } from '../src/core/papers/enrich.ts';
import { frontmatterKeyLine } from '../src/core/papers/frontmatter.ts';
import { ArxivClient, DEFAULT_RETRIES, DEFAULT_TIMEOUT_S, OfflineError, type ClientEvent } from './lib/arxiv-client.ts';
import { lockContentFolder, readPaperFiles, writeFilesAtomically } from '../src/io/content.ts';

const USAGE = `Usage: npm run enrich -- [options]

Looks papers up in the arXiv API and fills what their listing lacked: the arXiv id, author
names, the day the first version was submitted, the primary category and the DOI.
- A paper without an arXiv id is looked up by title. Only a candidate whose title folds to the
  same letters and digits is accepted; near misses are reported with both titles, never written.
- A paper with an id but without author names, submission day or category is looked up by id.
Only empty fields are filled: a value already there (a person's or another source's) stays.

Options:
  --content <dir>     content folder (default: $LECTERN_CONTENT or "content")
  --dry-run           write nothing; report what would change
  --json              print the report as JSON
  --offline           ask arXiv nothing; use only answers already in the cache
  --refresh           ask arXiv again even where the cache has an answer
  --cache <dir>       response cache (default: $LECTERN_ARXIV_CACHE or ".cache/arxiv")
  --api <url>         API endpoint (default: $LECTERN_ARXIV_API or https://export.arxiv.org/api/query)
  --interval <s>      seconds between requests (default: $LECTERN_ARXIV_INTERVAL or 3, arXiv's limit)
  --timeout <s>       give up on a request after this many seconds (default: 30)
  --retries <n>       tries after a 429/5xx, timeout or cut-off answer (default: 4)
  --help              show this help

Exit status: 0 when every lookup was answered (papers arXiv does not have are warnings), 1 when
a lookup failed (the others are still written) or arXiv cannot be reached at all (then nothing
is written), 2 on a usage error.`;

function positiveNumber(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new UsageError(`${name} must be a number of at least 0, not "${text}"`);
  return value;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      content: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      offline: { type: 'boolean', default: false },
      refresh: { type: 'boolean', default: false },
      cache: { type: 'string' },
      api: { type: 'string' },
      interval: { type: 'string' },
      timeout: { type: 'string' },
      retries: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (helpRequested(values, USAGE)) return 0;
  if (values.offline && values.refresh) throw new UsageError('--offline and --refresh contradict each other');
  const config = lecternConfig();
  const settings = {
    api: values.api || config.arxivApi,
    cacheDir: values.cache ? resolve(values.cache) : config.arxivCacheDir,
    intervalMs: positiveNumber('--interval', values.interval, config.arxivIntervalSeconds) * 1000,
    timeoutMs: positiveNumber('--timeout', values.timeout, DEFAULT_TIMEOUT_S) * 1000,
    retries: Math.floor(positiveNumber('--retries', values.retries, DEFAULT_RETRIES)),
    offline: values.offline,
    refresh: values.refresh,
  };
  if (!URL.canParse(settings.api)) throw new UsageError(`--api "${settings.api}" is not a URL`);
  const contentDir = contentDirOption(values.content);
  const dryRun = values['dry-run'];
  const log = values.json ? () => {} : (line: string) => console.log(line);
  const progress = createProgress();

  let needs;
  try {
    needs = enrichNeeds(readPaperFiles(contentDir));
  } catch (error) {
    console.error(`lectern-enrich: cannot read ${join(contentDir, 'papers')}: ${(error as Error).message}`);
    return 1;
  }
  log(`${plural(needs.papers.length, 'paper')}: ${plural(needs.ids.length, 'arXiv id')} to look up, ${plural(needs.titles.length, 'title')} to search for`);

  const client = new ArxivClient({ ...settings, onEvent: (event) => progress.event(event) });
  const byId = new Map<string, ArxivEntry | null>();
  const byTitle = new Map<string, ArxivEntry[]>();
  const failed: Diagnostic[] = [];
  let notCached = 0;
  try {
    if (needs.ids.length > 0) {
      progress.step(`looking up ${plural(needs.ids.length, 'arXiv id')}`);
      const answer = await client.lookupIds(needs.ids);
      for (const [id, entry] of answer.found) byId.set(id, entry);
      notCached += answer.notCached;
      for (const [id, message] of answer.failures) {
        for (const paper of needs.papers.filter((p) => p.data.arxiv === id)) {
          failed.push(lookupFailure(paper.path, frontmatterKeyLine(paper.content, 'arxiv'), `the arXiv lookup of ${id} failed: ${message}`));
        }
      }
    }
    for (const [i, { path, title }] of needs.titles.entries()) {
      progress.step(`title ${i + 1}/${needs.titles.length}: ${visibleControls(title.slice(0, 60))}`);
      const result = await client.searchTitle(title);
      if (result.kind === 'feed') byTitle.set(path, result.feed.entries);
      else if (result.kind === 'not-cached') notCached++;
      else {
        const paper = needs.papers.find((p) => p.path === path)!;
        failed.push(lookupFailure(path, frontmatterKeyLine(paper.content, 'title'), `the arXiv title search failed: ${result.message}`));
      }
    }
  } catch (error) {
    progress.done();
    if (!(error instanceof OfflineError)) throw error;
    console.error(`lectern-enrich: ${error.message} Nothing was written; run again when online (or with --offline to use the cache).`);
    return 1;
  } finally {
    client.close();
  }
  progress.done();

  const plan = planEnrich(needs, { byId, byTitle });
  const report = { ...plan.report, diagnostics: [...plan.report.diagnostics, ...failed] };
  let written: string[] = [];
  if (!dryRun) {
    try {
      // The lookups take minutes, so the lock is held for the writes only; a file changed since
      // it was read is not replaced (each write carries what was read).
      lockContentFolder(contentDir, 'lectern-enrich');
      written = writeFilesAtomically(contentDir, plan.writes);
    } catch (error) {
      console.error(`lectern-enrich: ${(error as Error).message}`);
      return 1;
    }
  }
  const requests = { ...client.stats, notCached };

  if (values.json) {
    console.log(JSON.stringify({ ...report, dryRun, offline: settings.offline, requests, written }, null, 2));
  } else {
    for (const d of report.diagnostics) (d.severity === 'error' ? console.error : console.log)(formatDiagnostic(d));
    for (const change of report.changes) log(`  enriched  ${change.path} from arXiv ${change.arxiv} by ${change.via} (${change.fields.join(', ')})`);
    if (notCached > 0) log(`${plural(report.notLookedUp, 'paper')} not looked up: arXiv's answer is not in the cache (--offline); run without --offline to ask arXiv.`);
    const verb = dryRun ? 'would write' : 'wrote';
    log(
      `${report.enriched} enriched, ${report.unchanged} unchanged, ${report.notFound} not found on arXiv ` +
        `(${plural(report.nearMisses.length, 'near miss', 'near misses')}), ${report.notLookedUp} not looked up; ${verb} ${plural(plan.writes.length, 'file')} ` +
        `(${plural(requests.requests, 'request')} to arXiv, ${plural(requests.cacheHits, 'answer')} from the cache)` +
        (dryRun ? ' (dry run)' : ''),
    );
  }
  return hasErrors(report.diagnostics) ? 1 : 0;
}

function lookupFailure(file: string, line: number, message: string): Diagnostic {
  return { severity: 'error', code: 'arxiv-lookup-failed', file, line, message: `${message}.`, hint: 'Nothing was changed in this file; run enrich again later.' };
}

/** One progress line on stderr: rewritten in place on a terminal, one line per step otherwise. */
function createProgress() {
  const tty = process.stderr.isTTY === true;
  let open = false;
  const show = (line: string): void => {
    if (tty) {
      process.stderr.write(`\r\x1b[2K${line.slice(0, (process.stderr.columns || 80) - 1)}`);
      open = true;
    } else process.stderr.write(`${line}\n`);
  };
  let current = '';
  return {
    step(what: string): void {
      current = `enrich: ${what}`;
      show(current);
    },
    event(event: ClientEvent): void {
      if (event.kind === 'request' && event.attempt > 1) show(`${current} (try ${event.attempt})`);
      if (event.kind === 'wait') show(`${current} (${event.reason}; waiting ${(event.ms / 1000).toFixed(1)} s)`);
    },
    done(): void {
      if (open) process.stderr.write('\r\x1b[2K');
      open = false;
    },
  };
}

await runCommand('lectern-enrich', 'enrich', main);
