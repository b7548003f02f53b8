/**
 * Themes: the taxonomy (`content/themes.yaml`) and the classifier built from it.
 *
 * - Site: `parseTaxonomy(text, file)` then `themeList(taxonomy)` -> [{ slug, name, description }].
 * - Importer: `createClassifier(taxonomy).themesOf` is the `(paper: {title, abstract}) => string[]`
 *   the import planner accepts.
 * - Reports: `createClassifier(taxonomy).classify(paper)` gives scores, margins and evidence.
 */
export { parseTaxonomy, themeList, taxonomySchema } from './taxonomy.ts';
export type { Taxonomy, Theme, ThemeInfo, TaxonomyResult } from './taxonomy.ts';
export { createClassifier, normalizeForMatching } from './classify.ts';
export type { Classification, Classifier, EvidenceMatch, PaperText, ThemeClassifier, ThemeScore } from './classify.ts';
export { evaluate, formatMetrics, joinLabels } from './metrics.ts';
export type { Evaluation, LabelJoin, LabeledPaper, ThemeMetrics } from './metrics.ts';
