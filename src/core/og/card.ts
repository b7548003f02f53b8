/**
 * Open Graph cards (the 1200x630 image a chat client shows under a pasted link): what a card
 * says, its layout as a Satori element tree, and the hash of its inputs that names its cached
 * PNG. Pure: rendering to PNG (fonts, Satori, resvg) happens in src/integrations/og-images.ts.
 */
import { createHash } from 'node:crypto';

export const OG_WIDTH = 1200;
export const OG_HEIGHT = 630;

/**
 * Bump when the fonts or the renderer change (layout changes already change every card's
 * hash): every cached image is then regenerated.
 */
export const OG_DESIGN_VERSION = 1;

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

/** A Satori element: the same shape as a React element, without React. */
export interface OgNode {
  type: string;
  props: { style?: Record<string, string | number>; children?: string | OgNode | Array<string | OgNode> };
}

/** The font families the renderer registers (see the integration); fallbacks carry Greek and math symbols. */
export const OG_FONT_FAMILY = 'Inter, Inter Latin Ext, Inter Greek, KaTeX Main, KaTeX AMS, KaTeX Size1';

const PAD_X = 72;
const PAD_Y = 64;

/** Text longer than this is cut at a word boundary with "…" (the title is also line-clamped). */
const TITLE_MAX_CHARS = 160;

function node(type: string, style: Record<string, string | number>, children?: OgNode['props']['children']): OgNode {
  return { type, props: { style, ...(children === undefined ? {} : { children }) } };
}

function clampText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/u, '')}…`;
}

/** Bigger type for shorter titles, so a short title fills the card and a long one still fits. */
export function titleFontSize(title: string): number {
  if (title.length <= 50) return 72;
  if (title.length <= 90) return 60;
  if (title.length <= 130) return 52;
  return 46;
}

/** The card's element tree for Satori, 1200x630. */
export function ogCardTree(card: OgCard): OgNode {
  const title = clampText(card.title.replace(/\s+/g, ' ').trim(), TITLE_MAX_CHARS);
  const chips = card.themes.slice(0, 4).map((name) =>
    node('div', { padding: '6px 18px', borderRadius: 999, border: '2px solid #5eead4', color: '#ccfbf1', fontSize: 26, whiteSpace: 'nowrap' }, name),
  );
  return node(
    'div',
    {
      // Satori sizes boxes without their padding (content-box): content size + padding = canvas.
      width: OG_WIDTH - 2 * PAD_X,
      height: OG_HEIGHT - 2 * PAD_Y,
      display: 'flex',
      flexDirection: 'column',
      justifyContent: 'space-between',
      padding: `${PAD_Y}px ${PAD_X}px`,
      background: '#0f172a',
      color: '#f8fafc',
      fontFamily: OG_FONT_FAMILY,
    },
    [
      node('div', { display: 'flex', fontSize: 30, color: '#5eead4', fontWeight: 700, letterSpacing: 1 }, card.kicker.toUpperCase()),
      node('div', { display: 'flex', flexDirection: 'column', gap: 24 }, [
        node(
          'div',
          { display: 'block', fontSize: titleFontSize(title), fontWeight: 700, lineHeight: 1.15, lineClamp: 4, maxWidth: OG_WIDTH - 2 * PAD_X },
          title,
        ),
        ...(card.detail ? [node('div', { display: 'flex', fontSize: 30, color: '#cbd5e1' }, clampText(card.detail, 70))] : []),
      ]),
      // Chips wrap onto a second row rather than squeeze; the site name keeps its place.
      node('div', { display: 'flex', justifyContent: 'space-between', alignItems: 'flex-end', gap: 24 }, [
        node('div', { display: 'flex', flexWrap: 'wrap', gap: 12, flexShrink: 1 }, chips),
        node('div', { display: 'flex', flexShrink: 0, fontSize: 34, fontWeight: 700, color: '#e2e8f0' }, card.siteName),
      ]),
    ],
  );
}

/**
 * Hex SHA-256 of the card's element tree (its text and its layout) and the design version:
 * equal cards share one image; a changed title, theme or layout makes a new one.
 */
export function ogCardHash(card: OgCard): string {
  return createHash('sha256').update(JSON.stringify([OG_DESIGN_VERSION, ogCardTree(card)])).digest('hex');
}
