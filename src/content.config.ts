import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { paperSchema } from './core/papers/schema.ts';

const papers = defineCollection({
  // deferRender: MDX bodies are compiled only for pages that render them (DESIGN.md §3).
  loader: glob({ pattern: '*.{md,mdx}', base: './content/papers', generateId: ({ data }) => String(data.slug) }),
  schema: paperSchema,
});

export const collections = { papers };
