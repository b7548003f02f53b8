/**
 * Open Graph cards (the 1200x630 image a chat client shows under a pasted link): what a card
 * says and the hash of it that names its cached PNG. Layout is in ./layout.ts, pixels in
 * ./raster.ts and ./png.ts; fonts and glyph shapes in src/integrations/og-render.ts.
 */
import { createHash } from 'node:crypto';

export const OG_WIDTH = 1200;
export const OG_HEIGHT = 630;

/**
 * Bump when the layout, fonts or renderer change: every cached image is then regenerated.
 * 2: own glyph renderer and indexed PNG instead of Satori + resvg.
 */
export const OG_DESIGN_VERSION = 2;

/** Everything a card shows; all text is plain (math already readable, e.g. "PixArt-α"). */
export interface OgCard {
  /** What the page is, shown above the title: "Paper", "Theme", "Weekly digest". */
  readonly kicker: string;
  readonly title: string;
  /** Theme names shown as chips (at most four are shown). */
  readonly themes: readonly string[];
  /** One short line under the title, e.g. "Published Dec 1, 2023 · 7 authors"; may be empty. */
  readonly detail: string;
  readonly siteName: string;
}

/**
 * Hex SHA-256 of everything the card shows and the design version: equal cards share one
 * image; a changed title, theme or design makes a new one.
 */
export function ogCardHash(card: OgCard): string {
  const { kicker, title, themes, detail, siteName } = card;
  return createHash('sha256').update(JSON.stringify([OG_DESIGN_VERSION, kicker, title, themes, detail, siteName])).digest('hex');
}
