/**
 * The frontmatter of a paper file, `content/papers/<slug>.mdx`.
 *
 * This is the single definition: the importer validates what it writes against it and the
 * Astro content collection (`src/content.config.ts`) uses it to validate what it reads.
 * Fields marked "importer" are rewritten only by the importer; fields marked "people" are
 * never overwritten once a person has edited them.
 */
import { z } from 'zod';
import { isIsoDay } from '../listing/dates.ts';

/** Lower-case ASCII words joined by single hyphens: safe in a URL path and a file name. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const slugSchema = z
  .string()
  .max(100)
  .regex(SLUG_PATTERN, 'a slug is lower-case ASCII letters and digits joined by single hyphens');

/**
 * A calendar day, `YYYY-MM-DD`, that exists (`2026-02-30` does not). YAML 1.1 readers turn bare
 * dates into Date objects; accept both.
 */
export const isoDateSchema = z.preprocess(
  (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is written YYYY-MM-DD')
    .refine(isIsoDay, { error: (issue) => `${String(issue.input)} is not a day of the calendar (check the month and day)` }),
);

export const sourceSchema = z.object({
  /** The listing file's name (not its path, so the record is the same on every machine). */
  file: z.string().min(1),
  /** 1-based line of the record's title in that file. */
  line: z.number().int().positive(),
  /**
   * The record's raw title, when it folds to another key than the paper's `title_raw` (a record
   * matched by arXiv id under another title): the importer matches that title too in later runs.
   */
  title: z.string().min(1).optional(),
});

export const authorsSchema = z.object({
  /** "7 authors" in the listing. */
  count: z.number().int().positive().nullable().default(null),
  /** An organisation or submitter shown instead of a count, e.g. "apple Apple". */
  attribution: z
    .object({ handle: z.string().min(1), name: z.string().min(1) })
    .nullable()
    .default(null),
  /**
   * Author names in order, as written by the source ("Tri Dao", "Cheng-Zhi Anna Huang"): the
   * Daily Papers API, a BibTeX/CSL export or arXiv. Empty when no source named them; `count`
   * keeps what the listing said, so a disagreement between the two stays visible.
   */
  names: z.array(z.string().min(1)).default([]),
});

/** A versionless arXiv identifier: `2307.08691` (new style) or `cond-mat/0603029` (old style). */
export const ARXIV_ID_PATTERN = /^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})$/;

export const paperSchema = z.object({
  /** importer: the permanent URL segment; never changes once written. */
  slug: slugSchema,
  /** importer: clean title; math kept as `$...$` only where it is balanced and valid. */
  title: z.string().min(1),
  /** importer: the title exactly as pasted. */
  title_raw: z.string().min(1),
  /** importer: clean abstract, same rules as `title`. */
  abstract: z.string(),
  /** importer: the abstract exactly as pasted. */
  abstract_raw: z.string(),
  /** importer: merged across sightings; missing values are filled in, never replaced. */
  authors: authorsSchema.default({ count: null, attribution: null, names: [] }),
  /** importer: the versionless arXiv id; links to the abstract and PDF and the citation's eprint. */
  arxiv: z.string().regex(ARXIV_ID_PATTERN, 'an arXiv id is written like "2307.08691" (quoted, no version)').nullable().default(null),
  /** importer: the DOI, when a source gave one (`10.1145/...`). */
  doi: z.string().regex(/^10\.\d{4,9}\/\S+$/, 'a DOI starts with "10." and has no spaces').nullable().default(null),
  /** importer: arXiv's primary category, e.g. `cs.LG` (BibTeX `primaryClass`). */
  primary_category: z.string().min(1).nullable().default(null),
  /** importer: the day the first version was submitted to arXiv. */
  submitted: isoDateSchema.nullable().default(null),
  /** importer: the publication year when only the year is known (a BibTeX export). */
  year: z.number().int().min(1900).max(2200).nullable().default(null),
  /** importer: the official code repository (Daily Papers `githubRepo`, a BibTeX note, the abstract). */
  code: z.string().url().nullable().default(null),
  /** importer: publication day on Hugging Face, when the listing showed one. */
  published: isoDateSchema.nullable().default(null),
  /** importer: the highest upvote count seen; null when no listing showed metadata. */
  upvotes: z.number().int().nonnegative().nullable().default(null),
  /** importer: the day the paper joined the reading list; digests are built from it. */
  added: isoDateSchema,
  /** people/classifier: theme slugs from `content/themes.yaml`. */
  themes: z.array(slugSchema).default([]),
  /**
   * people: who owns `themes`. Absent or `classifier`: the classifier chose them and
   * `npm run themes -- reclassify` may replace them. `manual`: a person chose them and nothing
   * (import, reclassify) ever rewrites them. Set `manual` whenever you edit `themes` by hand.
   */
  themes_source: z.enum(['classifier', 'manual']).optional(),
  /** people: a one-line summary that replaces the one chosen from the abstract (digests, feeds, unfurls). */
  tldr: z.string().min(1).optional(),
  /**
   * people: `true` compiles the notes of a `.mdx` file as MDX (components, JSX, `{expressions}`).
   * Without it notes are Markdown with math and code, rendered once at content sync: MDX costs a
   * compiled module per paper.
   */
  mdx: z.boolean().optional(),
  /** people: `true` puts the paper in the "Featured" block of its week's digest. */
  featured: z.boolean().optional(),
  /** people: slugs this paper was published under before; each becomes a redirect. */
  aliases: z.array(slugSchema).default([]),
  /** importer: every listing occurrence this paper was imported from. */
  sources: z.array(sourceSchema).min(1),
});

export type PaperFrontmatter = z.output<typeof paperSchema>;
export type PaperFrontmatterInput = z.input<typeof paperSchema>;
