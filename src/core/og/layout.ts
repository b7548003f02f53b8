/**
 * Where everything on an Open Graph card goes, as a node tree with CSS (flexbox) that the
 * renderer (@takumi-rs/core, src/integrations/og-render.ts) lays out, shapes, wraps and draws:
 * the kicker at the top, the title (wrapped, cut with "…" after as many lines as fit, at most
 * four) and a detail line in the middle, theme chips and the site name at the bottom. Pure:
 * fonts are the renderer's.
 */
import type { Node } from '@takumi-rs/core';
import { OG_HEIGHT, OG_WIDTH, type OgCard } from './card.ts';

export const OG_COLORS = {
  background: '#0f172a',
  title: '#f8fafc',
  accent: '#5eead4',
  detail: '#cbd5e1',
  chip: '#ccfbf1',
  site: '#e2e8f0',
} as const;

/**
 * Font families in fallback order: Inter for Latin, Greek, Cyrillic and Vietnamese, DejaVu Sans
 * for math and symbols (ℝ, ₁, ⁻), Noto Emoji, Noto Sans Thai, Devanagari and Tamil, Noto Sans
 * SC for Chinese and Japanese, Noto Sans KR for Korean Hangul. The Indic and Thai fonts come
 * before the CJK ones, whose subsets hold a few of their letters: a word is drawn in one font.
 * The renderer registers them under these names.
 */
export const OG_FONT_FAMILIES = ['Inter', 'DejaVu Sans', 'Noto Emoji', 'Noto Sans Thai', 'Noto Sans Devanagari', 'Noto Sans Tamil', 'Noto Sans SC', 'Noto Sans KR'] as const;
export const OG_FONT_STACK = OG_FONT_FAMILIES.map((family) => `"${family}"`).join(', ');

export const PAD_X = 72;
export const PAD_Y = 64;
const TITLE_MAX_LINES = 4;
const TITLE_LINE_HEIGHT = 1.15;
const LINE_HEIGHT = 1.2;
const KICKER_SIZE = 30;
const DETAIL_SIZE = 30;
const GAP = 24;
/** Theme chips: at most four, in at most two rows (a chip that fits in neither is left out). */
const CHIP = { size: 26, padX: 18, padY: 6, stroke: 2, gap: 12, max: 4, rows: 2 } as const;
const CHIP_HEIGHT = CHIP.size * LINE_HEIGHT + 2 * (CHIP.padY + CHIP.stroke);
const SITE_SIZE = 34;

/** Bigger type for shorter titles, so a short title fills the card and a long one still fits. */
export function titleFontSize(title: string): number {
  if (title.length <= 50) return 72;
  if (title.length <= 90) return 60;
  if (title.length <= 130) return 52;
  return 46;
}

/** The theme names shown as chips: the first four that are not blank. */
const chipLabels = (card: OgCard): string[] => card.themes.filter((name) => name.trim()).slice(0, CHIP.max);

/**
 * Title lines that fit between the kicker and the bottom row, at most four. Chips may take two
 * rows once there are two themes (the renderer decides the wrap), so that much room is kept.
 */
export function titleMaxLines(card: OgCard, titleSize: number): number {
  const chipRows = Math.min(CHIP.rows, chipLabels(card).length);
  const chips = chipRows ? chipRows * CHIP_HEIGHT + (chipRows - 1) * CHIP.gap : 0;
  const bottom = Math.max(SITE_SIZE * LINE_HEIGHT, chips);
  const detail = card.detail.trim() ? GAP + DETAIL_SIZE * LINE_HEIGHT : 0;
  const middle = OG_HEIGHT - 2 * PAD_Y - KICKER_SIZE * LINE_HEIGHT - bottom - 2 * GAP - detail;
  return Math.max(1, Math.min(TITLE_MAX_LINES, Math.floor(middle / (titleSize * TITLE_LINE_HEIGHT))));
}

/** One line of text, cut with "…" when it is wider than its box. */
const oneLine = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' } as const;

/** A text node, or none for text that shows nothing (the renderer lays out no box for it). */
function text(value: string, style: Record<string, unknown>): Node[] {
  const shown = value.replace(/\s+/g, ' ').trim();
  return shown ? [{ type: 'text', text: shown, style }] : [];
}

/** The card's node tree for a 1200x630 image. */
export function cardTree(card: OgCard): Node {
  const title = card.title.replace(/\s+/g, ' ').trim();
  const titleSize = titleFontSize(title);
  // A chip is a box with a one-line label in it: a label too long for a row is cut with "…".
  const chips = chipLabels(card).map(
    (name): Node => ({
      type: 'container',
      style: {
        display: 'flex',
        maxWidth: '100%',
        padding: `${CHIP.padY}px ${CHIP.padX}px`,
        border: `${CHIP.stroke}px solid ${OG_COLORS.accent}`,
        borderRadius: CHIP_HEIGHT / 2,
      },
      children: text(name, { ...oneLine, minWidth: 0, fontSize: CHIP.size, lineHeight: LINE_HEIGHT, color: OG_COLORS.chip }),
    }),
  );
  return {
    type: 'container',
    style: {
      width: OG_WIDTH,
      height: OG_HEIGHT,
      display: 'flex',
      flexDirection: 'column',
      padding: `${PAD_Y}px ${PAD_X}px`,
      backgroundColor: OG_COLORS.background,
      fontFamily: OG_FONT_STACK,
      lineHeight: LINE_HEIGHT,
    },
    children: [
      ...text(card.kicker.toUpperCase(), { ...oneLine, flexShrink: 0, fontSize: KICKER_SIZE, fontWeight: 700, color: OG_COLORS.accent }),
      {
        type: 'container',
        style: { flexGrow: 1, minHeight: 0, display: 'flex', flexDirection: 'column', justifyContent: 'center', gap: GAP, margin: `${GAP}px 0` },
        children: [
          ...text(title, {
            fontSize: titleSize,
            fontWeight: 700,
            lineHeight: TITLE_LINE_HEIGHT,
            color: OG_COLORS.title,
            lineClamp: titleMaxLines(card, titleSize),
            textOverflow: 'ellipsis',
            // A word wider than the card (a long formula or URL) breaks between characters.
            overflowWrap: 'anywhere',
          }),
          ...text(card.detail, { ...oneLine, flexShrink: 0, fontSize: DETAIL_SIZE, color: OG_COLORS.detail }),
        ],
      },
      {
        type: 'container',
        style: { flexShrink: 0, display: 'flex', alignItems: 'flex-end', justifyContent: 'space-between', gap: GAP },
        children: [
          {
            type: 'container',
            style: {
              flexShrink: 1,
              minWidth: 0,
              display: 'flex',
              flexWrap: 'wrap',
              gap: CHIP.gap,
              maxHeight: CHIP.rows * CHIP_HEIGHT + (CHIP.rows - 1) * CHIP.gap,
              overflow: 'hidden',
            },
            children: chips,
          },
          ...text(card.siteName, { ...oneLine, flexShrink: 0, maxWidth: '50%', fontSize: SITE_SIZE, fontWeight: 700, color: OG_COLORS.site }),
        ],
      },
    ],
  };
}
