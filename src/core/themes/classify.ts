/**
 * A deterministic, offline, multi-label theme classifier driven entirely by the taxonomy.
 *
 * For each theme, every distinct term an evidence phrase matches in the title earns
 * `weight * title_weight`; in the abstract it earns `weight` (1.5x when it occurs twice or more),
 * or only `weight * passing_factor` when every occurrence is a mention in passing ("such as X",
 * "combined with X") - except in surveys and benchmarks (`survey_cues` in the title), which are
 * labeled by what they list. `against` phrases subtract the same way. A theme is assigned when the
 * score reaches its threshold. Every point is recorded as evidence so a person can see why.
 */
import type { EvidenceGroup, Taxonomy } from './taxonomy.ts';

export interface PaperText {
  title: string;
  abstract: string;
}

export interface EvidenceMatch {
  /** The phrase (regular expression) from the taxonomy. */
  phrase: string;
  /** The term it matched, as normalised (lower case, hyphens as spaces). */
  matched: string;
  field: 'title' | 'abstract';
  /** Occurrences in that field. */
  count: number;
  /** True when every abstract occurrence was a mention in passing. */
  passing: boolean;
  /** Points contributed (negative for `against` phrases). */
  points: number;
}

export interface ThemeScore {
  slug: string;
  score: number;
  threshold: number;
  /** score - threshold: >= 0 means assigned; near 0 either way means borderline. */
  margin: number;
  assigned: boolean;
  /** |margin| <= borderline * threshold. */
  borderline: boolean;
  evidence: EvidenceMatch[];
}

export interface Classification {
  /** Assigned theme slugs, in taxonomy order. */
  themes: string[];
  /** One entry per theme of the taxonomy, in taxonomy order. */
  scores: ThemeScore[];
}

/** The function the importer accepts: title + abstract in, theme slugs out. */
export type ThemeClassifier = (paper: PaperText) => string[];

/**
 * Text as the patterns see it: lower case; `-`, `_`, `/` and dashes are spaces; TeX residue
 * (`$`, `\`, braces), brackets and double quotes dropped; whitespace collapsed. Patterns are written against this form,
 * so "Mixture-of-Experts", "mixture of experts" and "Mixture of-Experts" all read the same.
 */
export function normalizeForMatching(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\\${}()[\]"`\u201c\u201d]/g, ' ')
    .replace(/[-_/\u2010-\u2015\u2212]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

interface CompiledPhrase {
  source: string;
  weight: number;
  regex: RegExp;
}

/**
 * A phrase matched as whole words: no letter or digit right before or after it. (Written out
 * rather than \p{L} so the regex runs without the slower `u` flag; the text is lower-cased.)
 */
const WORD_CHAR = 'a-z0-9\\u00aa\\u00b5\\u00ba\\u00c0-\\u024f\\u0370-\\u03ff\\u0400-\\u04ff';
const wordRegex = (source: string): RegExp => new RegExp(`(?<![${WORD_CHAR}])(?:${source})(?![${WORD_CHAR}])`, 'gi');

function compileGroups(groups: readonly EvidenceGroup[]): CompiledPhrase[] {
  return groups.flatMap((group) =>
    group.phrases.map((source) => ({ source, weight: group.weight, regex: wordRegex(source) })),
  );
}

interface CompiledTheme {
  slug: string;
  threshold: number;
  evidence: CompiledPhrase[];
  against: CompiledPhrase[];
  mask: RegExp[];
}

export interface Classifier {
  classify(paper: PaperText): Classification;
  /** Shorthand for `classify(paper).themes`; matches {@link ThemeClassifier}. */
  themesOf: ThemeClassifier;
}

const round = (x: number): number => Math.round(x * 100) / 100;

/** A sentence or clause end; "e.g. ", "i.e. ", "vs. ", "et al. " are not. */
const SENTENCE_END = /(?<!\b(?:e\.g|i\.e|vs|al|etc|cf|fig|eq))[.;!?] /g;

/** Build a classifier for a validated taxonomy (see `parseTaxonomy`). */
export function createClassifier(taxonomy: Taxonomy): Classifier {
  const themes: CompiledTheme[] = taxonomy.themes.map((theme) => ({
    slug: theme.slug,
    threshold: theme.threshold,
    evidence: compileGroups(theme.evidence),
    against: compileGroups(theme.against),
    mask: theme.mask.map(wordRegex),
  }));
  const surveyCue =
    taxonomy.survey_cues.length > 0 ? new RegExp(wordRegex(taxonomy.survey_cues.join('|')).source, 'i') : null;
  const passingCue =
    taxonomy.passing_cues.length > 0 ? wordRegex(taxonomy.passing_cues.map((c) => `(?:${c})`).join('|')) : null;

  /** True when a passing cue stands before `index` in the same sentence, within the window. */
  const isPassing = (text: string, index: number): boolean => {
    if (!passingCue) return false;
    let before = text.slice(Math.max(0, index - taxonomy.passing_window), index);
    const ends = [...before.matchAll(SENTENCE_END)];
    if (ends.length > 0) before = before.slice(ends.at(-1)!.index + ends.at(-1)![0].length);
    passingCue.lastIndex = 0;
    return passingCue.test(before);
  };

  /** A term's identity for counting distinct evidence: "sparse attentions" is "sparse attention". */
  const termKey = (text: string) => text.replace(/s$/, '');

  const score = (
    phrase: CompiledPhrase,
    field: 'title' | 'abstract',
    text: string,
    sign: 1 | -1,
    allowPassing: boolean,
  ): EvidenceMatch[] => {
    phrase.regex.lastIndex = 0;
    const terms = new Map<string, { matched: string; count: number; passing: number }>();
    for (const m of text.matchAll(phrase.regex)) {
      // Evidence counts each distinct term; an `against` phrase counts once however it matches.
      const key = sign === 1 ? termKey(m[0]) : '';
      const term = terms.get(key) ?? { matched: m[0], count: 0, passing: 0 };
      term.count++;
      if (field === 'abstract' && sign === 1 && allowPassing && isPassing(text, m.index)) term.passing++;
      terms.set(key, term);
    }
    return [...terms.values()].map(({ matched, count, passing: passingCount }) => {
      const passing = field === 'abstract' && passingCount === count;
      let points: number;
      if (field === 'title') points = phrase.weight * taxonomy.title_weight;
      else if (passing) points = phrase.weight * taxonomy.passing_factor;
      else points = phrase.weight * (sign === 1 && count - passingCount >= 2 ? 1.5 : 1);
      return { phrase: phrase.source, matched, field, count, passing, points: round(sign * points) };
    });
  };

  const classify = (paper: PaperText): Classification => {
    const title = normalizeForMatching(paper.title);
    const abstract = normalizeForMatching(paper.abstract);
    const allowPassing = !surveyCue?.test(title);
    const scores = themes.map((theme): ThemeScore => {
      const blank = (text: string) => theme.mask.reduce((t, re) => t.replace(re, (m) => ' '.repeat(m.length)), text);
      const fields = { title: blank(title), abstract: blank(abstract) } as const;
      const evidence: EvidenceMatch[] = [];
      for (const [list, sign] of [
        [theme.evidence, 1],
        [theme.against, -1],
      ] as const) {
        for (const phrase of list) {
          for (const field of ['title', 'abstract'] as const) {
            evidence.push(...score(phrase, field, fields[field], sign, allowPassing));
          }
        }
      }
      const total = round(evidence.reduce((sum, e) => sum + e.points, 0));
      const margin = round(total - theme.threshold);
      return {
        slug: theme.slug,
        score: total,
        threshold: theme.threshold,
        margin,
        assigned: margin >= 0,
        borderline: Math.abs(margin) <= taxonomy.borderline * theme.threshold,
        evidence: evidence.sort((a, b) => Math.abs(b.points) - Math.abs(a.points)),
      };
    });
    return { themes: scores.filter((s) => s.assigned).map((s) => s.slug), scores };
  };

  return { classify, themesOf: (paper) => classify(paper).themes };
}
