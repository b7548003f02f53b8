/**
 * Digest intros and reading sessions live in optional folders (`content/digests/`,
 * `content/sessions/`): a group may keep neither. Without the folder, Astro's glob loader and
 * `getCollection` each printed a warning on every build ("does not exist or is empty. Please
 * check your content config file for errors"), which reads like a broken site; a missing folder
 * now simply means no entries.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { existsSync } from 'node:fs';
import { lecternConfig } from '../config.ts';
import { optionalFolder, type OptionalCollection } from './papers-loader.ts';

/** The entries of an optional collection; none, without a warning, when its folder does not exist. */
export async function optionalEntries<C extends OptionalCollection>(collection: C): Promise<CollectionEntry<C>[]> {
  return existsSync(optionalFolder(lecternConfig().contentDir, collection)) ? getCollection(collection) : [];
}
