#!/usr/bin/env node
/**
 * lectern digest: start a week's digest intro, or print a week's digest for e-mail and chat.
 * A thin CLI: the content is read by src/io/digest.ts, the digest made and formatted by
 * src/core/digest, posted by ./lib/webhook.ts; this file parses the options and prints or writes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseWeekChoice, type WeekChoice } from '../src/core/digest/choose.ts';
import { EXPORT_FORMATS, exportDigest, webhookPayloads, type ExportFormat, type HtmlMath } from '../src/core/digest/export.ts';
import { introTemplate } from '../src/core/digest/template.ts';
import { isoWeekOf, isoWeekOfDate, parseWeek, weekId, weekSlug, type IsoWeek } from '../src/core/digest/week.ts';
import { plural } from '../src/core/text.ts';
import { contentDirOption, lecternConfig } from '../src/config.ts';
import { digestIntroFile, lockContentFolder, writeFilesAtomically } from '../src/io/content.ts';
import { loadDigestPapers, loadWeekDigest } from '../src/io/digest.ts';
import { commandOf, helpRequested, runCommand, UsageError } from './lib/cli.ts';
import { postWebhookMessages } from './lib/webhook.ts';

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
  const existing = digestIntroFile(contentDir, slug);
  if (existing) {
    console.error(`${join(contentDir, existing)}: already exists; not overwriting it. Edit it, or delete it first to start over.`);
    return 1;
  }
  const file = join('digests', `${slug}.mdx`);
  const target = join(contentDir, file);
  // Held until the process exits: no import or reclassify writes papers while this reads them.
  lockContentFolder(contentDir, 'lectern digest new');
  const papers = loadDigestPapers(contentDir);
  writeFilesAtomically(contentDir, [{ path: file, content: introTemplate(week, papers), expected: null }]);
  const count = papers.filter((paper) => weekSlug(isoWeekOf(paper.added)) === slug).length;
  console.log(`Created ${target} for ${weekId(week)} (${plural(count, 'paper')} added that week). Write the intro, then build.`);
  return 0;
}

interface ExportRequest {
  readonly week: WeekChoice;
  readonly format: ExportFormat;
  readonly site: string;
  readonly base: string;
  readonly compact: boolean;
  readonly math: HtmlMath | undefined;
  readonly out: string | undefined;
  readonly post: string | undefined;
}

async function commandExport(contentDir: string, request: ExportRequest): Promise<number> {
  const { digest, introBody } = loadWeekDigest(contentDir, request.week, (line) => console.error(line));
  const input = { digest, introBody, location: { site: request.site, base: request.base } };
  if (request.post) {
    const service = request.format === 'discord' ? 'discord' : 'slack';
    const payloads = webhookPayloads(input, service, request.compact);
    console.error(`Posting the ${digest.id} digest to a ${service} webhook in ${plural(payloads.length, 'message')}…`);
    await postWebhookMessages(request.post, payloads, { log: (line) => console.error(line) });
    return 0;
  }
  const text = await exportDigest(request.format, input, { compact: request.compact, math: request.math });
  if (request.format === 'email' || request.out) {
    const file = request.out ?? `${digest.slug}.eml`;
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
  if (helpRequested(values, USAGE)) return 0;
  const { command } = commandOf(positionals, ['new', 'export']);
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
      if (!URL.canParse(site)) throw new UsageError(`--site "${site}" is not an absolute URL such as https://example.github.io`);
      if (values.math !== undefined && values.math !== 'text' && values.math !== 'mathml') throw new UsageError('--math must be text or mathml');
      if (values.post && format !== 'slack' && format !== 'slack-webhook' && format !== 'discord') {
        throw new UsageError('--post needs --format slack or discord (the service behind the webhook URL)');
      }
      const week = parseWeekChoice(values.week);
      if (!week) throw new UsageError(`--week "${values.week}" is not latest, previous or an ISO week such as 2026-W48`);
      return commandExport(contentDir, {
        week,
        format,
        site,
        base,
        compact: values.compact,
        math: values.math as HtmlMath | undefined,
        out: values.out,
        post: values.post,
      });
    }
  }
}

await runCommand('digest', 'digest', main);
