/**
 * The one collection load of the build. Every route goes through here so the collection is
 * read and sorted once, not once per page (DESIGN.md §3).
 */
import { getCollection, type CollectionEntry } from 'astro:content';

export type PaperEntry = CollectionEntry<'papers'>;

let papers: Promise<PaperEntry[]> | undefined;

/** All papers, newest addition first, then by title. */
export function getPapers(): Promise<PaperEntry[]> {
  papers ??= getCollection('papers').then((entries) =>
    entries.sort(
      (a, b) => b.data.added.localeCompare(a.data.added) || a.data.title.localeCompare(b.data.title),
    ),
  );
  return papers;
}
