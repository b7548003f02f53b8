/**
 * The frontmatter of a week's digest intro, `content/digests/<YYYY>-w<WW>.mdx` (optional file;
 * a week without one still gets a digest). The file name names the ISO week; the MDX body is
 * the intro (Markdown, math and code work). Used by `src/content.config.ts` and the digest CLI.
 */
import { z } from 'zod';

/** `2026-w48`: the file name stem of an intro and the URL segment of its digest. */
export const DIGEST_FILE_PATTERN = /^\d{4}-w\d{2}$/;

export const digestSchema = z.object({
  /** people: the digest's headline, plain text, e.g. "Mamba everywhere". */
  title: z.string().trim().min(1, 'a digest needs a title'),
  /** people: one or two sentences shown in the digest list, feeds and link previews. */
  summary: z.string().trim().min(1).optional(),
});

export type DigestFrontmatter = z.output<typeof digestSchema>;
