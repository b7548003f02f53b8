import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { paperSchema } from './core/papers/schema.ts';

/** Tests and benchmarks point the build at another content folder. */
const contentDir = process.env.LECTERN_CONTENT ?? './content';

const papers = defineCollection({
  // deferRender: MDX bodies are compiled only for pages that render them (DESIGN.md §3).
  loader: glob({ pattern: '*.{md,mdx}', base: `${contentDir}/papers`, generateId: ({ data }) => String(data.slug) }),
  schema: paperSchema,
});

export const collections = { papers };
