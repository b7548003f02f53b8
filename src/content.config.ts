import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { papersLoader } from './lib/papers-loader.ts';
import { paperSchema } from './core/papers/schema.ts';
import { digestSchema } from './core/digest/schema.ts';
import { lecternConfig } from './config.ts';

/** Tests and benchmarks point the build at another content folder (LECTERN_CONTENT). */
const { contentDir } = lecternConfig();

const papers = defineCollection({
  // Only papers with a notes body become MDX modules; the rest are data (src/lib/papers-loader.ts).
  loader: papersLoader({ pattern: '*.{md,mdx}', base: `${contentDir}/papers`, generateId: ({ data }) => String(data.slug) }),
  schema: paperSchema,
});

/** Optional human intros of the weekly digests; the id is the file stem, `2026-w48`. */
const digests = defineCollection({
  loader: glob({ pattern: '*.{md,mdx}', base: `${contentDir}/digests` }),
  schema: digestSchema,
});

export const collections = { papers, digests };
