/**
 * Where everything on an Open Graph card goes: kicker at the top, the title (wrapped, at most
 * four lines, cut with "…") and a detail line in the middle, theme chips and the site name at
 * the bottom. Pure: text is measured through `TextMetrics`, so the fonts stay with the renderer
 * (src/integrations/og-render.ts) and tests can lay out with any metrics.
 */
import { OG_HEIGHT, OG_WIDTH, type OgCard } from './card.ts';

export type FontWeight = 400 | 700;

/** Colours a card uses; the renderer's palette is built from these (index = position). */
export const OG_COLORS = {
  background: '#0f172a',
  title: '#f8fafc',
  accent: '#5eead4',
  detail: '#cbd5e1',
  chip: '#ccfbf1',
  site: '#e2e8f0',
} as const;

/** A colour a mark can have (the background is not one). */
export type OgInk = Exclude<keyof typeof OG_COLORS, 'background'>;

export interface TextMetrics {
  /** Advance width in pixels of `text` set at `size` px. */
  width(text: string, size: number, weight: FontWeight): number;
  /** Ascent and descent of the font as fractions of the font size (both positive). */
  readonly ascent: number;
  readonly descent: number;
}

export type DrawOp =
  | { kind: 'text'; text: string; x: number; baseline: number; size: number; weight: FontWeight; ink: OgInk }
  /** A rounded-rectangle outline with fully round ends (a "chip"). */
  | { kind: 'pill'; x: number; y: number; width: number; height: number; stroke: number; ink: OgInk };

export const PAD_X = 72;
export const PAD_Y = 64;
const CONTENT_WIDTH = OG_WIDTH - 2 * PAD_X;
const TITLE_MAX_LINES = 4;
const TITLE_LINE_HEIGHT = 1.15;
const LINE_HEIGHT = 1.2;
const KICKER_SIZE = 30;
const DETAIL_SIZE = 30;
const MIDDLE_GAP = 24;
/** Theme chips: at most four, in at most two rows (a chip that fits in neither is left out). */
const CHIP = { size: 26, padX: 18, padY: 6, stroke: 2, gap: 12, max: 4, rows: 2 } as const;
const SITE_SIZE = 34;
const ELLIPSIS = '…';

/** Bigger type for shorter titles, so a short title fills the card and a long one still fits. */
export function titleFontSize(title: string): number {
  if (title.length <= 50) return 72;
  if (title.length <= 90) return 60;
  if (title.length <= 130) return 52;
  return 46;
}

/** `text` cut at a word boundary (if one is near) and ended with "…" so it fits `maxWidth`. */
export function fitWithEllipsis(text: string, maxWidth: number, fits: (text: string) => boolean): string {
  if (fits(text)) return text;
  let cut = text;
  while (cut.length > 0) {
    const space = cut.lastIndexOf(' ');
    // Drop a word at a time while whole words remain, then characters.
    cut = space > cut.length / 2 ? cut.slice(0, space) : [...cut].slice(0, -1).join('');
    const candidate = `${cut.replace(/[\s,;:.-]+$/u, '')}${ELLIPSIS}`;
    if (fits(candidate)) return candidate;
  }
  return maxWidth > 0 ? ELLIPSIS : '';
}

/** `word` split between characters into pieces that each fit (a piece is at least one character). */
function splitWord(word: string, fits: (text: string) => boolean): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const char of word) {
    if (piece && !fits(piece + char)) {
      pieces.push(piece);
      piece = '';
    }
    piece += char;
  }
  return piece ? [...pieces, piece] : pieces;
}

/**
 * Greedy word wrap into at most `maxLines` lines no wider than `maxWidth`; a word wider than a
 * line is split between characters; text past the last line is cut with "…".
 */
export function wrapText(text: string, maxWidth: number, maxLines: number, measure: (text: string) => number): string[] {
  const fits = (line: string) => measure(line) <= maxWidth;
  const lines: string[] = [];
  let line = '';
  const words = text.split(' ').filter(Boolean).flatMap((word) => (fits(word) ? [word] : splitWord(word, fits)));
  for (let i = 0; i < words.length; i++) {
    const joined = line ? `${line} ${words[i]!}` : words[i]!;
    if (!line || fits(joined)) {
      line = joined;
      continue;
    }
    if (lines.length === maxLines - 1) {
      lines.push(fitWithEllipsis(`${line} ${words.slice(i).join(' ')}`, maxWidth, fits));
      return lines;
    }
    lines.push(line);
    line = words[i]!;
  }
  if (line) lines.push(line);
  return lines;
}

/** Baseline of a line of `size` px whose line box (`lineHeight` × size) starts at `top`. */
function baselineIn(top: number, size: number, lineHeight: number, metrics: TextMetrics): number {
  const content = (metrics.ascent + metrics.descent) * size;
  return top + (lineHeight * size - content) / 2 + metrics.ascent * size;
}

/** The card's marks, in drawing order, for a 1200x630 canvas. */
export function layoutCard(card: OgCard, metrics: TextMetrics): DrawOp[] {
  const ops: DrawOp[] = [];
  const text = (value: string, x: number, top: number, size: number, weight: FontWeight, ink: OgInk, lineHeight = LINE_HEIGHT) =>
    ops.push({ kind: 'text', text: value, x, baseline: baselineIn(top, size, lineHeight, metrics), size, weight, ink });

  const fit = (value: string, maxWidth: number, size: number, weight: FontWeight) =>
    fitWithEllipsis(value, maxWidth, (candidate) => metrics.width(candidate, size, weight) <= maxWidth);

  // Top: the kicker.
  text(fit(card.kicker.toUpperCase(), CONTENT_WIDTH, KICKER_SIZE, 700), PAD_X, PAD_Y, KICKER_SIZE, 700, 'accent');
  const kickerHeight = KICKER_SIZE * LINE_HEIGHT;

  // Bottom: the site name on the right; chips fill the rest of the row, wrapping upwards.
  const siteName = fit(card.siteName, CONTENT_WIDTH / 2, SITE_SIZE, 700);
  const siteWidth = metrics.width(siteName, SITE_SIZE, 700);
  const siteHeight = SITE_SIZE * LINE_HEIGHT;
  const bottom = OG_HEIGHT - PAD_Y;
  text(siteName, OG_WIDTH - PAD_X - siteWidth, bottom - siteHeight, SITE_SIZE, 700, 'site');
  const chipRowWidth = CONTENT_WIDTH - siteWidth - MIDDLE_GAP;
  const chipHeight = CHIP.size * LINE_HEIGHT + 2 * (CHIP.padY + CHIP.stroke);
  const chipLabelMax = chipRowWidth - 2 * (CHIP.padX + CHIP.stroke);
  const rows: Array<Array<{ label: string; width: number }>> = [];
  for (const name of card.themes.slice(0, CHIP.max)) {
    const label = fit(name, chipLabelMax, CHIP.size, 400);
    const width = metrics.width(label, CHIP.size, 400) + 2 * (CHIP.padX + CHIP.stroke);
    const row = rows.at(-1);
    const used = row ? row.reduce((sum, chip) => sum + chip.width + CHIP.gap, 0) : 0;
    if (row && used + width <= chipRowWidth) row.push({ label, width });
    else if (rows.length < CHIP.rows) rows.push([{ label, width }]);
  }
  const chipsHeight = rows.length ? rows.length * chipHeight + (rows.length - 1) * CHIP.gap : 0;
  rows.forEach((row, r) => {
    const y = bottom - chipsHeight + r * (chipHeight + CHIP.gap);
    let x = PAD_X;
    for (const chip of row) {
      ops.push({ kind: 'pill', x, y, width: chip.width, height: chipHeight, stroke: CHIP.stroke, ink: 'accent' });
      text(chip.label, x + CHIP.stroke + CHIP.padX, y + CHIP.stroke + CHIP.padY, CHIP.size, 400, 'chip');
      x += chip.width + CHIP.gap;
    }
  });
  const bottomHeight = Math.max(siteHeight, chipsHeight);

  // Middle: the title and the detail line, centred in the space between top and bottom.
  const title = card.title.replace(/\s+/g, ' ').trim();
  const titleSize = titleFontSize(title);
  const titleLineHeight = titleSize * TITLE_LINE_HEIGHT;
  const detail = card.detail ? fit(card.detail, CONTENT_WIDTH, DETAIL_SIZE, 400) : '';
  const detailHeight = detail ? MIDDLE_GAP + DETAIL_SIZE * LINE_HEIGHT : 0;
  const middleSpace = OG_HEIGHT - 2 * PAD_Y - kickerHeight - bottomHeight - 2 * MIDDLE_GAP;
  // As many title lines as the space between kicker and chips holds, at most four.
  const maxLines = Math.max(1, Math.min(TITLE_MAX_LINES, Math.floor((middleSpace - detailHeight) / titleLineHeight)));
  const titleLines = wrapText(title, CONTENT_WIDTH, maxLines, (line) => metrics.width(line, titleSize, 700));
  const middleHeight = titleLines.length * titleLineHeight + detailHeight;
  let top = PAD_Y + kickerHeight + MIDDLE_GAP + Math.max(0, middleSpace - middleHeight) / 2;
  for (const line of titleLines) {
    text(line, PAD_X, top, titleSize, 700, 'title', TITLE_LINE_HEIGHT);
    top += titleLineHeight;
  }
  if (detail) text(detail, PAD_X, top + MIDDLE_GAP, DETAIL_SIZE, 400, 'detail');
  return ops;
}
