/**
 * The one reader of content files: a paper file's text -> validated frontmatter and body, and
 * the taxonomy's text (or its absence) -> a validated taxonomy. Pure: the I/O loader
 * (src/io/content.ts) reads the files; the importer, `themes`, `digest` and the site all validate
 * through here, so a file is valid or invalid the same way, with the same message, everywhere.
 */
import { digestSchema, type DigestFrontmatter } from '../digest/schema.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { frontmatterKeyLine, parsePaperFile } from '../papers/frontmatter.ts';
import { paperSchema, type PaperFrontmatter } from '../papers/schema.ts';
import { DEFAULT_TAXONOMY_YAML } from '../themes/default-taxonomy.ts';
import { parseTaxonomy, type Taxonomy } from '../themes/taxonomy.ts';

export type PaperRead =
  | {
      ok: true;
      paper: PaperFrontmatter;
      /** The frontmatter exactly as written (people's own keys included), to rewrite it. */
      data: Record<string, unknown>;
      /** Everything after the frontmatter: the notes people own. */
      body: string;
    }
  | {
      ok: false;
      /** What is wrong, with the line of the offending field. */
      diagnostics: Diagnostic[];
      /** The frontmatter when it parsed as YAML but failed the schema. */
      data?: Record<string, unknown>;
    };

const PAPER_HINT = 'Fix the frontmatter (fields: src/core/papers/schema.ts, README "Paper files").';

/**
 * Reads one paper file. `file` names it in diagnostics; `hint` says what the caller does with
 * an invalid file (skips it, leaves it alone).
 */
export function readPaper(text: string, file: string, hint = PAPER_HINT): PaperRead {
  const parsed = parsePaperFile(text);
  if (!parsed.ok) {
    return { ok: false, diagnostics: [{ severity: 'error', code: 'invalid-paper-file', file, line: parsed.line, message: `${parsed.message}.`, hint }] };
  }
  const { data, body } = parsed.file;
  const checked = paperSchema.safeParse(data);
  if (checked.success) return { ok: true, paper: checked.data, data, body };
  const diagnostics = checked.error.issues.map((issue): Diagnostic => {
    const field = issue.path.join('.');
    const top = String(issue.path[0] ?? '');
    return {
      severity: 'error',
      code: 'invalid-paper-file',
      file,
      line: frontmatterKeyLine(text, top),
      message: !field
        ? `the frontmatter: ${issue.message}.`
        : Object.hasOwn(data, top)
          ? `field "${field}": ${issue.message}.`
          : `the required field "${field}" is missing.`,
      hint,
    };
  });
  return { ok: false, diagnostics, data };
}

export type TaxonomyRead =
  | {
      ok: true;
      taxonomy: Taxonomy;
      /** Where it came from: the content folder's file, or lectern's default when there is none. */
      source: 'file' | 'default';
      /** One line for command output: which taxonomy this run used. */
      description: string;
      diagnostics: Diagnostic[];
    }
  | { ok: false; diagnostics: Diagnostic[] };

/**
 * Reads the taxonomy. `text` is the content of `file`, or null when the content folder has no
 * `themes.yaml`: lectern's default taxonomy is used then, the same way in every command.
 */
export function readTaxonomy(text: string | null, file: string): TaxonomyRead {
  const result = parseTaxonomy(text ?? DEFAULT_TAXONOMY_YAML, text === null ? 'the default taxonomy' : file);
  if (!result.ok) return result;
  const count = `${result.taxonomy.themes.length} themes`;
  return text === null
    ? {
        ...result,
        source: 'default',
        description: `themes: lectern's default taxonomy (${count}); ${file} does not exist (write it out to edit: npm run themes -- init)`,
      }
    : { ...result, source: 'file', description: `themes: ${file} (${count})` };
}

export type DigestIntroRead = { ok: true; intro: DigestFrontmatter; body: string } | { ok: false; diagnostics: Diagnostic[] };

/** Reads a week's digest intro (`digests/<YYYY>-w<WW>.mdx`): its frontmatter and the intro text. */
export function readDigestIntro(text: string, file: string): DigestIntroRead {
  const parsed = parsePaperFile(text);
  if (!parsed.ok) {
    return { ok: false, diagnostics: [{ severity: 'error', file, line: parsed.line, message: `${parsed.message}.`, hint: 'Fix the frontmatter.' }] };
  }
  const checked = digestSchema.safeParse(parsed.file.data);
  if (checked.success) return { ok: true, intro: checked.data, body: parsed.file.body };
  return {
    ok: false,
    diagnostics: checked.error.issues.map((issue) => ({
      severity: 'error' as const,
      file,
      line: frontmatterKeyLine(text, String(issue.path[0] ?? '')),
      message: `${issue.path.join('.') || 'frontmatter'}: ${issue.message}`,
      hint: 'A digest intro has a `title` and an optional `summary` (src/core/digest/schema.ts).',
    })),
  };
}
