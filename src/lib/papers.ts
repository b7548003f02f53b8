/**
 * The one collection load of the build. Every route goes through here so the collection is
 * read and sorted once, not once per page (DESIGN.md §3).
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { assertPermalinks } from '../core/permalinks/index.ts';

export type PaperEntry = CollectionEntry<'papers'>;

let papers: Promise<PaperEntry[]> | undefined;

/** All papers, newest addition first, then by title. */
export function getPapers(): Promise<PaperEntry[]> {
  papers ??= getCollection('papers').then((entries) => {
    // Fails the build when two papers claim one URL (slug or alias); see src/core/permalinks.
    assertPermalinks(entries.map(({ data, filePath, id }) => ({ ...data, file: filePath ?? id })));
    return entries.sort(
      (a, b) => b.data.added.localeCompare(a.data.added) || a.data.title.localeCompare(b.data.title),
    );
  });
  return papers;
}
