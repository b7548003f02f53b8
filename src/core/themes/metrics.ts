/**
 * Precision, recall and F1 per theme of a classifier against hand labels.
 */
import type { PaperText, ThemeClassifier } from './classify.ts';

export interface LabeledPaper extends PaperText {
  themes: readonly string[];
}

export interface ThemeMetrics {
  slug: string;
  /** Papers labeled with the theme. */
  support: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Disagreement {
  title: string;
  expected: string[];
  predicted: string[];
}

export interface Evaluation {
  perTheme: ThemeMetrics[];
  /** Papers whose predicted set differs from the label. */
  disagreements: Disagreement[];
  /** Share of papers whose predicted set equals the label exactly. */
  exactMatch: number;
}

/** Evaluate `classify` on `papers` for the given theme slugs (in that order). */
export function evaluate(
  papers: readonly LabeledPaper[],
  classify: ThemeClassifier,
  slugs: readonly string[],
): Evaluation {
  const counts = new Map(slugs.map((s) => [s, { tp: 0, fp: 0, fn: 0, support: 0 }]));
  const disagreements: Disagreement[] = [];
  for (const paper of papers) {
    const predicted = new Set(classify(paper));
    const expected = new Set(paper.themes);
    for (const [slug, c] of counts) {
      const p = predicted.has(slug);
      const e = expected.has(slug);
      if (e) c.support++;
      if (p && e) c.tp++;
      else if (p) c.fp++;
      else if (e) c.fn++;
    }
    const same = predicted.size === expected.size && [...predicted].every((s) => expected.has(s));
    if (!same) {
      disagreements.push({
        title: paper.title,
        expected: slugs.filter((s) => expected.has(s)),
        predicted: slugs.filter((s) => predicted.has(s)),
      });
    }
  }
  const perTheme = slugs.map((slug): ThemeMetrics => {
    const c = counts.get(slug)!;
    // With nothing predicted and nothing expected the classifier made no mistake: count it as 1.
    const precision = c.tp + c.fp === 0 ? (c.fn === 0 ? 1 : 0) : c.tp / (c.tp + c.fp);
    const recall = c.tp + c.fn === 0 ? (c.fp === 0 ? 1 : 0) : c.tp / (c.tp + c.fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return {
      slug,
      support: c.support,
      truePositives: c.tp,
      falsePositives: c.fp,
      falseNegatives: c.fn,
      precision,
      recall,
      f1,
    };
  });
  return {
    perTheme,
    disagreements,
    exactMatch: papers.length === 0 ? 1 : (papers.length - disagreements.length) / papers.length,
  };
}

export interface LabelJoin {
  labeled: LabeledPaper[];
  /** Titles of papers without a label. */
  unlabeled: string[];
  /** Label titles that match no paper. */
  unknown: string[];
}

/**
 * Attach hand labels (`{ title, themes }`, title as pasted) to papers, matching the label title
 * to the paper's raw title; the classifier sees the paper's clean `title` and `abstract`.
 */
export function joinLabels(
  papers: readonly (PaperText & { titleRaw: string })[],
  labels: readonly { title: string; themes: readonly string[] }[],
): LabelJoin {
  const byTitle = new Map(labels.map((l) => [l.title.trim(), l]));
  const seen = new Set<string>();
  const labeled: LabeledPaper[] = [];
  const unlabeled: string[] = [];
  for (const paper of papers) {
    const label = byTitle.get(paper.titleRaw.trim());
    if (!label) {
      unlabeled.push(paper.titleRaw);
      continue;
    }
    seen.add(label.title.trim());
    labeled.push({ title: paper.title, abstract: paper.abstract, themes: label.themes });
  }
  const unknown = labels.map((l) => l.title).filter((t) => !seen.has(t.trim()));
  return { labeled, unlabeled, unknown };
}

/** A fixed-width table of per-theme metrics, for reports and test logs. */
export function formatMetrics(evaluation: Evaluation): string {
  const rows = evaluation.perTheme.map((m) =>
    [
      m.slug.padEnd(22),
      String(m.support).padStart(7),
      String(m.truePositives).padStart(4),
      String(m.falsePositives).padStart(4),
      String(m.falseNegatives).padStart(4),
      m.precision.toFixed(3).padStart(9),
      m.recall.toFixed(3).padStart(7),
      m.f1.toFixed(3).padStart(6),
    ].join(' '),
  );
  const header = ['theme'.padEnd(22), 'labeled', '  tp', '  fp', '  fn', 'precision', ' recall', '    f1'].join(' ');
  return [header, ...rows, `exact match of the whole theme set: ${(evaluation.exactMatch * 100).toFixed(1)}%`].join('\n');
}
