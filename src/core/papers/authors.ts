/**
 * Author names as people read them (list rows) and as bibliographies want them (BibTeX, CSL,
 * `citation_author` meta tags).
 *
 * Names arrive as the source wrote them, usually "Given Family" ("Tri Dao"), sometimes already
 * "Family, Given" (a BibTeX export), sometimes an organisation ("Qwen Team", "DeepSeek-AI").
 * Hand-written rather than @citation-js/name: that parser turns "Di Jin" and "Da Ju" (common
 * in ML author lists) into unsplit literals because "di"/"da" are particles, and puts "Jr."
 * into the family of "Martin Luther King Jr.". The rules here follow BibTeX's own (the family
 * starts at the first lower-case particle; the first word is always given), which never
 * mistakes a capitalised given or family name for a particle.
 */
import type { PaperFrontmatter } from './schema.ts';
import { plural } from '../text.ts';

/** The name's parts. `family` is never empty for a non-empty name; `given` may be. */
export interface NameParts {
  given: string;
  /** Includes particles, as BibTeX's "von Last" part does: "van der Berg". */
  family: string;
  /** "Jr.", "III": present only when the name has one. */
  suffix?: string;
}

/** Lower-case particles that start a family name when they follow a given name. */
const PARTICLES = new Set([
  'van', 'von', 'der', 'den', 'de', 'del', 'della', 'dei', 'degli', 'di', 'da', 'das', 'dos', 'do',
  'du', 'des', 'le', 'la', 'les', 'ter', 'ten', 'zu', 'zum', 'zur', 'af', 'av', 'bin', 'ibn', 'al', 'el', "d'", "l'",
]);

/**
 * Capitalised forms taken as particles too ("Jan Van Dijk", "Carlo C Del Mundo", "Renee St.
 * Amant"). Deliberately short: "Da", "Di", "Du", "Le", "De" are also Chinese and Vietnamese given
 * and family names ("Richard Yi Da Xu", "Du Li"), so they count only in lower case.
 */
const CAPITALISED_PARTICLES = new Set(['Van', 'Von', 'Ter', 'Ten', 'Del', 'Della', 'Dos', 'St.']);

const SUFFIX = /^(?:Jr\.?|Sr\.?|II|III|IV)$/;

/**
 * Words that mark an organisation rather than a person ("Qwen Team", "Mistral AI",
 * "Allen Institute for AI"): such a name is all family, with no given part to split off.
 */
const ORGANISATION_WORD =
  /^(?:AI|Team|Teams|Lab|Labs|Laboratory|Laboratories|Inc\.?|Ltd\.?|LLC|Corp\.?|Corporation|Company|University|Institute|Research|Group|Foundation|Consortium|Collaboration|Project|Community|Initiative|Organization|Organisation|Academy|Center|Centre|DeepMind)$/;

function words(name: string): string[] {
  return name.trim().split(/\s+/u).filter(Boolean);
}

/** True when the name reads as an organisation or a group, not a person. */
export function isOrganisation(name: string): boolean {
  const parts = words(name);
  return parts.some((word) => ORGANISATION_WORD.test(word)) || /[-–](?:AI|Team|Labs?)$/.test(name.trim());
}

/**
 * Vietnamese family names: "Van" before one of them is a middle name ("Chien Van Nguyen",
 * Văn), not the Dutch particle ("Jan Van Dijk").
 */
const VIETNAMESE_FAMILY = new Set(['Nguyen', 'Tran', 'Le', 'Pham', 'Hoang', 'Huynh', 'Phan', 'Vu', 'Vo', 'Dang', 'Bui', 'Do', 'Ho', 'Ngo', 'Duong', 'Ly', 'Truong', 'Dinh', 'Trinh', 'Mai', 'Lam']);

/** Whether `tokens[i]` starts the family name. */
function isParticle(tokens: readonly string[], i: number): boolean {
  const word = tokens[i]!;
  if (word === 'Van' && i === tokens.length - 2 && VIETNAMESE_FAMILY.has(tokens[i + 1]!)) return false;
  return PARTICLES.has(word) || CAPITALISED_PARTICLES.has(word);
}

/** "Family, Given", "Family, Suffix, Given" or "Given Family, Suffix". */
function splitCommaForm(parts: string[]): NameParts {
  const [first, second, ...rest] = parts.map((part) => part.trim());
  if (rest.length > 0 && SUFFIX.test(second!)) {
    return withSuffix({ given: rest.join(', '), family: first! }, second!);
  }
  if (rest.length === 0 && SUFFIX.test(second!)) {
    const { given, family } = splitWords(words(first!));
    return withSuffix({ given, family }, second!);
  }
  return { given: [second, ...rest].filter(Boolean).join(', '), family: first! };
}

function withSuffix(parts: NameParts, suffix: string | undefined): NameParts {
  return suffix ? { ...parts, suffix } : parts;
}

function splitWords(tokens: string[]): NameParts {
  let suffix: string | undefined;
  if (tokens.length > 2 && SUFFIX.test(tokens.at(-1)!)) suffix = tokens.pop();
  if (tokens.length === 1) return withSuffix({ given: '', family: tokens[0]! }, suffix);
  // The family starts at the first particle after the first word, else it is the last word.
  let start = tokens.length - 1;
  for (let i = 1; i < tokens.length - 1; i += 1) {
    if (isParticle(tokens, i)) {
      start = i;
      break;
    }
  }
  return withSuffix({ given: tokens.slice(0, start).join(' '), family: tokens.slice(start).join(' ') }, suffix);
}

/**
 * Splits a name into given and family parts: "Jan van der Berg" -> { given: "Jan", family:
 * "van der Berg" }; "Martin Luther King Jr." -> suffix "Jr."; "Dao, Tri" -> { given: "Tri",
 * family: "Dao" }; a single word or an organisation ("OpenAI", "Qwen Team") is all family.
 */
export function splitName(name: string): NameParts {
  const collapsed = words(name).join(' ');
  if (collapsed === '') return { given: '', family: '' };
  if (isOrganisation(collapsed)) return { given: '', family: collapsed };
  const commaParts = collapsed.split(',');
  if (commaParts.length > 1 && commaParts.every((part) => part.trim() !== '')) return splitCommaForm(commaParts);
  return splitWords(words(collapsed));
}

/**
 * The first authors for a list row: "Tri Dao", "Tri Dao and Dan Fu", "Tri Dao, Dan Fu and
 * Stefano Ermon", and beyond `max` "Tri Dao, Dan Fu, Stefano Ermon et al.". Empty for no names.
 */
export function firstAuthors(names: readonly string[], max = 3): string {
  const shown = names.map((name) => words(name).join(' ')).filter(Boolean);
  const limit = Math.max(1, Math.floor(max));
  if (shown.length > limit) return `${shown.slice(0, limit).join(', ')} et al.`;
  if (shown.length <= 1) return shown[0] ?? '';
  return `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

/** What the sources said about who wrote a paper (the frontmatter's `authors`). */
export type AuthorsInfo = Readonly<PaperFrontmatter['authors']>;

/**
 * Who wrote a paper, for list rows and cards: the first three authors by name ("Tri Dao, Dan Fu
 * and Stefano Ermon", "… et al."); without names, the listing's count ("7 authors") or
 * organisation ("Apple"); null when nothing is known.
 */
export function shortAuthors(authors: AuthorsInfo): string | null {
  if (authors.names.length > 0) return firstAuthors(authors.names);
  if (authors.count !== null) return plural(authors.count, 'author');
  return authors.attribution?.name ?? null;
}
