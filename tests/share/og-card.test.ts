import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OG_HEIGHT, OG_WIDTH, ogCardHash, type OgCard } from '../../src/core/og/card.ts';
import { OG_COLORS, layoutCard } from '../../src/core/og/layout.ts';
import { buildOgImages, startImageRender } from '../../src/integrations/og-images.ts';
import { handOgJobsToBuild, listenForOgJobs, type OgJob } from '../../src/integrations/og-head-start.ts';
import { createOgRenderer } from '../../src/integrations/og-render.ts';
import { decodeIndexedPng, pngSize } from '../helpers/png.ts';

const renderer = createOgRenderer();

/** Palette index -> RGB hex of a decoded card. */
function colourAt(png: ReturnType<typeof decodeIndexedPng>, x: number, y: number): string {
  const index = png.pixels[y * png.width + x]! * 3;
  return `#${[...png.palette.subarray(index, index + 3)].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

const card: OgCard = {
  kicker: 'Paper',
  title: 'PixArt-α: Fast Training of Diffusion Transformer for Photorealistic Text-to-Image Synthesis',
  themes: ['Efficient attention'],
  detail: 'Published 30 Sep 2023 · 7 authors',
  siteName: 'lectern',
};

describe('Open Graph cards', () => {
  it('hash every input, so a changed title or theme makes a new image and an equal card reuses one', () => {
    expect(ogCardHash(card)).toBe(ogCardHash({ ...card, themes: [...card.themes] }));
    expect(ogCardHash({ ...card, title: `${card.title}!` })).not.toBe(ogCardHash(card));
    expect(ogCardHash({ ...card, themes: [] })).not.toBe(ogCardHash(card));
    expect(ogCardHash({ ...card, detail: '' })).not.toBe(ogCardHash(card));
  });

  it('render to a 1200x630 palette PNG with the text in its inks on the background', async () => {
    const render = await renderer;
    const png = decodeIndexedPng(render.render(card));
    expect({ width: png.width, height: png.height }).toEqual({ width: OG_WIDTH, height: OG_HEIGHT });
    expect(colourAt(png, 0, 0)).toBe(OG_COLORS.background);
    // Each text mark has pixels in exactly its own ink where the glyphs are solid.
    for (const op of layoutCard(card, render)) {
      if (op.kind !== 'text') continue;
      const width = Math.round(render.width(op.text, op.size, op.weight));
      const seen = new Set<string>();
      for (let y = Math.round(op.baseline - op.size * 0.7); y < op.baseline; y++)
        for (let x = op.x; x < op.x + width; x++) seen.add(colourAt(png, Math.round(x), y));
      expect(seen, op.text).toContain(OG_COLORS[op.ink]);
    }
  });

  it('have a glyph for Greek letters and the math symbols normalized titles use', async () => {
    const render = await renderer;
    const text = 'PixArt-α 5.18× faster ∑ λ ∞ ≤ ≈ → √ Ω μ ℓ’s “quoted” — ü é ß ł';
    expect(render.missingCharacters(text, 700)).toEqual([]);
    expect(render.missingCharacters(text, 400)).toEqual([]);
    expect(render.missingCharacters('漢', 700)).toEqual(['漢']);
  });

  it('render on worker threads into the cache and the output, equal cards once', { timeout: 60_000 }, async () => {
    const work = mkdtempSync(join(tmpdir(), 'lectern-og-'));
    try {
      const other = { ...card, kicker: 'Theme', title: 'Efficient attention', themes: [] };
      const jobs = [
        { file: 'og/papers/a.png', card },
        { file: 'og/papers/b.png', card: { ...card, themes: [...card.themes] } },
        { file: 'og/themes/c.png', card: other },
      ];
      const report = await buildOgImages(jobs, join(work, 'out'), join(work, 'cache'));
      expect(report).toMatchObject({ total: 3, generated: 3, cached: 0, pruned: 0 });
      expect(readdirSync(join(work, 'cache')).sort()).toEqual([`${ogCardHash(card)}.png`, `${ogCardHash(other)}.png`].sort());
      const images = jobs.map((job) => readFileSync(join(work, 'out', job.file)));
      for (const png of images) expect(pngSize(png)).toEqual({ width: OG_WIDTH, height: OG_HEIGHT });
      expect(images[1]).toEqual(images[0]);
      expect(images[2]).not.toEqual(images[0]);
      expect(images[0]).toEqual((await renderer).render(card));
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('start rendering when the card list is handed over, and the build step finishes that head start', { timeout: 60_000 }, async () => {
    const work = mkdtempSync(join(tmpdir(), 'lectern-og-head-'));
    try {
      const jobs: OgJob[] = ['a', 'b', 'c', 'd'].map((name) => ({ file: `og/papers/${name}.png`, card: { ...card, title: `${card.title} ${name}` } }));
      const dirs = { cacheDir: join(work, 'cache'), outDir: join(work, 'out') };
      const headStart = startImageRender(dirs, 1);
      listenForOgJobs((handed, options) => headStart.add(handed, options));
      handOgJobsToBuild(jobs.slice(0, 2), { deliver: false }); // early: cache only
      handOgJobsToBuild(jobs); // the whole list: the first two are not queued again
      listenForOgJobs(undefined);
      handOgJobsToBuild([{ file: 'og/papers/e.png', card: { ...card, title: 'not listening' } }]); // nobody listens: nothing happens
      const report = await buildOgImages(jobs, dirs.outDir, dirs.cacheDir, 30, headStart);
      expect(report).toMatchObject({ total: 4, generated: 4, cached: 0 });
      expect(report.renderedEarly).toBeLessThanOrEqual(4);
      expect(headStart.written.size).toBe(4);
      expect(readdirSync(join(work, 'out', 'og', 'papers')).sort()).toEqual(['a.png', 'b.png', 'c.png', 'd.png']);
      expect(readdirSync(join(work, 'cache')).filter((name) => name.endsWith('.png'))).toHaveLength(4);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('keep images in use, delete cached images unused for longer than the limit', async () => {
    const work = mkdtempSync(join(tmpdir(), 'lectern-og-prune-'));
    try {
      const cache = join(work, 'cache');
      await buildOgImages([{ file: 'og/a.png', card }], join(work, 'out1'), cache);
      const used = join(cache, `${ogCardHash(card)}.png`);
      const stale = join(cache, 'stale.png');
      const recent = join(cache, 'recent.png');
      copyFileSync(used, stale);
      copyFileSync(used, recent);
      const longAgo = new Date(Date.now() - 40 * 86_400_000);
      const lately = new Date(Date.now() - 5 * 86_400_000);
      utimesSync(stale, longAgo, longAgo);
      utimesSync(used, longAgo, longAgo); // old, but this build uses it
      utimesSync(recent, lately, lately);
      mkdirSync(join(work, 'out2'));
      const report = await buildOgImages([{ file: 'og/a.png', card }], join(work, 'out2'), cache, 30);
      expect(report).toMatchObject({ generated: 0, cached: 1, pruned: 1 });
      expect(readdirSync(cache).filter((name) => name.endsWith('.png')).sort()).toEqual([`${ogCardHash(card)}.png`, 'recent.png'].sort());
      expect(statSync(used).mtimeMs).toBeGreaterThan(Date.now() - 60_000); // touched: its age counts from its last use
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
