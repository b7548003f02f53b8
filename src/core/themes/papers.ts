/**
 * Themes of the paper files: the report a person reads to know what to review, and the
 * reclassify plan. Pure: takes file texts, returns data and the file writes; the CLI
 * (`scripts/themes.ts`) does the reading and writing.
 *
 * Ownership: a paper with `themes_source: manual` belongs to people and is never rewritten.
 * Any other paper's `themes` are the classifier's and reclassify may replace them.
 */
import { candidateThemes, type CandidateTheme } from './candidates.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { readPaper } from '../content/index.ts';
import { updatePaperFile } from '../papers/frontmatter.ts';
import type { Classifier, ThemeScore } from './classify.ts';
import type { Taxonomy } from './taxonomy.ts';

/** A paper file in the content folder; `path` is relative to it (`papers/<slug>.mdx`). */
export interface PaperFileText {
  path: string;
  content: string;
}

export interface PaperThemes {
  path: string;
  slug: string;
  title: string;
  abstract: string;
  themes: string[];
  manual: boolean;
  /** The file as read, to rewrite only its `themes` lines. */
  text: string;
}

/** Parses every paper file; a file that is not a valid paper becomes a diagnostic and is left alone. */
export function readPaperThemes(files: readonly PaperFileText[]): { papers: PaperThemes[]; diagnostics: Diagnostic[] } {
  const papers: PaperThemes[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const read = readPaper(file.content, file.path, 'Fix the frontmatter; this paper was skipped.');
    if (!read.ok) {
      diagnostics.push(...read.diagnostics);
      continue;
    }
    const p = read.paper;
    papers.push({
      path: file.path,
      slug: p.slug,
      title: p.title,
      abstract: p.abstract,
      themes: p.themes,
      manual: p.themes_source === 'manual',
      text: file.content,
    });
  }
  return { papers, diagnostics };
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

export interface ThemeChange {
  path: string;
  slug: string;
  before: string[];
  after: string[];
}

export interface ReclassifyPlan {
  changes: ThemeChange[];
  /** Each with the file's text as read: the writer refuses to replace a file edited since. */
  writes: Array<PaperFileText & { expected: string }>;
  /** Files whose frontmatter cannot be edited in place (left alone). */
  diagnostics: Diagnostic[];
  /** Papers left alone because a person owns their themes. */
  manual: number;
  unchanged: number;
}

/** Re-applies the classifier to every paper whose themes are not manual. */
export function planReclassify(papers: readonly PaperThemes[], classifier: Classifier): ReclassifyPlan {
  const plan: ReclassifyPlan = { changes: [], writes: [], diagnostics: [], manual: 0, unchanged: 0 };
  for (const paper of papers) {
    if (paper.manual) {
      plan.manual++;
      continue;
    }
    const after = classifier.themesOf({ title: paper.title, abstract: paper.abstract });
    if (sameSet(paper.themes, after)) {
      plan.unchanged++;
      continue;
    }
    const update = updatePaperFile(paper.text, { themes: after }, paper.path);
    if (!update.ok) {
      plan.diagnostics.push({ ...update.problem, hint: 'Fix the frontmatter; this paper was skipped.' });
      continue;
    }
    plan.changes.push({ path: paper.path, slug: paper.slug, before: paper.themes, after });
    plan.writes.push({ path: paper.path, content: update.text, expected: paper.text });
  }
  return plan;
}

export interface ThemeCount {
  slug: string;
  name: string;
  papers: number;
  /** Of which set by a person (`themes_source: manual`). */
  manual: number;
}

export interface BorderlineEntry {
  path: string;
  slug: string;
  title: string;
  /** The paper's current themes. */
  themes: string[];
  manual: boolean;
  /** The classifier's scores for the themes where it was close to the threshold. */
  scores: ThemeScore[];
}

export interface ThemeReport {
  papers: number;
  counts: ThemeCount[];
  /** Theme slugs in paper files that the taxonomy does not define. */
  unknown: { path: string; theme: string }[];
  /** Papers with no theme. */
  none: { path: string; title: string }[];
  /** Papers where some theme's score is within `borderline` of its threshold, lowest margin first. */
  borderline: BorderlineEntry[];
  /** Non-manual papers whose themes differ from what the classifier says now (run reclassify). */
  stale: number;
  /** Phrases recurring among the papers with no theme: themes a curator might add. */
  candidates: CandidateTheme[];
}

export function themeReport(papers: readonly PaperThemes[], taxonomy: Taxonomy, classifier: Classifier): ThemeReport {
  const known = new Set(taxonomy.themes.map((t) => t.slug));
  const counts = taxonomy.themes.map(
    (t): ThemeCount => ({
      slug: t.slug,
      name: t.name,
      papers: papers.filter((p) => p.themes.includes(t.slug)).length,
      manual: papers.filter((p) => p.manual && p.themes.includes(t.slug)).length,
    }),
  );
  const borderline: BorderlineEntry[] = [];
  let stale = 0;
  for (const paper of papers) {
    const result = classifier.classify({ title: paper.title, abstract: paper.abstract });
    if (!paper.manual && !sameSet(paper.themes, result.themes)) stale++;
    const close = result.scores.filter((s) => s.borderline);
    if (close.length > 0) {
      borderline.push({ path: paper.path, slug: paper.slug, title: paper.title, themes: paper.themes, manual: paper.manual, scores: close });
    }
  }
  const lowest = (e: BorderlineEntry) => Math.min(...e.scores.map((s) => Math.abs(s.margin) / s.threshold));
  borderline.sort((a, b) => lowest(a) - lowest(b) || a.path.localeCompare(b.path));
  return {
    papers: papers.length,
    counts,
    unknown: papers.flatMap((p) => p.themes.filter((t) => !known.has(t)).map((theme) => ({ path: p.path, theme }))),
    none: papers.filter((p) => p.themes.length === 0).map((p) => ({ path: p.path, title: p.title })),
    borderline,
    stale,
    candidates: candidateThemes(
      papers.filter((p) => p.themes.length === 0),
      papers.filter((p) => p.themes.length > 0),
    ),
  };
}
