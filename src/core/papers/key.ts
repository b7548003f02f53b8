/**
 * The dedupe key: two listing records are the same paper when their titles' keys are equal.
 * The key is the clean title (so `Nystr\"om` and `Nyström` agree) folded to lower-case letters
 * and digits without accents, TeX markup, punctuation or spacing.
 */
import { normalizeText } from '../normalize/index.ts';
import { spellGreek } from './slug.ts';

export function dedupeKey(titleRaw: string, normalize: (raw: string) => string = normalizeText): string {
  return keyOfCleanTitle(normalize(titleRaw));
}

/**
 * The dedupe key of an already normalized title (saves normalizing it twice). A title without
 * letters or digits (`🤗`, `★★★`) would fold to nothing and merge with every other such title,
 * so it is its own key: its exact text, spacing aside, marked so no folded key can equal it.
 */
export function keyOfCleanTitle(title: string): string {
  const folded = spellGreek(title.normalize('NFKD').replace(/\p{M}+/gu, ''))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
  return folded || `=${title.trim().replace(/\s+/g, ' ')}`;
}
