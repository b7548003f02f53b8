/**
 * Counts the pages this build rendered and the pages it reused from the previous build
 * (Astro's `experimental.incrementalBuild`, keys in src/lib/page-keys.ts), logs them and saves
 * them to `<cacheDir>/lectern-pages.json` for the one-line summary of `npm run build`
 * (scripts/build.ts). The manifest Astro is about to replace is read when the config is done.
 */
import type { AstroIntegration } from 'astro';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { countReuse, INCREMENTAL_MANIFEST, isHtmlPage, parseManifest, type IncrementalManifest } from '../core/build/reuse.ts';
import { writeFileAtomic } from '../io/atomic.ts';

export const PAGES_REPORT = 'lectern-pages.json';

export interface PagesReport {
  pages: number;
  rendered: number;
  reused: number;
}

const readText = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : null);

export default function buildReport(): AstroIntegration {
  let cacheDir = '';
  let previous: IncrementalManifest | null = null;
  return {
    name: 'lectern:pages',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = fileURLToPath(config.cacheDir);
        previous = parseManifest(readText(join(cacheDir, INCREMENTAL_MANIFEST)));
      },
      'astro:build:done': ({ pages, logger }) => {
        const next = parseManifest(readText(join(cacheDir, INCREMENTAL_MANIFEST)));
        // Astro's `pages` are the HTML pages; keyed endpoints (citation files) are not counted.
        const { reused } = next ? countReuse(previous, next, isHtmlPage) : { reused: 0 };
        const report: PagesReport = { pages: pages.length, rendered: pages.length - reused, reused };
        writeFileAtomic(join(cacheDir, PAGES_REPORT), `${JSON.stringify(report)}\n`);
        logger.info(`${report.pages} pages: ${report.rendered} rendered, ${report.reused} reused from the previous build`);
      },
    },
  };
}
