#!/usr/bin/env node
/**
 * lectern digest: start a week's digest intro, or print a week's digest for e-mail and chat.
 * A thin CLI: reads the content files (no Astro), asks src/core/digest, prints or writes
 * atomically.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatDiagnostic, type Diagnostic } from '../src/core/diagnostics.ts';
import { buildDigests, type DigestIntroRef, type DigestPaperInput, type WeekDigest } from '../src/core/digest/digest.ts';
import { EXPORT_FORMATS, exportDigest, webhookPayloads, type ExportFormat, type HtmlMath } from '../src/core/digest/export.ts';
import { postWebhookMessages } from './lib/webhook.ts';
import { introTemplate } from '../src/core/digest/template.ts';
import { isoWeekOf, isoWeekOfDate, parseWeek, weekId, weekSlug, type IsoWeek } from '../src/core/digest/week.ts';
import { themeList } from '../src/core/themes/index.ts';
import { listContentFiles, loadDigestIntro, loadPapers, loadTaxonomy, lockContentFolder, writeFilesAtomically } from '../src/io/content.ts';
import { contentDirOption, lecternConfig } from '../src/config.ts';
import { plural } from '../src/core/text.ts';

const USAGE = `Usage: npm run digest -- <command> [options]

Commands:
  new      create <content>/digests/<YYYY>-w<WW>.mdx, the week's intro, from a template
           (never overwrites an existing file). The template lists the week's papers.
  export   a week's digest with absolute links: printed, written to a file, or posted

Options:
  --week <week>        new: an ISO week such as 2026-W48 (default this week, UTC).
                       export: latest (default: the newest week with papers), previous,
                       or an ISO week
  --format <format>    export format (default md):
                         md             Markdown (GitHub Discussions, plain-text mail)
                         html           HTML fragment (math as MathML)
                         slack          to paste into Slack's message box
                         slack-webhook  Slack mrkdwn, as a webhook or bot posts it
                         discord        Discord Markdown
                         email          an .eml file (text + HTML, math as Unicode text)
  --compact            slack/discord: intro, featured papers and titles by theme, in one
                       message (Slack suggests at most 4,000 characters)
  --math text|mathml   html/email math (default: mathml for html, text for email)
  --out <file>         write to a file instead of stdout (email default: <week>.eml)
  --post <URL>         post to a Slack or Discord incoming webhook (with --format slack or
                       discord), split into messages under the service's limits; a 429
                       answer is retried after its Retry-After
  --site <URL>         site URL for links (default: $LECTERN_SITE or https://lectern.example.org)
  --base </path/>      base path for links (default: $LECTERN_BASE or /)
  --content <dir>      content folder (default: $LECTERN_CONTENT or "content")
  --help               show this help (also: npm run digest -- <command> --help)

Examples:
  npm run digest -- new
  npm run digest -- export --format slack --compact
  npm run digest -- export --week previous --format email --out digest.eml
  npm run digest -- export --format discord --post https://discord.com/api/webhooks/…

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

/** `digest new --week`: default this week (UTC). */
function weekOption(value: string | undefined): IsoWeek {
  if (value === undefined) {
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
  console.log(`Created ${target} for ${weekId(week)} (${plural(count, 'paper')} added that week). Write the intro, then build.`);
  return 0;
}

interface ExportRequest {
  readonly week: string | undefined;
  readonly format: ExportFormat;
  readonly site: string;
  readonly base: string;
  readonly compact: boolean;
  readonly math: HtmlMath | undefined;
  readonly out: string | undefined;
  readonly post: string | undefined;
}

/** `--week`: absent or `latest` is the newest week with papers, `previous` the one before, else an ISO week. */
function chooseWeek(spec: string | undefined, digests: readonly WeekDigest[], papersDir: string): WeekDigest {
  const withPapers = digests.filter((digest) => digest.papers.length > 0);
  const known = () => withPapers.map((digest) => digest.id).join(', ') || 'none yet: import a listing first';
  if (spec === undefined || spec === 'latest' || spec === 'previous') {
    const digest = withPapers[spec === 'previous' ? 1 : 0];
    if (!digest) throw new ContentError([{ severity: 'error', file: papersDir, line: 0, message: `there is no ${spec ?? 'latest'} week with papers.`, hint: `Weeks with papers: ${known()}.` }]);
    return digest;
  }
  const week = parseWeek(spec);
  if (!week) throw new UsageError(`--week "${spec}" is not latest, previous or an ISO week such as 2026-W48`);
  const digest = digests.find((candidate) => candidate.slug === weekSlug(week));
  if (!digest) throw new ContentError([{ severity: 'error', file: papersDir, line: 0, message: `${weekId(week)} has no papers and no intro.`, hint: `Weeks with papers: ${known()}.` }]);
  return digest;
}

async function commandExport(contentDir: string, request: ExportRequest): Promise<number> {
  try {
    new URL(request.site);
  } catch {
    throw new UsageError(`--site "${request.site}" is not an absolute URL such as https://example.github.io`);
  }
  const papers = readPapers(contentDir);
  const themes = readThemes(contentDir);
  const { slug } = chooseWeek(request.week, buildDigests(papers, themes), join(contentDir, 'papers'));
  const intro = readIntro(contentDir, slug);
  // Built again with the week's intro: the papers it links to are featured.
  const digest = buildDigests(papers, themes, intro ? new Map([[slug, { ...intro.ref, body: intro.body }]]) : new Map()).find((d) => d.slug === slug)!;
  const input = { digest, introBody: intro?.body, location: { site: request.site, base: request.base } };
  if (request.post) {
    if (request.format !== 'slack' && request.format !== 'slack-webhook' && request.format !== 'discord') {
      throw new UsageError('--post needs --format slack or discord (the service behind the webhook URL)');
    }
    const service = request.format === 'discord' ? 'discord' : 'slack';
    const payloads = webhookPayloads(input, service, request.compact);
    console.error(`Posting the ${digest.id} digest to a ${service} webhook in ${plural(payloads.length, 'message')}…`);
    await postWebhookMessages(request.post, payloads, { log: (line) => console.error(line) });
    return 0;
  }
  const text = await exportDigest(request.format, input, { compact: request.compact, math: request.math });
  if (request.format === 'email' || request.out) {
    const file = request.out ?? `${slug}.eml`;
    writeFileSync(file, text);
    console.error(`Wrote ${file} (${text.length.toLocaleString('en')} characters): open it in a mail client, or send it as is.`);
    return 0;
  }
  process.stdout.write(text);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      week: { type: 'string' },
      format: { type: 'string', default: 'md' },
      compact: { type: 'boolean', default: false },
      math: { type: 'string' },
      out: { type: 'string' },
      post: { type: 'string' },
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
      return commandNew(contentDir, weekOption(values.week));
    case 'export': {
      const format = values.format as ExportFormat;
      if (!EXPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
      const config = lecternConfig();
      const site = values.site ?? config.site;
      const base = values.base ?? config.base;
      if (values.math !== undefined && values.math !== 'text' && values.math !== 'mathml') throw new UsageError('--math must be text or mathml');
      return commandExport(contentDir, {
        week: values.week,
        format,
        site,
        base,
        compact: values.compact,
        math: values.math as HtmlMath | undefined,
        out: values.out,
        post: values.post,
      });
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
