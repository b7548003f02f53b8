/**
 * Builds the Pagefind search index at the end of every `astro build`, so the index can never be
 * stale or forgotten. Pages opt in with `data-pagefind-body` (paper pages); the index lands in
 * `<outDir>/pagefind/`. A failure fails the build.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import * as pagefind from 'pagefind';

export default function pagefindIntegration(): AstroIntegration {
  return {
    name: 'lectern:pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const started = performance.now();
        try {
          const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
          if (!index) throw new Error(`could not create the index: ${errors.join('; ')}`);
          // Only paper pages carry data-pagefind-body; reading the rest (the all-papers table, theme
          // and digest lists: a third of the HTML at 10,000 papers) only costs time. At 10,000
          // papers this took the index from 30 s to 21 s (bench, scripts/bench.ts).
          const added = await index.addDirectory({ path: outDir, glob: 'papers/*/index.html' });
          if (added.errors.length > 0) throw new Error(`indexing ${outDir}: ${added.errors.join('; ')}`);
          const written = await index.writeFiles({ outputPath: join(outDir, 'pagefind') });
          if (written.errors.length > 0) throw new Error(`writing the index: ${written.errors.join('; ')}`);
          logger.info(
            `indexed ${added.page_count} pages in ${Math.round(performance.now() - started)} ms -> ${join(outDir, 'pagefind')}`,
          );
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
