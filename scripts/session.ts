#!/usr/bin/env node
/**
 * lectern session: scaffold a reading session, `<content>/sessions/<YYYY-MM-DD>.mdx`. A thin CLI:
 * reads the paper slugs through the content reader, asks src/core/sessions, writes atomically
 * under the content-folder lock, never over an existing file.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { planNewSession } from '../src/core/sessions/template.ts';
import { ContentError, loadPapers, lockContentFolder, writeFilesAtomically } from '../src/io/content.ts';
import { contentDirOption } from '../src/config.ts';
import { plural } from '../src/core/text.ts';
import { commandOf, helpRequested, runCommand, UsageError } from './lib/cli.ts';

const USAGE = `Usage: npm run session -- new --date YYYY-MM-DD --papers <slug,slug> --presenter "<name>" [options]

Commands:
  new      create <content>/sessions/<YYYY-MM-DD>.mdx for a reading session (never overwrites one)

Options:
  --date <YYYY-MM-DD>  the day the group meets (the file's name)
  --papers <a,b>       paper slugs, comma-separated (file names in papers/ without .mdx)
  --presenter <name>   who presents; repeat for several presenters
  --time <HH:MM>       local start time, 24-hour, in LECTERN_TIMEZONE (default 16:00)
  --place <text>       a room or a call link
  --content <dir>      content folder (default LECTERN_CONTENT, else content)
  --help               show this help

Example:
  npm run session -- new --date 2026-12-10 --papers hydra-a-1-6b-parameter-state-space-language-model-with --presenter "Ada Example" --place "Room 4.02"`;

function commandNew(contentDir: string, values: { date?: string; papers?: string; presenter?: string[]; time?: string; place?: string }): number {
  if (!values.date) throw new UsageError('--date is required (YYYY-MM-DD)');
  if (!values.papers) throw new UsageError('--papers is required (paper slugs, comma-separated)');
  const file = join('sessions', `${values.date}.mdx`);
  const target = join(contentDir, file);
  if (existsSync(target)) {
    console.error(`${target}: already exists; not overwriting it. Edit it, or delete it first to start over.`);
    return 1;
  }
  // Held until the process exits: no import renames papers while this checks their slugs.
  lockContentFolder(contentDir, 'lectern session new');
  const { papers, diagnostics } = loadPapers(contentDir);
  if (diagnostics.length > 0) throw new ContentError(diagnostics);
  const slugs = papers.map((paper) => paper.path.replace(/^papers\//, '').replace(/\.mdx?$/, ''));
  const plan = planNewSession(
    { date: values.date, papers: values.papers.split(',').map((s) => s.trim()).filter(Boolean), presenters: values.presenter ?? [], time: values.time, place: values.place },
    slugs,
  );
  if (!plan.ok) {
    console.error(plan.problems.map((problem) => `session: ${problem}`).join('\n'));
    return 1;
  }
  // expected: null — the write fails rather than replace a file created meanwhile.
  writeFilesAtomically(contentDir, [{ path: file, content: plan.text, expected: null }]);
  console.log(`Created ${target}: ${plural(plan.session.papers.length, 'paper')}, ${plan.session.time}. Add notes and links, then build.`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      date: { type: 'string' },
      papers: { type: 'string' },
      presenter: { type: 'string', multiple: true },
      time: { type: 'string' },
      place: { type: 'string' },
      content: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (helpRequested(values, USAGE)) return 0;
  commandOf(positionals, ['new']);
  return commandNew(contentDirOption(values.content), values);
}

await runCommand('session', 'session', main);
