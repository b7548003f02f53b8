/**
 * Slugs: the permanent URL segment and file name of a paper, `content/papers/<slug>.mdx`.
 * Derived once from the clean title when a paper is first imported and never recomputed:
 * the importer keeps the slug a file already has, whatever the title becomes later.
 */
import slugify from '@sindresorhus/slugify';
import { SLUG_PATTERN } from './schema.ts';

/** Longest slug base; a collision suffix (`-2`) may add a few characters (schema max: 100). */
export const SLUG_MAX_LENGTH = 60;

/** Greek letters are common in titles ("PixArt-α"); spell them out instead of transliterating to one Latin letter. */
const GREEK: ReadonlyArray<[string, string]> = (
  [
    ['α', 'alpha'], ['β', 'beta'], ['γ', 'gamma'], ['δ', 'delta'], ['ε', 'epsilon'], ['ζ', 'zeta'],
    ['η', 'eta'], ['θ', 'theta'], ['κ', 'kappa'], ['λ', 'lambda'], ['μ', 'mu'], ['ν', 'nu'],
    ['ξ', 'xi'], ['π', 'pi'], ['ρ', 'rho'], ['σ', 'sigma'], ['τ', 'tau'], ['φ', 'phi'],
    ['χ', 'chi'], ['ψ', 'psi'], ['ω', 'omega'],
  ] as Array<[string, string]>
).flatMap(([letter, name]) => [
  [letter, ` ${name} `],
  [letter.toUpperCase(), ` ${name} `],
]);

const GREEK_NAMES = new Map(GREEK);
const GREEK_LETTER = /[\u0370-\u03ff]/;
const GREEK_LETTERS = /[\u0370-\u03ff]/g;

/** Greek letters spelled out (`α` -> ` alpha `), for slugs and dedupe keys. */
export function spellGreek(text: string): string {
  return GREEK_LETTER.test(text) ? text.replace(GREEK_LETTERS, (letter) => GREEK_NAMES.get(letter) ?? letter) : text;
}

/** A readable ASCII slug for a title (without collision handling). Never empty. */
export function slugBase(title: string): string {
  // TeX commands keep their name (`$\alpha$` -> alpha); math delimiters and braces go.
  const plain = title.replace(/\\([A-Za-z]+)/g, ' $1 ').replace(/[\\${}^_]/g, ' ');
  // Spelled out here rather than as slugify's customReplacements, which rebuilds its tables per call.
  let slug = slugify(spellGreek(plain), { decamelize: false });
  if (slug.length > SLUG_MAX_LENGTH) {
    const cut = slug.slice(0, SLUG_MAX_LENGTH + 1);
    const lastHyphen = cut.lastIndexOf('-');
    slug = lastHyphen > 0 ? cut.slice(0, lastHyphen) : slug.slice(0, SLUG_MAX_LENGTH);
  }
  slug = slug.replace(/-+$/, '');
  return SLUG_PATTERN.test(slug) ? slug : 'paper';
}

/** The next suffix to try per base, per `taken` set: keeps many papers with one base linear. */
const nextSuffix = new WeakMap<Set<string>, Map<string, number>>();

/**
 * The first of `base`, `base-2`, `base-3`, ... not in `taken` (slugs and aliases already in
 * use); adds the result to `taken`. Deterministic: the same order of calls gives the same slugs.
 */
export function uniqueSlug(base: string, taken: Set<string>): string {
  let counters = nextSuffix.get(taken);
  if (!counters) nextSuffix.set(taken, (counters = new Map()));
  let n = counters.get(base) ?? 2;
  let slug = base;
  while (taken.has(slug)) slug = `${base}-${n++}`;
  counters.set(base, n);
  taken.add(slug);
  return slug;
}
