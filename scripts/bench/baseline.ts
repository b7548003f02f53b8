/**
 * The comparison site: a plain Astro 7 MDX site over the same papers (Astro's glob loader, one
 * minimal page per paper rendering its MDX, the same math setup, no search, no images). Built
 * in the same run as lectern so that ratios stay meaningful on a noisy shared machine.
 * It is a throwaway project in a temp folder that borrows this repo's node_modules.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './corpus.ts';

export function writeBaselineProject(dir: string, papersDir: string): void {
  mkdirSync(join(dir, 'src', 'pages', 'papers'), { recursive: true });
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'lectern-baseline', private: true, type: 'module' }));
  writeFileSync(
    join(dir, 'astro.config.mjs'),
    `import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
export default defineConfig({
  site: 'https://baseline.example.org',
  outDir: process.env.LECTERN_OUT_DIR,
  cacheDir: process.env.LECTERN_CACHE_DIR,
  vite: { cacheDir: process.env.LECTERN_CACHE_DIR + '/vite' },
  markdown: { processor: unified({ remarkPlugins: [remarkMath], rehypePlugins: [[rehypeKatex, { throwOnError: false }]] }) },
  integrations: [mdx()],
});
`,
  );
  writeFileSync(
    join(dir, 'src', 'content.config.ts'),
    `import { defineCollection, z } from 'astro:content';
import { glob } from 'astro/loaders';
const papers = defineCollection({
  loader: glob({ pattern: '*.mdx', base: ${JSON.stringify(papersDir)} }),
  schema: z.object({ title: z.string(), abstract: z.string() }).passthrough(),
});
export const collections = { papers };
`,
  );
  writeFileSync(
    join(dir, 'src', 'pages', 'papers', '[slug].astro'),
    `---
import { getCollection, render } from 'astro:content';
export async function getStaticPaths() {
  return (await getCollection('papers')).map((paper) => ({ params: { slug: paper.id }, props: { paper } }));
}
const { paper } = Astro.props;
const { Content } = await render(paper);
---
<!doctype html>
<html lang="en"><head><meta charset="utf-8" /><title>{paper.data.title}</title></head>
<body><h1>{paper.data.title}</h1><p>{paper.data.abstract}</p><Content /></body></html>
`,
  );
}
