/**
 * Related papers of the build: TF-IDF neighbours of every paper (src/core/related), computed once
 * from the memoised catalog and shared by all paper pages, and kept in Astro's cache folder for
 * the next build, which reuses them when no title or abstract changed (src/io/related-cache.ts).
 */
import { join } from 'node:path';
import type { Neighbour } from '../core/related/index.ts';
import { lecternConfig } from '../config.ts';
import { cachedRelatedDocuments, RELATED_CACHE } from '../io/related-cache.ts';
import { getCatalog, type PaperView } from './catalog.ts';


/** How many related papers a paper page lists. */
export const RELATED_COUNT = 5;

let related: Promise<Map<string, Neighbour[]>> | undefined;

function load(): Promise<Map<string, Neighbour[]>> {
  related ??= getCatalog().then(({ papers }) =>
    cachedRelatedDocuments(
      join(lecternConfig().astroCacheDir, RELATED_CACHE),
      papers.map((paper) => ({ id: paper.slug, title: paper.titleText, abstract: paper.abstractText })),
      { k: RELATED_COUNT },
    ),
  );
  return related;
}

/** Up to five papers related to `slug`, most similar first. */
export async function getRelatedPapers(slug: string): Promise<PaperView[]> {
  const [neighbours, { bySlug }] = await Promise.all([load(), getCatalog()]);
  return (neighbours.get(slug) ?? []).map((n) => bySlug.get(n.id)!);
}
