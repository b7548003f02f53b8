/**
 * Digest intros and reading sessions live in optional folders (`content/digests/`,
 * `content/sessions/`): a group may keep neither. Without the folder, Astro's glob loader and
 * `getCollection` each printed a warning on every build ("does not exist or is empty. Please
 * check your content config file for errors"), which reads like a broken site; a missing folder
 * now simply means no entries.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { glob, type Loader } from 'astro/loaders';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { lecternConfig } from '../config.ts';
import { keyedByFolder } from './papers-loader.ts';

/** Collections whose folder a content folder may lack: digest intros and reading sessions. */
export type OptionalCollection = 'digests' | 'sessions';

/** Where an optional collection's files live: `<content>/<collection>/`. */
export const optionalFolder = (contentDir: string, collection: OptionalCollection): string => join(contentDir, collection);

/**
 * The Markdown and MDX entries of an optional collection, keyed by file stem. A missing folder
 * holds no entries: Astro's glob loader would warn on every build ({@link optionalEntries}
 * reads them back the same way).
 */
export function optionalEntriesLoader(contentDir: string, collection: OptionalCollection): Loader {
  const folder = optionalFolder(contentDir, collection);
  const loader = keyedByFolder(glob({ pattern: '*.{md,mdx}', base: folder }), folder);
  return {
    ...loader,
    load: async (context) => {
      if (existsSync(folder)) await loader.load(context);
      else context.store.clear();
    },
  };
}

/** The entries of an optional collection; none, without a warning, when its folder does not exist. */
export async function optionalEntries<C extends OptionalCollection>(collection: C): Promise<CollectionEntry<C>[]> {
  return existsSync(optionalFolder(lecternConfig().contentDir, collection)) ? getCollection(collection) : [];
}
