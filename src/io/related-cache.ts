/**
 * Related papers kept between builds: TF-IDF over every title and abstract took 4-10 s of a
 * 10,000-paper build, and a rebuild in which no title or abstract changed gets exactly the same
 * lists. The result is stored with a hash of everything it was computed from (the documents,
 * the options and the code, `RELATED_CODE`); any difference computes it again. A missing or
 * unreadable file is only a miss.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cacheKeyOf } from '../core/build/cache-key.ts';
import { RELATED_CODE, relatedDocuments, type Neighbour, type RelatedDocument, type RelatedOptions } from '../core/related/index.ts';
import { writeFileAtomic } from './atomic.ts';

/** The last build's related papers, in Astro's cache folder (`npm run build -- --force` deletes it). */
export const RELATED_CACHE = 'lectern-related.json';

interface CachedRelated {
  key: string;
  neighbours: Record<string, Neighbour[]>;
}

/** `relatedDocuments(documents, options)`, read from `cacheFile` when it holds the result for exactly these inputs. */
export function cachedRelatedDocuments(cacheFile: string, documents: readonly RelatedDocument[], options: RelatedOptions, compute = relatedDocuments): Map<string, Neighbour[]> {
  const key = cacheKeyOf('related', RELATED_CODE, options, documents.map(({ id, title, abstract }) => [id, title, abstract]));
  if (existsSync(cacheFile)) {
    try {
      const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as CachedRelated;
      if (cached.key === key) return new Map(Object.entries(cached.neighbours));
    } catch {
      // computed again below
    }
  }
  const neighbours = compute(documents, options);
  writeFileAtomic(cacheFile, JSON.stringify({ key, neighbours: Object.fromEntries(neighbours) } satisfies CachedRelated));
  return neighbours;
}
