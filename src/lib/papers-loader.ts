/**
 * The papers collection loader: Astro's glob loader, except that a paper without a notes body
 * never becomes an MDX module.
 *
 * With the plain glob loader every `.mdx` entry is registered as a content module, so Vite
 * compiles all of them (MDX -> JSX -> JS, one module each) whether or not a page renders it.
 * At 10,000 papers that compile is most of the build time and memory, yet most papers have only
 * importer-owned frontmatter and an empty body. This wrapper stores such entries as data only
 * (no `deferredRender`, so no module import); pages render them from frontmatter and call
 * `render()` only when `hasNotes(paper)` (src/lib/papers.ts). Papers with human-written notes
 * keep full MDX.
 */
import type { Loader } from 'astro/loaders';
import { glob } from 'astro/loaders';
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatPermalinkConflicts } from '../core/permalinks/index.ts';

type GlobOptions = Parameters<typeof glob>[0];

export function papersLoader(options: GlobOptions): Loader {
  // The body decides whether an entry is a module, so it must be kept (it is small: notes only).
  const inner = glob({ ...options, retainBody: true });
  return {
    name: 'lectern-papers-loader',
    load: (context) => {
      const { store } = context;
      const root = fileURLToPath(context.config.root);
      const baseDir = relative(root, resolve(root, String(options.base ?? '.')));
      return inner.load({
        ...context,
        store: {
          ...store,
          set: (entry) => {
            // Two files with one slug: the glob loader would keep the later one and only warn.
            // An entry from a file that is gone, or from another content folder (a shared
            // cache), is stale, not a duplicate.
            const existing = store.get(entry.id);
            if (
              existing?.filePath &&
              entry.filePath &&
              existing.filePath !== entry.filePath &&
              existing.filePath.startsWith(`${baseDir}/`) &&
              existsSync(resolve(root, existing.filePath))
            ) {
              const claims = [existing.filePath, entry.filePath].map((file) => ({ file, as: 'slug' as const }));
              throw new Error(formatPermalinkConflicts([{ segment: entry.id, claims }]));
            }
            return store.set(entry.body?.trim() ? entry : { ...entry, body: undefined, deferredRender: false });
          },
        },
      });
    },
  };
}
