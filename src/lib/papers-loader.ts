/**
 * The papers collection loader: Astro's glob loader, except that a paper becomes an MDX module
 * only when its notes need MDX.
 *
 * With the plain glob loader every `.mdx` entry is registered as a content module, so Vite
 * compiles all of them (MDX -> JSX -> JS, one module each) whether or not a page renders it,
 * `deferRender` or not. At 10,000 papers that compile was most of the build time and memory
 * (95 s and 3.9 GiB against 38 s and 1.8 GiB, scripts/bench.ts), yet most papers have only
 * importer-owned frontmatter and an empty body. This wrapper stores:
 * - papers without notes as data only (no module; pages never call `render()` for them);
 * - notes in plain Markdown (src/core/papers/notes.ts) rendered at content sync with the site's
 *   Markdown pipeline (same remark/rehype plugins as MDX), cached by content digest;
 * - notes that use MDX syntax as MDX modules, as the glob loader does.
 * Pages call `render()` only when `hasNotes` (src/lib/paper-meta.ts).
 */
import type { Loader, LoaderContext } from 'astro/loaders';
import { glob } from 'astro/loaders';
import { existsSync } from 'node:fs';
import { isPlainMarkdown } from '../core/papers/notes.ts';
import { formatPermalinkConflicts } from '../core/permalinks/index.ts';

type GlobOptions = Parameters<typeof glob>[0];
type Entry = Parameters<LoaderContext['store']['set']>[0];

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
    load: async (context) => {
      seen = new Map();
      const { store } = context;
      const rendering: Promise<void>[] = [];
      await inner.load({
        ...context,
        store: {
          ...store,
          set: (entry) => {
            const body = entry.body?.trim() ? entry.body : undefined;
            if (body === undefined) return store.set({ ...entry, body: undefined, deferredRender: false });
            if (!isPlainMarkdown(body)) return store.set(entry);
            // Markdown notes: stored now without a digest (so the rendered entry below is not
            // skipped as unchanged), then again with the rendered HTML and the digest.
            const { digest, ...rest } = entry as Entry;
            const set = store.set({ ...rest, deferredRender: false });
            rendering.push(
              context.renderMarkdown(body, entry.filePath ? { fileURL: new URL(entry.filePath, context.config.root) } : {}).then((rendered) => {
                store.set({ ...rest, digest, deferredRender: false, rendered, assetImports: rendered.metadata?.imagePaths });
              }),
            );
            return set;
          },
        },
      });
      await Promise.all(rendering);
    },
  };
}
