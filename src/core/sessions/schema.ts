/**
 * The frontmatter of a reading session, `content/sessions/<YYYY-MM-DD>.mdx`: when and where the
 * group meets, who presents and which papers (by slug). The MDX body holds the notes. Used by
 * `src/content.config.ts` and `npm run session`.
 */
import { z } from 'zod';
import { isoDateSchema } from '../papers/schema.ts';

/** `2026-11-19`: the file name stem of a session and its URL segment. */
export const SESSION_FILE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

const httpUrl = z.url({ protocol: /^https?$/, error: 'a link starts with http:// or https://' });

export const sessionSchema = z.object({
  /** people: the day the group meets; the same as the file name. */
  date: isoDateSchema,
  /** people: local start time, 24-hour `HH:MM` (time zone: LECTERN_TIMEZONE). */
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time is written HH:MM, 24-hour, quoted (e.g. "16:00")')
    .default('16:00'),
  /** people: a room ("Room 4.02") or a call link. */
  place: z.string().trim().min(1).optional(),
  /** people: who presents, as they like to be named. */
  presenters: z.array(z.string().trim().min(1)).default([]),
  /** people: slugs of the papers discussed (file names in papers/ without .mdx). */
  papers: z.array(z.string().trim().min(1)).min(1, 'a session discusses at least one paper (papers: [slug])'),
  slides: httpUrl.optional(),
  recording: httpUrl.optional(),
});

export type SessionFrontmatter = z.output<typeof sessionSchema>;
