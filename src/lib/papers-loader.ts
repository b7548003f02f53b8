/**
 * The papers collection loader, on Astro's public loader API only (`LoaderContext`: store,
 * meta, parseData, renderMarkdown, generateDigest). It reads the paper files with the content
 * reader the commands use (src/io/content.ts), so the site and the importer see the same data.
 *
 * The paper decides how its notes (the body) are compiled:
 * - no notes: a data-only entry; no module, and pages never call `render()` for it;
 * - notes: Markdown (headings, lists, code, math), rendered at content sync with the site's
 *   Markdown pipeline (the same remark/rehype plugins as MDX) and cached by content digest;
 * - `mdx: true` in a `.mdx` file's frontmatter: an MDX module, compiled by Vite like any MDX page
 *   (components, JSX, expressions). MDX costs a compiled module per paper (about 14 ms and 0.6 MB
 *   of build memory each), which is why it is opt-in: most papers have no notes or plain ones.
 * Pages call `render()` only when `hasNotes` (src/lib/paper-meta.ts).
 *
 * Entries are cached by a digest of the file's text and its path, so an entry is re-read when
 * the file moves; see also `keyedByFolder` for a moved content folder. The loader's meta keeps
 * each file's digest and slug: a file whose text is what was parsed last time is not parsed again
 * (YAML frontmatter of 10,000 papers took ~3 s of every rebuild's content sync).
 */
import { AstroError } from 'astro/errors';
import type { Loader, LoaderContext } from 'astro/loaders';
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePaperFile } from '../core/papers/frontmatter.ts';
import { formatPermalinkConflicts } from '../core/permalinks/index.ts';
import { listContentFiles } from '../io/content.ts';

/** Papers loaded at once (their notes render asynchronously): few enough to keep memory flat. */
const CONCURRENCY = 16;

/**
 * Wraps a loader so that its cached entries are dropped when the content folder changes (it was
 * moved, or LECTERN_CONTENT points elsewhere). Astro keeps entries, and the MDX modules they
 * import, by path: without this a moved folder made every build fail on a path that no longer
 * exists (issue 14 #18).
 */
export function keyedByFolder(loader: Loader, folder: string): Loader {
  return {
    ...loader,
    load: async (context) => {
      if (context.meta.get('folder') !== folder) {
        if (context.meta.get('folder') !== undefined) context.logger.info(`content folder changed to ${folder}: reloading ${context.collection}`);
        context.store.clear();
        context.meta.set('folder', folder);
      }
      await loader.load(context);
    },
  };
}

export function papersLoader(folder: string): Loader {
  return keyedByFolder(
    {
      name: 'lectern-papers-loader',
      load: async (context) => {
        const names = listContentFiles(folder);
        const untouched = new Set(context.store.keys());
        const ids = new Map<string, string>();
        const files = { before: readKnownFiles(context), now: {} as KnownFiles };
        for (let i = 0; i < names.length; i += CONCURRENCY) {
          await Promise.all(names.slice(i, i + CONCURRENCY).map((name) => loadPaper(context, join(folder, name), ids, untouched, files)));
        }
        for (const id of untouched) context.store.delete(id);
        context.meta.set(KNOWN_FILES, JSON.stringify(files.now));
        watch(context, folder);
      },
    },
    folder,
  );
}

const watched = new WeakSet<object>();

/** Dev server: reload the collection when a paper file changes (unchanged files cost a digest). */
function watch(context: LoaderContext, folder: string): void {
  const { watcher } = context;
  if (!watcher || watched.has(watcher)) return;
  watched.add(watcher);
  watcher.add(folder);
  const reload = (path: string) => {
    if (path.startsWith(folder) && /\.mdx?$/.test(path)) void papersLoader(folder).load(context);
  };
  watcher.on('add', reload).on('change', reload).on('unlink', reload);
}

/** Meta key of the files the last load read: path -> [digest of path and text, entry id]. */
const KNOWN_FILES = 'files';
type KnownFiles = Record<string, [string, string]>;

function readKnownFiles(context: LoaderContext): KnownFiles {
  try {
    return JSON.parse(context.meta.get(KNOWN_FILES) ?? '{}') as KnownFiles;
  } catch {
    return {};
  }
}

async function loadPaper(context: LoaderContext, file: string, ids: Map<string, string>, untouched: Set<string>, files: { before: KnownFiles; now: KnownFiles }): Promise<void> {
  const { store, config } = context;
  // Read synchronously: 2,050 files took 30 ms so, 215-277 ms read 16 at a time with one await each.
  const text = readFileSync(file, 'utf8');
  const filePath = relative(fileURLToPath(config.root), file).split(sep).join('/');
  const digest = context.generateDigest(`${filePath}\n${text}`);
  const [knownDigest, knownId] = files.before[filePath] ?? [];
  const known = knownDigest === digest && knownId !== undefined ? store.get(knownId) : undefined;
  // The text the stored entry was made from: it parses to the same slug and data, so it is not parsed again.
  if (known?.digest === digest && !known.assetImports?.length) {
    claimId(knownId!, file, ids, untouched);
    files.now[filePath] = [digest, knownId!];
    if (known.deferredRender && known.filePath) store.addModuleImport(known.filePath);
    return;
  }
  const parsed = parsePaperFile(text);
  if (!parsed.ok) throw new AstroError(`${file}:${parsed.line}: ${parsed.message}.`, 'Fix the frontmatter (fields: src/core/papers/schema.ts).');
  const { data, body } = parsed.file;
  // The slug is the id (and the URL); a file without a valid one fails in parseData below.
  const id = typeof data.slug === 'string' && data.slug ? data.slug : filePath;
  claimId(id, file, ids, untouched);
  files.now[filePath] = [digest, id];

  const existing = store.get(id);
  // Unchanged: kept, its MDX module registered again for this build. Notes with images are
  // stored again, which registers their images (the store has no public call for that alone).
  if (existing?.digest === digest && !existing.assetImports?.length) {
    if (existing.deferredRender && existing.filePath) store.addModuleImport(existing.filePath);
    return;
  }
  if (existing) store.delete(id);
  const parsedData = await context.parseData({ id, data, filePath: file });
  const notes = body.trim() ? body : undefined;
  if (notes === undefined) {
    store.set({ id, data: parsedData, filePath, digest });
  } else if (file.endsWith('.mdx') && data.mdx === true) {
    store.set({ id, data: parsedData, body: notes, filePath, digest, deferredRender: true });
  } else {
    const rendered = await context.renderMarkdown(notes, { fileURL: new URL(filePath, config.root) });
    store.set({ id, data: parsedData, body: notes, filePath, digest, rendered, assetImports: rendered.metadata?.imagePaths });
  }
}

/** Records that `file` holds the entry `id`; two files claiming one id fail the build. */
function claimId(id: string, file: string, ids: Map<string, string>, untouched: Set<string>): void {
  const other = ids.get(id);
  if (other !== undefined) {
    throw new AstroError(
      formatPermalinkConflicts([{ segment: id, claims: [other, file].map((claim) => ({ file: claim, as: 'slug' as const })) }]),
      'Give one of the papers another slug (keep the old one in `aliases` if it was published).',
    );
  }
  ids.set(id, file);
  untouched.delete(id);
}
