/**
 * Open Graph cards as images: the renderer (@takumi-rs/core with the card fonts), its kerning
 * and glyph coverage, the missing-glyph warning, and the image cache (shared images, broken
 * entries rendered again, pruning).
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OG_HEIGHT, OG_WIDTH, cardAuthors, ogCardHash, type OgCard, type OgJob } from '../../src/core/og/card.ts';
import { OG_COLORS, OG_FONT_STACK, cardTree } from '../../src/core/og/layout.ts';
import { PNG_HEAD_BYTES, PNG_TAIL_BYTES, hasPngEnds } from '../../src/core/og/png.ts';
import { isCompletePng } from '../helpers/png.ts';
import { buildOgImages } from '../../src/integrations/og-images.ts';
import { createOgRenderer } from '../../src/integrations/og-render.ts';
import { TEMP_SUFFIX } from '../../src/io/atomic.ts';

const renderer = createOgRenderer();
const work = mkdtempSync(join(tmpdir(), 'lectern-og-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const card: OgCard = {
  kicker: 'Paper',
  title: 'PixArt-α: Fast Training of Diffusion Transformer for Photorealistic Text-to-Image Synthesis',
  themes: ['Efficient attention'],
  detail: 'Junsong Chen, Jincheng Yu, Chongjian Ge et al. · Published Sep 30, 2023',
  siteName: 'lectern',
};

/** RGBA pixels of `text` alone in white on black, `size` px, in the card's font stack. */
async function pixels(text: string, size = 120): Promise<Buffer> {
  await renderer.prepare(text);
  const title = { type: 'text' as const, text, style: { fontSize: size, fontWeight: 700, color: '#ffffff', fontFamily: OG_FONT_STACK } };
  return renderer.takumi.render({ type: 'container', style: { width: 300, height: 200, backgroundColor: '#000000' }, children: [title] }, { width: 300, height: 200, format: 'raw' });
}

/** Width of `text` at 100 px bold in the card fonts, as the renderer lays it out. */
async function width(text: string): Promise<number> {
  await renderer.prepare(text);
  const measured = await renderer.takumi.measure({ type: 'text', text, style: { fontSize: 100, fontWeight: 700, fontFamily: 'Inter' } });
  return measured.width;
}

describe('Open Graph card text', () => {
  it('names the first authors, else the listing\'s count or organisation', () => {
    // The seed FlashAttention and FlashAttention-2 papers (content/papers/, names from the seed .bib).
    const flash = ['Tri Dao', 'Daniel Y. Fu', 'Stefano Ermon', 'Atri Rudra', 'Christopher Ré'];
    expect(cardAuthors({ names: flash, count: 5, attribution: null })).toBe('Tri Dao, Daniel Y. Fu, Stefano Ermon et al.');
    expect(cardAuthors({ names: flash.slice(0, 3), count: null, attribution: null })).toBe('Tri Dao, Daniel Y. Fu and Stefano Ermon');
    expect(cardAuthors({ names: ['Tri Dao'], count: null, attribution: null })).toBe('Tri Dao');
    expect(cardAuthors({ names: [], count: 7, attribution: null })).toBe('7 authors');
    expect(cardAuthors({ names: [], count: null, attribution: { handle: 'apple', name: 'Apple' } })).toBe('Apple');
    expect(cardAuthors({ names: [], count: null, attribution: null })).toBeNull();
  });
});

describe('Open Graph card images', () => {
  it('hash every input and the renderer and font versions, so any change makes a new image and an equal card reuses one', () => {
    const { version } = renderer;
    expect(version).toMatch(/^@takumi-rs\/core@\d+\.\d+\.\d+ @fontsource\/inter@\d+\.\d+\.\d+ /);
    expect(ogCardHash(card, version)).toBe(ogCardHash({ ...card, themes: [...card.themes] }, version));
    for (const changed of [{ title: `${card.title}!` }, { themes: [] }, { detail: '' }, { kicker: 'Theme' }, { siteName: 'x' }])
      expect(ogCardHash({ ...card, ...changed }, version)).not.toBe(ogCardHash(card, version));
    expect(ogCardHash(card, version.replace('@fontsource/inter@', '@fontsource/inter@9'))).not.toBe(ogCardHash(card, version));
  });

  it('render to a whole 1200x630 PNG on the card background', async () => {
    const png = await renderer.render(card);
    expect(isCompletePng(png, OG_WIDTH, OG_HEIGHT)).toBe(true);
    const raw = await renderer.takumi.render(cardTree(card), { width: OG_WIDTH, height: OG_HEIGHT, format: 'raw' });
    const background = OG_COLORS.background.match(/[0-9a-f]{2}/g)!.map((hex) => parseInt(hex, 16));
    expect([...raw.subarray(0, 3)]).toEqual(background);
    // Text in the title's ink somewhere (the renderer drew the title).
    const title = OG_COLORS.title.match(/[0-9a-f]{2}/g)!.map((hex) => parseInt(hex, 16));
    let found = false;
    for (let i = 0; i < raw.length && !found; i += 4) found = raw[i] === title[0] && raw[i + 1] === title[1] && raw[i + 2] === title[2];
    expect(found).toBe(true);
  });

  it('kern: "AV" is narrower than "A" and "V" set apart', async () => {
    expect(await width('AV')).toBeLessThan((await width('A')) + (await width('V')) - 2);
    expect(await width('To')).toBeLessThan((await width('T')) + (await width('o')) - 2);
  });

  it('draw Cyrillic, emoji, math, CJK (Chinese, Japanese, Korean), Thai and Indic titles without boxes', async () => {
    const box = await pixels('\u{10FFFD}'); // a private-use character: no font has it, so the renderer draws its box
    expect(box.some((value, i) => i % 4 !== 3 && value > 0), 'the missing-glyph box shows').toBe(true);
    for (const title of ['Привет, мир', 'Fast 🚀 inference', 'ℓ₁ loss in ℝ^d with L⁻¹', '大型语言模型', '大規模言語モデルの推論', '대규모 언어 모델', 'ภาษาไทย', 'हिन्दी भाषा मॉडल', 'தமிழ் மொழி', 'Nyström Việt', 'PixArt-α ∑ ≤ ∞ → √']) {
      expect(await renderer.prepare(title), title).toEqual([]);
      for (const char of new Set(title.replace(/\s/g, ''))) expect((await pixels(char)).equals(box), `${title}: ${char} draws as a box`).toBe(false);
    }
    // Bengali: a script no card font has (yet).
    expect(await renderer.prepare('বাংলা \u{10FFFD}')).toEqual(['ব', 'া', 'ং', 'ল', '\u{10FFFD}']);
  });
});

describe('Open Graph image build step', () => {
  const jobs = (...list: Array<[string, OgCard, string?]>): OgJob[] => list.map(([file, value, source]) => ({ file, card: value, ...(source ? { source } : {}) }));

  it('renders equal cards once into the cache and every output file', async () => {
    const dir = join(work, 'shared');
    const other = { ...card, kicker: 'Theme', title: 'Efficient attention', themes: [] };
    const list = jobs(['og/papers/a.png', card], ['og/papers/b.png', { ...card, themes: [...card.themes] }], ['og/themes/c.png', other]);
    const report = await buildOgImages(list, join(dir, 'out'), join(dir, 'cache'), { renderer });
    expect(report).toMatchObject({ total: 3, generated: 3, cached: 0, repaired: 0, pruned: 0, missingGlyphs: 0 });
    expect(readdirSync(join(dir, 'cache')).sort()).toEqual([`${ogCardHash(card, renderer.version)}.png`, `${ogCardHash(other, renderer.version)}.png`].sort());
    const images = list.map((job) => readFileSync(join(dir, 'out', job.file)));
    for (const png of images) expect(isCompletePng(png, OG_WIDTH, OG_HEIGHT)).toBe(true);
    expect(images[1]).toEqual(images[0]);
    expect(images[2]).not.toEqual(images[0]);

    const again = await buildOgImages(list, join(dir, 'out2'), join(dir, 'cache'), { renderer });
    expect(again).toMatchObject({ total: 3, generated: 0, cached: 3 });
  });

  it('links each card from the cache rather than copying it, and replaces a file the folder held without touching the cache', async () => {
    const dir = join(work, 'linked');
    const list = jobs(['og/papers/a.png', card]);
    const entry = join(dir, 'cache', `${ogCardHash(card, renderer.version)}.png`);
    await buildOgImages(list, join(dir, 'out1'), join(dir, 'cache'), { renderer });
    const cached = readFileSync(entry);
    mkdirSync(join(dir, 'out2', 'og', 'papers'), { recursive: true });
    writeFileSync(join(dir, 'out2', 'og', 'papers', 'a.png'), 'an older card');
    await buildOgImages(list, join(dir, 'out2'), join(dir, 'cache'), { renderer });
    for (const out of ['out1', 'out2']) expect(statSync(join(dir, out, 'og', 'papers', 'a.png')).ino, out).toBe(statSync(entry).ino);
    expect(readFileSync(entry)).toEqual(cached);
  });

  it('tell a cached image by its two ends: a whole card passes, a card of another size, cut short or of other bytes does not', async () => {
    const png = await renderer.render(card);
    const ends = (bytes: Uint8Array) => [bytes.subarray(0, PNG_HEAD_BYTES), bytes.subarray(bytes.length - PNG_TAIL_BYTES)] as const;
    expect(hasPngEnds(...ends(png), OG_WIDTH, OG_HEIGHT)).toBe(true);
    expect(hasPngEnds(...ends(png), OG_WIDTH, OG_HEIGHT + 1)).toBe(false);
    expect(hasPngEnds(...ends(png.subarray(0, png.length - 20)), OG_WIDTH, OG_HEIGHT)).toBe(false);
    const flipped = Buffer.from(png);
    flipped[20]! ^= 1; // inside the IHDR: its CRC no longer matches
    expect(hasPngEnds(...ends(flipped), OG_WIDTH, OG_HEIGHT)).toBe(false);
    expect(hasPngEnds(...ends(Buffer.alloc(png.length)), OG_WIDTH, OG_HEIGHT)).toBe(false);
  });

  it('renders a broken cache entry again instead of copying it: empty, random bytes, cut short', async () => {
    const dir = join(work, 'broken');
    const cache = join(dir, 'cache');
    const cards = ['empty', 'garbage', 'truncated', 'whole'].map((name) => ({ ...card, title: `${card.title} (${name})` }));
    const list = jobs(...cards.map((value, i): [string, OgCard] => [`og/papers/${i}.png`, value]));
    await buildOgImages(list, join(dir, 'out1'), cache, { renderer });
    // Read now: out1's cards are links to the cache entries broken below.
    const built = list.map((job) => readFileSync(join(dir, 'out1', job.file)));
    const entry = (value: OgCard) => join(cache, `${ogCardHash(value, renderer.version)}.png`);
    writeFileSync(entry(cards[0]!), '');
    writeFileSync(entry(cards[1]!), 'this is not a PNG at all, just some bytes');
    truncateSync(entry(cards[2]!), statSync(entry(cards[2]!)).size - 20);
    const report = await buildOgImages(list, join(dir, 'out2'), cache, { renderer });
    expect(report).toMatchObject({ total: 4, generated: 3, cached: 1, repaired: 3 });
    for (const [i, job] of list.entries()) {
      expect(isCompletePng(readFileSync(join(dir, 'out2', job.file)), OG_WIDTH, OG_HEIGHT), job.file).toBe(true);
      expect(readFileSync(join(dir, 'out2', job.file))).toEqual(built[i]);
    }
  });

  it('warns, naming the file to edit, about each card that would show a box', async () => {
    const dir = join(work, 'warn');
    const warnings: string[] = [];
    const list = jobs(
      ['og/papers/bengali.png', { ...card, title: 'বাংলা language models' }, 'content/papers/bengali.mdx'],
      ['og/papers/fine.png', { ...card, title: 'Привет 🚀 ℓ₁ 대규모 தமிழ்' }, 'content/papers/fine.mdx'],
      ['og/themes/odd.png', { ...card, kicker: 'Theme', title: 'Odd \u{10FFFD}', themes: [] }],
    );
    const report = await buildOgImages(list, join(dir, 'out'), join(dir, 'cache'), { renderer, warn: (message) => warnings.push(message) });
    expect(report.missingGlyphs).toBe(2);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^content\/papers\/bengali\.mdx: warning: the Open Graph card og\/papers\/bengali\.png \("বাংলা language models"\) shows a box for "ব" \(U\+09AC\), /);
    expect(warnings[1]).toMatch(/^og\/themes\/odd\.png: warning: .* "\u{10FFFD}" \(U\+10FFFD\)/u);
  });

  it('keeps images in use and deletes cached images unused for longer than the limit', async () => {
    const dir = join(work, 'prune');
    const cache = join(dir, 'cache');
    await buildOgImages(jobs(['og/a.png', card]), join(dir, 'out1'), cache, { renderer });
    const used = join(cache, `${ogCardHash(card, renderer.version)}.png`);
    const stale = join(cache, 'stale.png');
    const recent = join(cache, 'recent.png');
    const interrupted = join(cache, `.x.png.123.0${TEMP_SUFFIX}`); // a write a killed build left
    copyFileSync(used, stale);
    copyFileSync(used, interrupted);
    utimesSync(interrupted, new Date(Date.now() - 40 * 86_400_000), new Date(Date.now() - 40 * 86_400_000));
    copyFileSync(used, recent);
    const longAgo = new Date(Date.now() - 40 * 86_400_000);
    const lately = new Date(Date.now() - 5 * 86_400_000);
    utimesSync(stale, longAgo, longAgo);
    utimesSync(used, longAgo, longAgo); // old, but this build uses it
    utimesSync(recent, lately, lately);
    mkdirSync(join(dir, 'out2'));
    const report = await buildOgImages(jobs(['og/a.png', card]), join(dir, 'out2'), cache, { renderer, maxAgeDays: 30 });
    expect(report).toMatchObject({ generated: 0, cached: 1, pruned: 2 });
    expect(readdirSync(cache).filter((name) => name !== 'last-build.json').sort()).toEqual([`${ogCardHash(card, renderer.version)}.png`, 'recent.png'].sort());
    expect(statSync(used).mtimeMs).toBeGreaterThan(Date.now() - 60_000); // touched: its age counts from its last use
  });
});
