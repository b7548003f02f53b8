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
import { formatPermalinkConflicts } from '../core/permalinks/index.ts';

type GlobOptions = Parameters<typeof glob>[0];

export function papersLoader(options: GlobOptions): Loader {
  // Two files with one slug: the glob loader would keep one of them (with only a warning, or
  // silently when both files are identical), so the ids are checked as they are generated.
  let seen = new Map<string, string>();
  const generateId: GlobOptions['generateId'] = (input) => {
    // content.config.ts passes the slug as the id; without a generateId the file name is the id.
    const id = String(options.generateId ? options.generateId(input) : input.entry);
    const other = seen.get(id);
    // A file that no longer exists was renamed (dev server), not duplicated.
    if (other !== undefined && other !== input.entry && existsSync(new URL(other, input.base))) {
      const claims = [other, input.entry].map((file) => ({ file: `${String(options.base)}/${file}`, as: 'slug' as const }));
      throw new Error(formatPermalinkConflicts([{ segment: id, claims }]));
    }
    seen.set(id, input.entry);
    return id;
  };
  // The body decides whether an entry is a module, so it must be kept (it is small: notes only).
  const inner = glob({ ...options, generateId, retainBody: true });
  return {
    name: 'lectern-papers-loader',
    load: (context) => {
      seen = new Map();
      const { store } = context;
      return inner.load({
        ...context,
        store: {
          ...store,
          set: (entry) =>
            store.set(entry.body?.trim() ? entry : { ...entry, body: undefined, deferredRender: false }),
        },
      });
    },
  };
}
