#!/usr/bin/env node
/**
 * lectern themes: report on paper themes, re-apply the classifier, or measure it against labels.
 * A thin CLI: reads files, asks src/core/themes, writes atomically, prints a report.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatDiagnostic, hasErrors, visibleControls, type Diagnostic } from '../src/core/diagnostics.ts';
import { parseListing } from '../src/core/listing/index.ts';
import { normalizeText } from '../src/core/normalize/index.ts';
import {
  createClassifier,
  evaluate,
  formatMetrics,
  joinLabels,
  type Classifier,
  type Taxonomy,
  type ThemeScore,
} from '../src/core/themes/index.ts';
import { planReclassify, readPaperThemes, themeReport, type PaperFileText } from '../src/core/themes/papers.ts';
import { loadTaxonomy, lockContentFolder, readPaperFiles, writeFilesAtomically } from '../src/io/content.ts';
import { writeFileAtomic } from '../src/io/atomic.ts';
import { DEFAULT_TAXONOMY_YAML } from '../src/core/themes/default-taxonomy.ts';
import { contentDirOption } from '../src/config.ts';
import { commandOf, helpRequested, runCommand, UsageError } from './lib/cli.ts';

const USAGE = `Usage: npm run themes -- <command> [options]

Commands:
  report                 per-theme counts, papers with no theme, candidate themes (phrases that
                         recur among the papers with no theme, with counts and examples), and
                         borderline papers (a theme score close to its threshold) with the
                         evidence, so you know what to review
  reclassify             re-apply content/themes.yaml to every paper whose themes are not manual
                         (themes_source: manual) and show the diff; writes the changed files
  eval <listings...>     precision, recall and F1 per theme against hand labels (--labels)
  init                   write lectern's default taxonomy to <content>/themes.yaml to edit it
                         (never overwrites; without the file every command uses that default)

Options:
  --content <dir>        content folder (default: $LECTERN_CONTENT or "content")
  --dry-run              reclassify: show the diff, write nothing
  --limit <n>            report: borderline papers to show (default 25; 0 = all)
  --labels <file>        eval: JSON [{ "title": ..., "themes": [...] }] (titles as pasted)
  --json                 print the result as JSON
  --help                 show this help

Correct a paper's themes by editing its frontmatter: set \`themes:\` and \`themes_source: manual\`;
import and reclassify never touch it again. Edit the taxonomy in <content>/themes.yaml.

Exit status: 0 on success, 1 when a file has an error (file:line is printed), 2 on a usage error.`;

function main(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      content: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      limit: { type: 'string', default: '25' },
      labels: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (helpRequested(values, USAGE)) return 0;
  const { command, args: rest } = commandOf(positionals, ['report', 'reclassify', 'eval', 'init'], ['eval']);
  const contentDir = contentDirOption(values.content);
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 0) throw new UsageError(`--limit must be a whole number, not "${values.limit}"`);
  if (command === 'eval' && !values.labels) throw new UsageError('eval needs --labels <file>');
  if (command === 'eval' && rest.length === 0) throw new UsageError('eval needs the listing files the labels are about');
  if (command === 'init') return init(contentDir);

  const diagnostics: Diagnostic[] = [];
  const read = loadTaxonomy(contentDir);
  if (!read.ok) return fail(read.diagnostics);
  // Which taxonomy this run uses; on stderr with --json so stdout stays one JSON document.
  (values.json ? console.error : console.log)(read.description);
  const { taxonomy } = read;
  const classifier = createClassifier(taxonomy);
  if (command === 'eval') return runEval(values.labels!, rest, taxonomy, classifier, values.json);

  // reclassify writes: it holds the content folder's lock from reading the files to writing them.
  if (command === 'reclassify' && !values['dry-run']) {
    try {
      lockContentFolder(contentDir, 'lectern themes reclassify');
    } catch (error) {
      console.error(`lectern themes: ${(error as Error).message}`);
      return 1;
    }
  }
  let files: PaperFileText[];
  try {
    files = readPaperFiles(contentDir);
  } catch (error) {
    console.error(`lectern themes: cannot read ${join(contentDir, 'papers')}: ${(error as Error).message}`);
    return 1;
  }
  const { papers, diagnostics: paperProblems } = readPaperThemes(files);
  for (const d of paperProblems) diagnostics.push({ ...d, file: join(contentDir, d.file) });
  for (const d of diagnostics) console.error(formatDiagnostic(d));
  const status = hasErrors(diagnostics) ? 1 : 0;

  if (command === 'report') {
    const report = themeReport(papers, taxonomy, classifier);
    if (values.json) console.log(JSON.stringify(report, null, 2));
    else printReport(report, contentDir, limit);
    return status;
  }

  const plan = planReclassify(papers, classifier);
  for (const d of plan.diagnostics) console.error(formatDiagnostic({ ...d, file: join(contentDir, d.file) }));
  let written = 0;
  if (!values['dry-run']) {
    try {
      written = writeFilesAtomically(contentDir, plan.writes).length;
    } catch (error) {
      console.error(`lectern themes: ${(error as Error).message}`);
      return 1;
    }
  }
  if (values.json) {
    console.log(JSON.stringify({ ...plan, writes: undefined, diagnostics: undefined, dryRun: values['dry-run'], written }, null, 2));
  } else {
    for (const c of plan.changes) console.log(`${join(contentDir, c.path)}: [${c.before.join(', ')}] -> [${c.after.join(', ')}]`);
    console.log(
      `${plan.changes.length} changed, ${plan.unchanged} unchanged, ${plan.manual} manual (never touched); ` +
        (values['dry-run'] ? `would write ${plan.writes.length} files (dry run)` : `wrote ${written} files`),
    );
  }
  return hasErrors(plan.diagnostics) ? 1 : status;
}

function fail(diagnostics: Diagnostic[]): number {
  for (const d of diagnostics) console.error(formatDiagnostic(d));
  return 1;
}

/** Writes the default taxonomy out as `<content>/themes.yaml`, never over an existing file. */
function init(contentDir: string): number {
  const file = join(contentDir, 'themes.yaml');
  if (existsSync(file)) {
    console.error(`${file}: error: a taxonomy already exists here. Edit it, or move it away first to start again from the default.`);
    return 1;
  }
  writeFileAtomic(file, DEFAULT_TAXONOMY_YAML);
  console.log(`wrote ${file}: lectern's default taxonomy. Edit it, then check with npm run themes -- report.`);
  return 0;
}

function describeScore(s: ThemeScore): string {
  const verdict = s.assigned ? 'assigned' : 'not assigned';
  const sign = s.margin >= 0 ? '+' : '';
  const evidence = s.evidence
    .map((e) => `${e.field} "${e.matched}"${e.passing ? ' (in passing)' : ''} ${e.points >= 0 ? '+' : ''}${e.points}`)
    .join(', ');
  return `    ${s.slug}: score ${s.score} / threshold ${s.threshold} (margin ${sign}${s.margin}, ${verdict})\n      ${evidence || 'no evidence'}`;
}

function printReport(report: ReturnType<typeof themeReport>, contentDir: string, limit: number): void {
  console.log(`Themes of ${report.papers} papers in ${join(contentDir, 'papers')}`);
  const width = Math.max(...report.counts.map((c) => c.slug.length));
  for (const c of report.counts) {
    console.log(`  ${c.slug.padEnd(width)}  ${String(c.papers).padStart(5)} papers  (${c.manual} manual)  ${visibleControls(c.name)}`);
  }
  for (const u of report.unknown) console.log(`  ! ${join(contentDir, u.path)}: theme "${u.theme}" is not in themes.yaml`);
  console.log(`\nNo theme: ${report.none.length} papers`);
  for (const p of report.none) console.log(`  ${join(contentDir, p.path)}  ${visibleControls(p.title)}`);
  const shown = limit === 0 ? report.borderline : report.borderline.slice(0, limit);
  console.log(
    `\nBorderline: ${report.borderline.length} papers have a theme score close to its threshold` +
      (shown.length < report.borderline.length ? ` (closest ${shown.length} shown; --limit 0 for all)` : ''),
  );
  for (const b of shown) {
    console.log(`  ${join(contentDir, b.path)}  ${visibleControls(b.title)}`);
    console.log(`    themes: [${b.themes.join(', ')}]${b.manual ? ' (manual)' : ''}`);
    for (const s of b.scores) console.log(describeScore(s));
  }
  console.log(
    `\nCandidate themes: phrases recurring among the ${report.none.length} papers with no theme` +
      (report.candidates.length > 0 ? ' (adopt one by adding a theme with its phrases to themes.yaml)' : ': none recur in 3 or more'),
  );
  for (const c of report.candidates) {
    console.log(`  "${visibleControls(c.phrase)}"  ${c.papers} papers, e.g.`);
    for (const title of c.examples) console.log(`      ${visibleControls(title)}`);
  }
  if (report.stale > 0) {
    console.log(
      `\n${report.stale} papers without manual themes differ from what the classifier says now; ` +
        'see them with `npm run themes -- reclassify --dry-run`.',
    );
  }
}

function runEval(labelsFile: string, listingFiles: string[], taxonomy: Taxonomy, classifier: Classifier, json: boolean): number {
  let labels: { title: string; themes: string[] }[];
  try {
    labels = JSON.parse(readFileSync(labelsFile, 'utf8'));
    if (!Array.isArray(labels)) throw new Error('expected a JSON list of { title, themes }');
  } catch (error) {
    console.error(`${labelsFile}: error: cannot read the labels (${(error as Error).message}).`);
    return 1;
  }
  const papers = new Map<string, { titleRaw: string; title: string; abstract: string }>();
  const problems: Diagnostic[] = [];
  for (const file of listingFiles) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      console.error(`${file}: error: cannot read this file (${(error as Error).message}).`);
      return 1;
    }
    const listing = parseListing(text, file);
    problems.push(...listing.diagnostics);
    for (const r of listing.records) {
      if (!papers.has(r.titleRaw)) {
        papers.set(r.titleRaw, { titleRaw: r.titleRaw, title: normalizeText(r.titleRaw), abstract: normalizeText(r.abstractRaw) });
      }
    }
  }
  for (const d of problems) console.error(formatDiagnostic(d));
  const joined = joinLabels([...papers.values()], labels);
  const evaluation = evaluate(joined.labeled, classifier.themesOf, taxonomy.themes.map((t) => t.slug));
  if (json) {
    console.log(JSON.stringify({ ...evaluation, unlabeled: joined.unlabeled, unknownLabels: joined.unknown }, null, 2));
  } else {
    console.log(`${joined.labeled.length} labeled papers (${joined.unlabeled.length} without a label, ${joined.unknown.length} labels matching no paper)\n`);
    console.log(formatMetrics(evaluation));
    if (evaluation.disagreements.length > 0) console.log('\nDisagreements (expected -> predicted):');
    for (const d of evaluation.disagreements) console.log(`  [${d.expected.join(', ')}] -> [${d.predicted.join(', ')}]  ${visibleControls(d.title)}`);
  }
  return hasErrors(problems) ? 1 : 0;
}

await runCommand('lectern themes', 'themes', main);
