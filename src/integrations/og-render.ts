/**
 * Renders Open Graph cards to PNG: the layout from src/core/og/layout.ts, text set with the
 * Inter fonts (Latin, Latin Extended, Greek) and KaTeX's fonts for math symbols, each glyph
 * rasterized once by resvg (antialiased, at four horizontal subpixel offsets) and then stamped
 * onto a coverage canvas that becomes an indexed PNG (src/core/og/raster.ts).
 *
 * Why not Satori + resvg for the whole card: that cost ~20 ms of CPU per card (layout 6 ms,
 * rasterizing 6 ms, RGBA PNG 9 ms), 100 s for 10,000 papers on two cores. Cards are a few
 * lines of text on a flat background, so reusing glyph bitmaps makes one ~1 ms.
 */
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import opentype from 'opentype.js';
import { Resvg } from '@resvg/resvg-js';
import { OG_HEIGHT, OG_WIDTH, type OgCard } from '../core/og/card.ts';
import { OG_COLORS, layoutCard, type FontWeight, type OgInk, type TextMetrics } from '../core/og/layout.ts';
import { CoverageCanvas, type Mask } from '../core/og/raster.ts';

/** Horizontal glyph positions are rounded to a quarter pixel: four bitmaps per glyph and size at most. */
const SUBPIXELS = 4;

const INKS: readonly OgInk[] = ['title', 'accent', 'detail', 'chip', 'site'];

/** Font files per weight, in fallback order: a character is set in the first font that has it. */
function fontFiles(weight: FontWeight): string[] {
  const require = createRequire(import.meta.url);
  const inter = (subset: string) => require.resolve(`@fontsource/inter/files/inter-${subset}-${weight}-normal.woff`);
  const katex = (file: string) => join(dirname(require.resolve('katex')), 'fonts', file);
  return [
    inter('latin'),
    inter('latin-ext'),
    inter('greek'),
    katex(weight === 700 ? 'KaTeX_Main-Bold.woff' : 'KaTeX_Main-Regular.woff'),
    katex('KaTeX_AMS-Regular.woff'),
    katex('KaTeX_Size1-Regular.woff'),
  ];
}

async function loadFont(file: string): Promise<opentype.Font> {
  const bytes = await readFile(file);
  return opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

interface PlacedGlyph {
  font: number;
  glyph: opentype.Glyph;
  /** Pen advance to the next glyph in font units (kerning included). */
  advance: number;
}

export interface OgRenderer extends TextMetrics {
  /** PNG bytes of the card, 1200x630. */
  render(card: OgCard): Buffer;
  /** The characters of `text` that no card font has (they would show as a box). */
  missingCharacters(text: string, weight: FontWeight): string[];
}

/** Loads the fonts; the renderer it returns is synchronous and keeps its glyph bitmaps. */
export async function createOgRenderer(): Promise<OgRenderer> {
  const fonts = new Map<FontWeight, opentype.Font[]>();
  for (const weight of [400, 700] as const) fonts.set(weight, await Promise.all(fontFiles(weight).map(loadFont)));
  const primary = fonts.get(400)![0]!;
  const masks = new Map<string, Mask>();

  const fontFor = (char: string, weight: FontWeight) => fonts.get(weight)!.findIndex((font) => font.charToGlyphIndex(char) > 0);

  function shape(text: string, weight: FontWeight): PlacedGlyph[] {
    const chain = fonts.get(weight)!;
    const placed: PlacedGlyph[] = [];
    for (const char of text) {
      let font = fontFor(char, weight);
      if (font < 0) font = 0; // no font has it: Inter's "missing glyph" box, as browsers show
      const glyph = chain[font]!.charToGlyph(char);
      const previous = placed.at(-1);
      // Kerning pairs only exist within one font.
      if (previous && previous.font === font) previous.advance += chain[font]!.getKerningValue(previous.glyph, glyph);
      placed.push({ font, glyph, advance: glyph.advanceWidth ?? 0 });
    }
    return placed;
  }

  function scaleOf(font: number, weight: FontWeight, size: number): number {
    return size / fonts.get(weight)![font]!.unitsPerEm;
  }

  function mask(weight: FontWeight, placed: PlacedGlyph, size: number, subpixel: number): Mask {
    const key = `${weight}:${placed.font}:${placed.glyph.index}:${size}:${subpixel}`;
    let found = masks.get(key);
    if (found) return found;
    const path = placed.glyph.getPath(subpixel / SUBPIXELS, 0, size);
    const box = path.getBoundingBox();
    if (!(box.x2 > box.x1 && box.y2 > box.y1)) {
      found = { width: 0, height: 0, left: 0, top: 0, alpha: new Uint8Array(0) };
    } else {
      const left = Math.floor(box.x1) - 1;
      const top = Math.floor(box.y1) - 1;
      const width = Math.ceil(box.x2) - left + 1;
      const height = Math.ceil(box.y2) - top + 1;
      const svg =
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
        `<path transform="translate(${-left} ${-top})" d="${path.toPathData(3)}"/></svg>`;
      // The path needs no fonts; scanning the system's would cost time.
      const rgba = new Resvg(svg, { font: { loadSystemFonts: false } }).render().pixels;
      const alpha = new Uint8Array(width * height);
      for (let i = 0; i < alpha.length; i++) alpha[i] = rgba[i * 4 + 3]!;
      found = { width, height, left, top, alpha };
    }
    masks.set(key, found);
    return found;
  }

  const metrics: TextMetrics = {
    ascent: primary.ascender / primary.unitsPerEm,
    descent: -primary.descender / primary.unitsPerEm,
    width: (text, size, weight) => shape(text, weight).reduce((sum, placed) => sum + placed.advance * scaleOf(placed.font, weight, size), 0),
  };

  // One canvas, cleared between cards: allocating 3 MB of buffers per card cost more than drawing it.
  const canvas = new CoverageCanvas(OG_WIDTH, OG_HEIGHT, OG_COLORS.background, INKS.map((ink) => OG_COLORS[ink]));

  return {
    ...metrics,
    missingCharacters: (text, weight) => [...new Set(text)].filter((char) => !/\s/u.test(char) && fontFor(char, weight) < 0),
    render(card) {
      canvas.clear();
      for (const op of layoutCard(card, metrics)) {
        const ink = INKS.indexOf(op.ink);
        if (op.kind === 'pill') {
          canvas.strokePill(op.x, op.y, op.width, op.height, op.stroke, ink);
          continue;
        }
        const baseline = Math.round(op.baseline);
        let pen = op.x;
        for (const placed of shape(op.text, op.weight)) {
          const x = Math.floor(pen);
          const subpixel = Math.floor((pen - x) * SUBPIXELS);
          canvas.drawMask(mask(op.weight, placed, op.size, subpixel), x, baseline, ink);
          pen += placed.advance * scaleOf(placed.font, op.weight, op.size);
        }
      }
      return canvas.toPng();
    },
  };
}
