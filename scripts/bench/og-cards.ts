/**
 * The cost of one Open Graph card on its own: `count` paper cards rendered one after another
 * (one render in flight, after a warm-up that loads the fonts), as the renderer does them in a
 * build. Build logs give the whole image step; this gives the per-card time and size.
 */
import type { OgCard } from '../../src/core/og/card.ts';
import { createOgRenderer } from '../../src/integrations/og-render.ts';

export interface CardRenderCost {
  cards: number;
  msPerCard: number;
  bytesPerCard: number;
}

export async function measureCardRender(titles: readonly string[], count = 200): Promise<CardRenderCost> {
  const renderer = createOgRenderer();
  const card = (title: string): OgCard => ({
    kicker: 'Paper',
    title,
    themes: ['Efficient attention', 'Quantization'],
    detail: 'Tri Dao, Dan Fu and Stefano Ermon · Published Dec 1, 2023',
    siteName: 'lectern',
  });
  const list = Array.from({ length: count }, (_, i) => card(titles[i % titles.length]!));
  for (const value of list.slice(0, 10)) await renderer.render(value);
  let bytes = 0;
  const started = performance.now();
  for (const value of list) bytes += (await renderer.render(value)).length;
  return { cards: count, msPerCard: (performance.now() - started) / count, bytesPerCard: bytes / count };
}
