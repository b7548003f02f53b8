/**
 * The theme taxonomy, `content/themes.yaml`: which themes exist, how the site describes them,
 * and the evidence the classifier looks for. Parsed from text (no file I/O here); every problem
 * comes back as a Diagnostic with the line of the offending YAML node.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import type { Diagnostic } from '../diagnostics.ts';
import { slugSchema } from '../papers/schema.ts';

/** A regular expression source, checked to compile (JavaScript syntax without the `u` flag, case-insensitive). */
const patternSchema = z
  .string({ error: 'a phrase must be text: put it in quotes if it contains ": " or " #", or starts with [ { * & ! | > % @' })
  .min(1)
  .superRefine((source, ctx) => {
  try {
    new RegExp(source, 'i');
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${(error as Error).message}` });
  }
});

/** A group of phrases that count as evidence with the same weight. */
export const evidenceGroupSchema = z.strictObject({
  /** Points for each distinct phrase found (title matches are multiplied by `title_weight`). */
  weight: z.number().positive().max(100),
  /** Regular expressions, matched on whole words of lower-cased text where hyphens are spaces. */
  phrases: z.array(patternSchema).min(1),
});

export const themeSchema = z.strictObject({
  /** The theme's permanent id: used in paper frontmatter (`themes:`) and in URLs. */
  slug: slugSchema,
  /** Display name, e.g. "Efficient attention". */
  name: z.string().min(1),
  /** One line for readers: what the theme is about. Shown on theme cards and leading the theme page. */
  summary: z.string().min(1).optional(),
  /** What belongs here and what does not. Shown under "What belongs here" on the theme page. */
  criteria: z.string().min(1).optional(),
  /** The older single paragraph: read as `criteria` when that is missing. */
  description: z.string().min(1).optional(),
  /** A paper gets the theme when its score reaches this value. */
  threshold: z.number().positive(),
  /** Phrases that count for the theme. */
  evidence: z.array(evidenceGroupSchema).min(1),
  /**
   * Phrases blanked out before this theme's evidence is matched, for look-alikes the definition
   * excludes (e.g. "vector quantization" is not lower numeric precision).
   */
  mask: z.array(patternSchema).default([]),
  /** Phrases whose presence subtracts points (a hint that the paper is about something else). */
  against: z.array(evidenceGroupSchema).default([]),
}).refine((theme) => theme.summary !== undefined || theme.criteria !== undefined || theme.description !== undefined, {
  message: 'a theme needs a `summary` (one line for readers) and usually `criteria` (what belongs here)',
  path: ['summary'],
});

export const taxonomySchema = z.strictObject({
  /** How much more a phrase counts in the title than in the abstract. */
  title_weight: z.number().positive().default(3),
  /**
   * An abstract match preceded in its sentence by one of these cues ("such as", "e.g.",
   * "combined with") is a mention in passing and counts `passing_factor` of its weight.
   */
  passing_cues: z.array(patternSchema).default([]),
  /**
   * A title matching one of these ("survey", "benchmark") marks a paper labeled by what it
   * lists: its mentions in passing count in full.
   */
  survey_cues: z.array(patternSchema).default([]),
  passing_factor: z.number().min(0).max(1).default(0.25),
  /** How far (characters) before a match a passing cue may stand. */
  passing_window: z.number().int().positive().default(80),
  /** A result whose score is within this fraction of the threshold is "borderline" in reports. */
  borderline: z.number().min(0).max(1).default(0.35),
  themes: z
    .array(themeSchema)
    .min(1)
    .superRefine((themes, ctx) => {
      const seen = new Set<string>();
      themes.forEach((theme, index) => {
        if (seen.has(theme.slug)) {
          ctx.addIssue({ code: 'custom', path: [index, 'slug'], message: `duplicate theme slug "${theme.slug}"` });
        }
        seen.add(theme.slug);
      });
    }),
});

export type Taxonomy = z.output<typeof taxonomySchema>;
export type Theme = z.output<typeof themeSchema>;
export type EvidenceGroup = z.output<typeof evidenceGroupSchema>;

export type TaxonomyResult =
  | { ok: true; taxonomy: Taxonomy; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

const HINT = 'Fix content/themes.yaml (see the README section "Themes" for the format).';

/** Line (1-based) of the YAML node at `path`, or of its nearest existing parent. */
function lineOf(doc: Document, lines: LineCounter, path: readonly PropertyKey[]): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth) as (string | number)[], true) as
      | { range?: [number, number, number] }
      | undefined;
    if (node && typeof node === 'object' && node.range) return lines.linePos(node.range[0]).line;
    if (depth === 0) break;
  }
  return 1;
}

/**
 * Parse and validate the taxonomy file's text. `file` is the name used in diagnostics.
 * Never throws: bad YAML or a bad field comes back as diagnostics with line numbers.
 */
export function parseTaxonomy(text: string, file = 'themes.yaml'): TaxonomyResult {
  const lines = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: lines, prettyErrors: false });
  const diagnostics: Diagnostic[] = [];
  for (const error of doc.errors) {
    diagnostics.push({
      severity: 'error',
      file,
      line: error.linePos?.[0]?.line ?? lines.linePos(error.pos[0]).line,
      message: `YAML syntax: ${error.message.split('\n')[0]}`,
      hint: HINT,
    });
  }
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  if (!isMap(doc.contents) || !isSeq(doc.get('themes', true))) {
    return {
      ok: false,
      diagnostics: [
        { severity: 'error', file, line: 1, message: 'the file must be a mapping with a "themes:" list', hint: HINT },
      ],
    };
  }
  const parsed = taxonomySchema.safeParse(doc.toJS());
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      diagnostics.push({
        severity: 'error',
        file,
        line: lineOf(doc, lines, issue.path),
        message: `${issue.path.join('.') || '(top level)'}: ${issue.message}`,
        hint: HINT,
      });
    }
    return { ok: false, diagnostics };
  }
  return { ok: true, taxonomy: parsed.data, diagnostics };
}

/** What the site needs to list and describe themes (theme pages, Pagefind filter labels). */
export interface ThemeInfo {
  slug: string;
  name: string;
  /** One line for readers (cards, the theme page's lead, feed and meta descriptions). */
  summary: string;
  /** What belongs here; '' when the file gives only a summary. */
  criteria: string;
}

/** The first sentence of a paragraph, for a theme written before `summary` existed. */
function firstSentence(text: string): string {
  return /^.*?[.!?](?=\s|$)/s.exec(text)?.[0] ?? text;
}

/** The themes in file order, without classifier details. */
export function themeList(taxonomy: Taxonomy): ThemeInfo[] {
  return taxonomy.themes.map(({ slug, name, summary, criteria, description }) => {
    const rules = (criteria ?? description ?? '').trim().replace(/\s+/g, ' ');
    return { slug, name, summary: (summary ?? firstSentence(rules)).trim(), criteria: rules };
  });
}
