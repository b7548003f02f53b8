import { defineCollection } from 'astro:content';
import { join } from 'node:path';
import { papersLoader } from './lib/papers-loader.ts';
import { optionalEntriesLoader } from './lib/optional-entries.ts';
import { paperSchema } from './core/papers/schema.ts';
import { digestSchema } from './core/digest/schema.ts';
import { sessionSchema } from './core/sessions/schema.ts';
import { lecternConfig } from './config.ts';

/** Tests and benchmarks point the build at another content folder (LECTERN_CONTENT). */
const { contentDir } = lecternConfig();

const papers = defineCollection({
  // Data, Markdown notes rendered at sync, or MDX modules when a paper asks (src/lib/papers-loader.ts).
  loader: papersLoader(join(contentDir, 'papers')),
  schema: paperSchema,
});

/** Optional human intros of the weekly digests; the id is the file stem, `2026-w48`. */
const digests = defineCollection({
  loader: optionalEntriesLoader(contentDir, 'digests'),
  schema: digestSchema,
});

/** Reading sessions; the id is the file stem, the day the group meets (`2026-11-19`). */
const sessions = defineCollection({
  loader: optionalEntriesLoader(contentDir, 'sessions'),
  schema: sessionSchema,
});

export const collections = { papers, digests, sessions };
