/**
 * Open Graph card layout: the node tree (src/core/og/layout.ts) as the renderer lays it out.
 * Properties are checked on takumi's own measurements of random cards: every line of text
 * inside the padded card, no two text boxes overlapping, the title at most four lines.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MeasuredNode, Node } from '@takumi-rs/core';
import { OG_HEIGHT, OG_WIDTH, cardText, type OgCard } from '../../src/core/og/card.ts';
import { PAD_X, PAD_Y, cardTree, titleFontSize, titleMaxLines } from '../../src/core/og/layout.ts';
import { createOgRenderer } from '../../src/integrations/og-render.ts';

const renderer = createOgRenderer();

const card: OgCard = {
  kicker: 'Paper',
  title: 'PixArt-α: Fast Training of Diffusion Transformer for Photorealistic Text-to-Image Synthesis',
  themes: ['Efficient attention', 'Quantization'],
  detail: 'Tri Dao, Dan Fu and Stefano Ermon · Published Sep 30, 2023',
  siteName: 'lectern',
};

/** Text of every text node, in document order. */
function texts(node: Node): string[] {
  return node.type === 'text' ? [node.text] : node.type === 'container' ? (node.children ?? []).flatMap(texts) : [];
}

interface Box {
  node: number;
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

type Rect = Pick<Box, 'left' | 'right' | 'top' | 'bottom'>;

const intersect = (a: Rect, b: Rect): Rect => ({ left: Math.max(a.left, b.left), right: Math.min(a.right, b.right), top: Math.max(a.top, b.top), bottom: Math.min(a.bottom, b.bottom) });
const isEmpty = (r: Rect) => r.right - r.left <= 0.5 || r.bottom - r.top <= 0.5;

/**
 * The visible part of every text run, in card coordinates, tagged with the index of its text
 * node. Runs are clipped to the boxes of nodes with `overflow: hidden` (a one-line text's own
 * box, where the renderer draws "…"; the chip rows); a run that a container hides entirely is
 * left out, one it cuts in part fails the test (half a chip would show).
 */
function visibleRuns(measured: MeasuredNode, tree: Node): Box[] {
  const boxes: Box[] = [];
  let index = 0;
  const everything: Rect = { left: -Infinity, right: Infinity, top: -Infinity, bottom: Infinity };
  const walk = (m: MeasuredNode, n: Node, clip: Rect, inheritedLineHeight: number) => {
    const [, , , , x, y] = m.transform;
    const own = { left: x, right: x + m.width, top: y, bottom: y + m.height };
    const style = (n.style ?? {}) as { overflow?: string; fontSize?: number; lineHeight?: number };
    const hides = style.overflow === 'hidden';
    const lineHeight = style.lineHeight ?? inheritedLineHeight;
    if (n.type === 'text') {
      for (const run of m.runs) {
        // A run's box is its font's whole ascent and descent (tall for CJK fonts); its glyphs
        // sit in the line box, which CSS centres on it.
        const line = style.fontSize! * lineHeight;
        const top = y + run.y + (run.height - line) / 2;
        // Spaces at a line's end hang past the edge (as in browsers) and show nothing.
        if (!run.text.trim()) continue;
        const hanging = run.text.length - run.text.trimEnd().length;
        const box = { left: x + run.x, right: x + run.x + run.width - hanging * 0.4 * style.fontSize!, top, bottom: top + line };
        const shown = intersect(box, clip);
        if (isEmpty(shown)) continue;
        const cut = Math.max(shown.left - box.left, box.right - shown.right, shown.top - box.top, box.bottom - shown.bottom);
        expect(cut, `"${run.text}" is cut by a container`).toBeLessThan(1);
        boxes.push({ node: index, text: run.text, ...(hides ? intersect(shown, own) : shown) });
      }
      index += 1;
    }
    if (n.type === 'container') (n.children ?? []).forEach((child, i) => walk(m.children[i]!, child, hides ? intersect(clip, own) : clip, lineHeight));
  };
  walk(measured, tree, everything, 1);
  return boxes;
}

/** Lines the runs of one text node take (runs of different fonts on one line sit a little apart). */
function lineCount(runs: readonly Box[]): number {
  const tops = runs.map((run) => run.top).sort((a, b) => a - b);
  return tops.filter((top, i) => i === 0 || top - tops[i - 1]! > 10).length;
}

async function measure(value: OgCard): Promise<Box[]> {
  await renderer.prepare(`${cardText(value)} …`);
  const tree = cardTree(value);
  return visibleRuns(await renderer.takumi.measure(tree, { width: OG_WIDTH, height: OG_HEIGHT }), tree);
}

describe('card tree', () => {
  it('shows the kicker, the title, the detail, the chips and the site name', () => {
    expect(texts(cardTree(card))).toEqual(['PAPER', card.title, card.detail, ...card.themes, 'lectern']);
    expect(texts(cardTree({ ...card, themes: ['a', 'b', 'c', 'd', 'e'], detail: '' }))).toEqual(['PAPER', card.title, 'a', 'b', 'c', 'd', 'lectern']);
    expect(titleFontSize('Short')).toBeGreaterThan(titleFontSize('x'.repeat(150)));
  });

  it('gives the title fewer lines when chips may take two rows, never fewer than one or more than four', () => {
    for (const size of [46, 52, 60, 72]) {
      expect(titleMaxLines({ ...card, themes: ['a', 'b'] }, size)).toBeLessThanOrEqual(titleMaxLines({ ...card, themes: [] }, size));
      expect(titleMaxLines({ ...card, themes: ['a', 'b'] }, size)).toBeGreaterThanOrEqual(1);
      expect(titleMaxLines({ ...card, themes: [], detail: '' }, size)).toBeLessThanOrEqual(4);
    }
  });
});

describe('card layout, as the renderer measures it', () => {
  it('wraps a long title into as many lines as fit and cuts the rest', async () => {
    const long = { ...card, title: `${card.title} `.repeat(4) };
    const title = (await measure(long)).filter((box) => box.node === 1);
    expect(lineCount(title)).toBe(titleMaxLines(long, titleFontSize(long.title.trim())));
    expect(title.map((box) => box.text).join('').length).toBeLessThan(long.title.trim().length);
  });

  const words = fc.array(
    fc.oneof(fc.stringMatching(/^[A-Za-z0-9-]{1,40}$/), fc.constantFrom('Привет', 'ℓ₁', 'ℝ^d', 'L⁻¹', '大型语言模型', '🚀', 'Transformer', 'α', 'Nyström')),
    { maxLength: 40 },
  );
  const line = words.map((list) => list.join(' '));

  it('keeps every line of text inside the padded card and no two text boxes overlapping, whatever the card says', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(line, fc.array(line.filter((s) => s.length > 0), { maxLength: 6 }), line, line, async (title, themes, detail, kicker) => {
        const value = { kicker, title, themes, detail, siteName: kicker.slice(0, 30) || 'lectern' };
        const boxes = await measure(value);
        for (const box of boxes) {
          expect(box.left, box.text).toBeGreaterThanOrEqual(PAD_X - 0.5);
          expect(box.right, box.text).toBeLessThanOrEqual(OG_WIDTH - PAD_X + 0.5);
          expect(box.top, box.text).toBeGreaterThanOrEqual(PAD_Y - 4);
          expect(box.bottom, box.text).toBeLessThanOrEqual(OG_HEIGHT - PAD_Y + 4);
        }
        for (const [i, a] of boxes.entries())
          for (const b of boxes.slice(i + 1)) {
            if (a.node === b.node) continue;
            const apart = a.right <= b.left + 0.5 || b.right <= a.left + 0.5 || a.bottom <= b.top + 0.5 || b.bottom <= a.top + 0.5;
            expect(apart, `${a.text} / ${b.text}`).toBe(true);
          }
        expect(lineCount(boxes.filter((box) => box.node === (kicker.trim() ? 1 : 0)))).toBeLessThanOrEqual(4);
      }),
      { numRuns: 60 },
    );
  });
});
