/**
 * The pure parts of Open Graph cards: layout (with made-up metrics: every character is
 * 0.6 em wide), the palette PNG encoder and the coverage canvas.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OG_HEIGHT, OG_WIDTH, type OgCard } from '../../src/core/og/card.ts';
import { PAD_X, fitWithEllipsis, layoutCard, titleFontSize, wrapText, type TextMetrics } from '../../src/core/og/layout.ts';
import { encodePngRows } from '../../src/core/og/png.ts';

/** PNG of row-major palette indices, through the encoder's scanline layout. */
function encodeIndexedPng(width: number, height: number, palette: Uint8Array, pixels: Uint8Array): Buffer {
  const rows = new Uint8Array((width + 1) * height);
  for (let y = 0; y < height; y++) rows.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  return encodePngRows(width, height, palette, rows);
}
import { CoverageCanvas } from '../../src/core/og/raster.ts';
import { decodeIndexedPng } from '../helpers/png.ts';

const mono: TextMetrics = { width: (text, size) => [...text].length * size * 0.6, ascent: 0.9, descent: 0.2 };
const chars = (text: string) => text.length;

const card: OgCard = {
  kicker: 'Paper',
  title: 'PixArt-α: Fast Training of Diffusion Transformer for Photorealistic Text-to-Image Synthesis',
  themes: ['Efficient attention', 'Quantization'],
  detail: 'Published 30 Sep 2023 · 7 authors',
  siteName: 'lectern',
};

const words = fc.array(fc.stringMatching(/^[A-Za-zα×0-9-]{1,30}$/), { minLength: 0, maxLength: 60, size: 'large' });

describe('card text wrapping', () => {
  it('keeps every line within the width and the line limit, losing no text unless it ends with "…"', () => {
    fc.assert(
      fc.property(words, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 5 }), (list, width, maxLines) => {
        const text = list.join(' ');
        const lines = wrapText(text, width, maxLines, chars);
        expect(lines.length).toBeLessThanOrEqual(maxLines);
        for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
        const cut = lines.at(-1)?.endsWith('…') ?? false;
        if (!cut) expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
      }),
    );
  });

  it('breaks at spaces, splits only words wider than a line, and cuts with an ellipsis', () => {
    expect(wrapText('fast attention for long inputs', 15, 4, chars)).toEqual(['fast attention', 'for long inputs']);
    expect(wrapText('abcdefghij', 4, 4, chars)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapText('one two three four five six', 9, 2, chars)).toEqual(['one two', 'three…']);
    expect(fitWithEllipsis('Mixture of experts', 10, (t) => t.length <= 10)).toBe('Mixture…');
  });
});

describe('card layout', () => {
  it('shows the kicker, the whole title, the detail, the chips and the site name', () => {
    const ops = layoutCard(card, mono);
    const texts = ops.flatMap((op) => (op.kind === 'text' ? [op.text] : []));
    expect(texts[0]).toBe('PAPER');
    expect(texts).toContain('lectern');
    expect(texts).toContain(card.detail);
    expect(texts).toEqual(expect.arrayContaining(card.themes as string[]));
    const titleLines = ops.filter((op) => op.kind === 'text' && op.ink === 'title').map((op) => (op.kind === 'text' ? op.text : ''));
    expect(titleLines.join(' ')).toBe(card.title);
    expect(ops.filter((op) => op.kind === 'pill')).toHaveLength(2);
    expect(titleFontSize('Short')).toBeGreaterThan(titleFontSize('x'.repeat(150)));
  });

  it('keeps every mark inside the padded card and no two text lines overlapping, whatever the card says', () => {
    const text = fc.string({ maxLength: 300, size: 'large' }).map((value) => value.replace(/\s+/g, ' '));
    fc.assert(
      fc.property(text, fc.array(fc.string({ minLength: 1, maxLength: 60, size: 'large' }), { maxLength: 6 }), text, text, (title, themes, detail, kicker) => {
        const ops = layoutCard({ kicker, title, themes, detail, siteName: kicker }, mono);
        const boxes = ops.map((op) =>
          op.kind === 'pill'
            ? { left: op.x, right: op.x + op.width, top: op.y, bottom: op.y + op.height }
            : { left: op.x, right: op.x + mono.width(op.text, op.size, op.weight), top: op.baseline - op.size * mono.ascent, bottom: op.baseline + op.size * mono.descent },
        );
        for (const box of boxes) {
          expect(box.left).toBeGreaterThanOrEqual(PAD_X - 0.01);
          expect(box.right).toBeLessThanOrEqual(OG_WIDTH - PAD_X + 0.01);
          expect(box.top).toBeGreaterThanOrEqual(0);
          expect(box.bottom).toBeLessThanOrEqual(OG_HEIGHT);
        }
        const lines = ops.flatMap((op, i) => (op.kind === 'text' ? [boxes[i]!] : []));
        for (const [i, a] of lines.entries())
          for (const b of lines.slice(i + 1)) {
            const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
            expect(apart).toBe(true);
          }
      }),
      { numRuns: 200 },
    );
  });
});

describe('palette PNG encoder', () => {
  it('round-trips any image: size, palette and every pixel', () => {
    const image = fc
      .record({ width: fc.integer({ min: 1, max: 40 }), height: fc.integer({ min: 1, max: 40 }), colours: fc.integer({ min: 1, max: 256 }) })
      .chain(({ width, height, colours }) =>
        fc.record({
          width: fc.constant(width),
          height: fc.constant(height),
          palette: fc.uint8Array({ minLength: colours * 3, maxLength: colours * 3 }),
          pixels: fc.uint8Array({ minLength: width * height, maxLength: width * height, max: colours - 1 }),
        }),
      );
    fc.assert(
      fc.property(image, ({ width, height, palette, pixels }) => {
        const decoded = decodeIndexedPng(encodeIndexedPng(width, height, palette, pixels));
        expect(decoded).toEqual({ width, height, palette, pixels });
      }),
    );
  });

  it('refuses sizes, pixel counts and palettes that make no PNG', () => {
    expect(() => encodePngRows(0, 1, new Uint8Array(3), new Uint8Array(0))).toThrow(/size/);
    expect(() => encodePngRows(2, 2, new Uint8Array(3), new Uint8Array(5))).toThrow(/5 bytes of scanlines/);
    expect(() => encodePngRows(1, 1, new Uint8Array(3 * 257), new Uint8Array(2))).toThrow(/palette/);
  });
});

describe('coverage canvas', () => {
  const solid = { width: 3, height: 2, left: 0, top: -2, alpha: new Uint8Array(6).fill(255) };

  it('stamps masks at the pen position in their ink and clips them at the edges', () => {
    const canvas = new CoverageCanvas(4, 4, '#000000', ['#ffffff', '#ff0000']);
    canvas.drawMask(solid, 2, 2, 1); // covers x 2..4 (clipped at 3), y 0..1
    canvas.drawMask(solid, -2, 5, 0); // covers x -2..0, y 3..4 (clipped to x 0, y 3)
    const png = decodeIndexedPng(canvas.toPng());
    const rgb = (x: number, y: number) => [...png.palette.subarray(png.pixels[y * 4 + x]! * 3, png.pixels[y * 4 + x]! * 3 + 3)];
    expect(rgb(2, 0)).toEqual([255, 0, 0]);
    expect(rgb(3, 1)).toEqual([255, 0, 0]);
    expect(rgb(1, 0)).toEqual([0, 0, 0]);
    expect(rgb(0, 3)).toEqual([255, 255, 255]);
    expect(rgb(1, 3)).toEqual([0, 0, 0]);
  });

  it('draws the next card on a clean canvas after clear()', () => {
    const canvas = new CoverageCanvas(8, 8, '#000000', ['#ffffff']);
    const blank = canvas.toPng();
    canvas.drawMask(solid, 1, 3, 0);
    canvas.strokePill(0, 4, 8, 4, 1, 0);
    expect(canvas.toPng()).not.toEqual(blank);
    canvas.clear();
    expect(canvas.toPng()).toEqual(blank);
  });

  it('never throws for masks anywhere on or off the canvas', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10, max: 20 }), fc.integer({ min: -10, max: 20 }), (x, y) => {
        const canvas = new CoverageCanvas(8, 8, '#000000', ['#ffffff']);
        canvas.drawMask(solid, x, y, 0);
        canvas.strokePill(x, y, 10, 4, 1, 0);
        expect(decodeIndexedPng(canvas.toPng()).pixels).toHaveLength(64);
      }),
    );
  });

  it('strokes a pill outline: ink on the border, background inside and outside', () => {
    const canvas = new CoverageCanvas(40, 20, '#000000', ['#ffffff']);
    canvas.strokePill(0, 0, 40, 20, 2, 0);
    const png = decodeIndexedPng(canvas.toPng());
    const at = (x: number, y: number) => png.pixels[y * 40 + x]!;
    expect(at(20, 0)).not.toBe(0); // top edge
    expect(at(20, 19)).not.toBe(0); // bottom edge
    expect(at(20, 10)).toBe(0); // inside
    expect(at(0, 0)).toBe(0); // outside the round end
  });
});
