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

type GlobOptions = Parameters<typeof glob>[0];

export function papersLoader(options: GlobOptions): Loader {
  // The body decides whether an entry is a module, so it must be kept (it is small: notes only).
  const inner = glob({ ...options, retainBody: true });
  return {
    name: 'lectern-papers-loader',
    load: (context) => {
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
