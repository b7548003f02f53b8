#!/usr/bin/env node
/**
 * lectern digest: start a week's digest intro, or print a week's digest for e-mail and chat.
 * A thin CLI: reads the content files (no Astro), asks src/core/digest, prints or writes
 * atomically.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatDiagnostic, type Diagnostic } from '../src/core/diagnostics.ts';
import { buildDigests, type DigestIntroRef, type DigestPaperInput } from '../src/core/digest/digest.ts';
import { EXPORT_FORMATS, exportDigest, type ExportFormat } from '../src/core/digest/export.ts';
import { introTemplate } from '../src/core/digest/template.ts';
import { isoWeekOf, isoWeekOfDate, parseWeek, weekId, weekSlug, type IsoWeek } from '../src/core/digest/week.ts';
import { themeList } from '../src/core/themes/index.ts';
import { listContentFiles, loadDigestIntro, loadPapers, loadTaxonomy, lockContentFolder, writeFilesAtomically } from '../src/io/content.ts';
import { contentDirOption, lecternConfig } from '../src/config.ts';

const USAGE = `Usage: npm run digest -- <command> [options]

Commands:
  new      create <content>/digests/<YYYY>-w<WW>.mdx, the week's intro, from a template
           (never overwrites an existing file). The template lists the week's papers.
  export   print a week's digest to stdout, with absolute links, for e-mail or chat

Options:
  --week <YYYY-Www>    the ISO week, e.g. 2026-W48 (new: default this week, UTC;
                       export: required)
  --format md|html|slack   export format (default md)
  --site <URL>         site URL for links (default: $LECTERN_SITE or https://lectern.example.org)
  --base </path/>      base path for links (default: $LECTERN_BASE or /)
  --content <dir>      content folder (default: $LECTERN_CONTENT or "content")
  --help               show this help (also: npm run digest -- <command> --help)

Examples:
  npm run digest -- new
  npm run digest -- new --week 2026-W48
  npm run digest -- export --week 2026-W48 --format slack --site https://example.github.io --base /reading-group/

Exit status: 0 on success, 1 when the content cannot be read or the file exists, 2 on a usage error.`;

class UsageError extends Error {}
class ContentError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.diagnostics = diagnostics;
  }
}

function listFiles(dir: string): string[] {
  try {
    return listContentFiles(dir);
  } catch (error) {
    throw new ContentError([
      { severity: 'error', file: dir, line: 0, message: `cannot read the folder (${(error as Error).message}).`, hint: 'Check --content.' },
    ]);
  }
}

/** Every paper, validated by the one content reader; any invalid file stops the command. */
function readPapers(contentDir: string): DigestPaperInput[] {
  const { papers, diagnostics } = loadPapers(contentDir);
  if (diagnostics.length > 0) throw new ContentError(diagnostics);
  return papers.map(({ paper }) => paper);
}

/** The theme names; lectern's default taxonomy when the folder has none. Says which, on stderr. */
function readThemes(contentDir: string): { slug: string; name: string }[] {
  const read = loadTaxonomy(contentDir);
  if (!read.ok) throw new ContentError(read.diagnostics);
  console.error(read.description);
  return themeList(read.taxonomy);
}

/** The intro of one week; null when the week has none. */
function readIntro(contentDir: string, slug: string): { ref: DigestIntroRef; body: string } | null {
  const read = loadDigestIntro(contentDir, slug);
  if (read === null) return null;
  if (!read.ok) throw new ContentError(read.diagnostics);
  return { ref: read.intro, body: read.body };
}

function weekOption(value: string | undefined, required: boolean): IsoWeek {
  if (value === undefined) {
    if (required) throw new UsageError('--week <YYYY-Www> is required, e.g. --week 2026-W48');
    const now = new Date();
    return isoWeekOfDate(new Date(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 12));
  }
  const week = parseWeek(value);
  if (!week) throw new UsageError(`--week "${value}" is not an ISO week such as 2026-W48 (weeks 1-52, 53 in long years)`);
  return week;
}

function commandNew(contentDir: string, week: IsoWeek): number {
  const slug = weekSlug(week);
  const existing = listFiles(join(contentDir, 'digests')).find((file) => file.replace(/\.mdx?$/, '').toLowerCase() === slug);
  const file = join('digests', existing ?? `${slug}.mdx`);
  const target = join(contentDir, file);
  if (existing) {
    console.error(`${target}: already exists; not overwriting it. Edit it, or delete it first to start over.`);
    return 1;
  }
  // Held until the process exits: no import or reclassify writes papers while this reads them.
  lockContentFolder(contentDir, 'lectern digest new');
  const papers = readPapers(contentDir);
  writeFilesAtomically(contentDir, [{ path: file, content: introTemplate(week, papers), expected: null }]);
  const count = papers.filter((paper) => weekSlug(isoWeekOf(paper.added)) === slug).length;
  console.log(`Created ${target} for ${weekId(week)} (${count} paper${count === 1 ? '' : 's'} added that week). Write the intro, then build.`);
  return 0;
}

async function commandExport(contentDir: string, week: IsoWeek, format: ExportFormat, site: string, base: string): Promise<number> {
  const slug = weekSlug(week);
  const intro = readIntro(contentDir, slug);
  const digests = buildDigests(readPapers(contentDir), readThemes(contentDir), intro ? new Map([[slug, intro.ref]]) : new Map());
  const digest = digests.find((candidate) => candidate.slug === slug);
  if (!digest) {
    const known = digests.map((d) => d.id).join(', ') || 'none';
    console.error(`${weekId(week)}: no papers were added that week and it has no intro. Weeks with a digest: ${known}.`);
    return 1;
  }
  try {
    new URL(site);
  } catch {
    throw new UsageError(`--site "${site}" is not an absolute URL such as https://example.github.io`);
  }
  process.stdout.write(await exportDigest(format, { digest, introBody: intro?.body, location: { site, base } }));
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      week: { type: 'string' },
      format: { type: 'string', default: 'md' },
      site: { type: 'string' },
      base: { type: 'string' },
      content: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [command, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const contentDir = contentDirOption(values.content);
  switch (command) {
    case 'new':
      return commandNew(contentDir, weekOption(values.week, false));
    case 'export': {
      const format = values.format as ExportFormat;
      if (!EXPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
      const config = lecternConfig();
      const site = values.site ?? config.site;
      const base = values.base ?? config.base;
      return commandExport(contentDir, weekOption(values.week, true), format, site, base);
    }
    case undefined:
      throw new UsageError('a command is required: new or export');
    default:
      throw new UsageError(`unknown command "${command}": use new or export`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`digest: ${(error as Error).message}\nRun "npm run digest -- --help" for the commands and options.`);
      process.exitCode = 2;
    } else if (error instanceof ContentError) {
      console.error(error.message);
      process.exitCode = 1;
    } else {
      console.error(`digest: ${(error as Error).message}`);
      process.exitCode = 1;
    }
  },
);
