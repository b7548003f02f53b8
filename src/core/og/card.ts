/**
 * Open Graph cards (the 1200x630 image a chat client shows under a pasted link): what a card
 * says, the job that puts it into the output, and the hash of it that names its cached PNG.
 * The node tree a renderer draws is in ./layout.ts; fonts and pixels in
 * src/integrations/og-render.ts.
 */
import { createHash } from 'node:crypto';

export const OG_WIDTH = 1200;
export const OG_HEIGHT = 630;

/**
 * Bump when the layout changes: every cached image is then regenerated. Renderer and font
 * versions are part of the hash too (`renderer` in `ogCardHash`).
 * 3: @takumi-rs/core with Inter, DejaVu Sans, Noto Emoji and Noto Sans SC (fonts added since
 * change the renderer version, so they need no bump).
 */
export const OG_DESIGN_VERSION = 3;

/** Everything a card shows; all text is plain (math already readable, e.g. "PixArt-α"). */
export interface OgCard {
  /** What the page is, shown above the title: "Paper", "Theme", "Weekly digest". */
  readonly kicker: string;
  readonly title: string;
  /** Theme names shown as chips (at most four are shown). */
  readonly themes: readonly string[];
  /** One short line under the title, e.g. "Tri Dao, Dan Fu et al. · Published Dec 1, 2023"; may be empty. */
  readonly detail: string;
  readonly siteName: string;
}

/** One image the site links to. */
export interface OgJob {
  /** Where the PNG goes, relative to the output folder: `og/papers/<slug>.png`. */
  readonly file: string;
  readonly card: OgCard;
  /** The file a person edits to change the card (a paper's .mdx), for build warnings; absent for cards made of several files. */
  readonly source?: string;
}

/** Who wrote a paper, as its card says it (the same words as list rows). */
export { shortAuthors as cardAuthors } from '../papers/authors.ts';

/** All text a card shows (for font coverage checks). */
export function cardText(card: OgCard): string {
  return [card.kicker.toUpperCase(), card.title, ...card.themes, card.detail, card.siteName].join(' ');
}

/**
 * Hex SHA-256 of everything the card shows, the design version and `renderer` (the renderer's
 * and fonts' package versions): equal cards share one image; a changed title, theme, design,
 * renderer or font makes a new one.
 */
export function ogCardHash(card: OgCard, renderer: string): string {
  const { kicker, title, themes, detail, siteName } = card;
  return createHash('sha256').update(JSON.stringify([OG_DESIGN_VERSION, renderer, kicker, title, themes, detail, siteName])).digest('hex');
}
