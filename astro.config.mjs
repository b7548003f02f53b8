// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { rehypeHeadingIds, unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import remarkTrustedIntro from './src/core/render/trusted-intro.ts';
import rehypeKatex from 'rehype-katex';
import rehypeAutolinkHeadings from 'rehype-autolink-headings';
import { rehypeSearchIgnore } from './src/core/render/search-ignore.ts';
import ogImages from './src/integrations/og-images.ts';
import citationFiles from './src/integrations/citation-files.ts';
import { isRedirectPage } from './src/integrations/sitemap-filter.ts';
import outDirMove from './src/integrations/out-dir.ts';
import buildReport from './src/integrations/build-report.ts';
import { lecternConfig } from './src/config.ts';

/**
 * Deployment settings come from the environment so the same repo can be published at a
 * domain root or under a sub-path (GitHub Pages project sites):
 *   LECTERN_SITE=https://example.github.io LECTERN_BASE=/reading-group/ npm run build
 */
const { site, base, outDir, buildOutDir, astroCacheDir, buildConcurrency } = lecternConfig();

export default defineConfig({
  site,
  base,
  trailingSlash: 'always',
  // Two routes (or a paper and a route) that claim one URL fail the build instead of one winning.
  prerenderConflictBehavior: 'error',
  // Pages are written while the next ones render: one page at a time left the (single) render
  // thread waiting on file writes, 5 s of 28 s at 10,000 papers; 4 at a time renders them 2 s faster.
  // LECTERN_BUILD_CONCURRENCY changes it (the bench measures both); reuse works with either.
  build: { concurrency: buildConcurrency },
  // Pages whose data did not change since the last build are reused, not rendered again: each
  // dynamic route returns a cacheKey from getStaticPaths (src/lib/page-keys.ts). Astro keeps the
  // previous HTML and its manifest in cacheDir (README, "Incremental builds").
  experimental: { incrementalBuild: true },
  // The site is written to buildOutDir, then moved to outDir if that differs (src/config.ts).
  outDir: buildOutDir,
  // Benchmarks and tests building other content folders keep their own content-layer cache.
  cacheDir: astroCacheDir,
  // `npm run build` hands Astro a fresh output folder, holding only the previous build's keyed
  // pages (src/io/previous-pages.ts): emptying it would throw away the pages it means to keep.
  vite: {
    build: {
      emptyOutDir: false,
      rolldownOptions: {
        // Astro marks every MDX content entry with its own "use astro:head-inject" directive, and
        // Rolldown warned about it once per digest and session page on every build (8 lines each;
        // withastro/astro#18087): harmless, and noise that hid real warnings.
        onLog(level, log, handler) {
          if (log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes('use astro:head-inject')) return;
          handler(level, log);
        },
      },
    },
  },
  markdown: {
    // Astro 7's default processor ignores remark/rehype plugins; math needs unified explicitly.
    processor: unified({
      // Digest intros render raw HTML only from trusted constructs (issue 14, item 14).
      remarkPlugins: [remarkMath, remarkTrustedIntro],
      // throwOnError: false turns bad math into a visible error node instead of a failed build.
      rehypePlugins: [
        [rehypeKatex, { throwOnError: false, strict: 'ignore' }],
        // Notes headings get ids, then a visible "#" link to the passage.
        rehypeHeadingIds,
        [
          rehypeAutolinkHeadings,
          {
            behavior: 'append',
            properties: { className: ['heading-anchor'], ariaHidden: 'true', tabIndex: -1 },
            content: { type: 'text', value: '#' },
          },
        ],
        // Search indexes a formula once and no "#" anchors.
        rehypeSearchIgnore,
      ],
    }),
    shikiConfig: { themes: { light: 'github-light', dark: 'github-dark' } },
  },
  // The Pagefind search index is built after `astro build` exits, by scripts/search-index.ts
  // (`npm run build` runs both): see that file for why it is not an integration.
  integrations: [mdx(), sitemap({ filter: (page) => !/\/404\/?$/.test(page) && !isRedirectPage(buildOutDir, base, page) }), ogImages(), citationFiles(), buildReport(), outDirMove(outDir)],
});
