/**
 * The site built from a small fixture folder whose papers exercise the rendering edge cases:
 * math in titles and abstracts, a literal `\$`, math KaTeX rejects, markup-like text, and an MDX
 * notes body with headings and code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildSite, filesIn, type SiteBuild } from '../helpers/site-build.ts';
import { findBrokenLinks, htmlValidationErrors, readPage } from '../helpers/site-check.ts';

const FLASH = 'papers/flashattention-fast-and-memory-efficient-exact-attention-with-io-awareness/index.html';
const PIXART = 'papers/pixart-alpha-fast-training-of-diffusion-transformer/index.html';
const QUAMBA = 'papers/quamba-a-post-training-quantization-recipe-for-selective-state-space-models/index.html';
const PAGED = 'papers/efficient-memory-management-for-llm-serving-with-pagedattention/index.html';

let site: SiteBuild;
beforeAll(async () => {
  site = await buildSite({ content: 'tests/fixtures/site-content' });
});

const page = (path: string) => readPage(site.outDir, path);
const katexStylesheet = (path: string) => page(path)('link[rel="stylesheet"][href*="katex"]').length;

describe('build output', () => {
  test('a content folder without digest intros builds without warnings about the missing folder', () => {
    expect(site.log).toContain('[lectern:build]');
    expect(site.log).not.toMatch(/does not exist|is empty/);
  });
});

describe('math in titles and abstracts', () => {
  test('inline math renders through KaTeX at build time, with MathML for screen readers', () => {
    const $ = page(PIXART);
    expect($('h1 .katex math annotation').text()).toBe('α');
    expect($('.abstract .katex math annotation').text()).toBe('\\alpha');
    expect($('.abstract .katex-html').text()).toContain('α');
    const flash = page(FLASH)('.abstract .katex annotation').first().text();
    expect(flash).toBe('O(n^2)');
  });

  test('a literal \\$ shows as a dollar sign, not math', () => {
    expect(page(FLASH)('.abstract').text()).toContain('costs less than $1 per run');
    expect(page(PIXART)('.abstract').text()).toContain('saving nearly $300,000');
  });

  test('math KaTeX rejects is shown as its source text; the build does not fail', () => {
    const $ = page(QUAMBA);
    expect($('.abstract .katex annotation').first().text()).toBe('1.72\\times');
    expect($('.abstract code.math-source').text()).toBe('\\frac{1}{');
  });

  test('markup-like text in an abstract is escaped, never executed', () => {
    const $ = page(PAGED);
    expect($('.abstract').text()).toContain('<script>alert(1)</script> is plain text here, as is {braces}.');
    expect($('article script')).toHaveLength(0);
  });

  test('the KaTeX stylesheet is linked only on pages that render math', () => {
    expect(katexStylesheet(PIXART)).toBe(1);
    expect(katexStylesheet(FLASH)).toBe(1);
    // Theme pages show titles only: Quamba's math is in its abstract, PixArt's in its title.
    expect(katexStylesheet('themes/quantization/index.html')).toBe(0);
    expect(katexStylesheet('themes/unthemed/index.html')).toBe(1);
    expect(katexStylesheet('search/index.html')).toBe(0);
    expect(katexStylesheet('404.html')).toBe(0);
  });

  test('plain-text places (title tag, meta, citation) show math as readable text', () => {
    const $ = page(PIXART);
    expect($('title').text()).toBe('PixArt-α: Fast Training of Diffusion Transformer for Photorealistic Text-to-Image Synthesis · lectern');
    expect($('meta[name="citation_title"]').attr('content')).toMatch(/^PixArt-α: Fast Training/);
    expect($('meta[property="og:title"]').attr('content')).toMatch(/^PixArt-α:/);
    expect($('[data-pagefind-meta="title"]').text()).toMatch(/^PixArt-α: Fast/);
  });
});

describe('notes (the MDX body)', () => {
  test('headings get ids and anchor links, code is highlighted by Shiki in both themes, math renders', () => {
    const $ = page(FLASH);
    const notes = $('section.notes');
    expect(notes.find('h2#why-we-read-it a.heading-anchor').attr('href')).toBe('#why-we-read-it');
    expect(notes.find('h3#open-questions a.heading-anchor').attr('href')).toBe('#open-questions');
    const code = notes.find('pre.astro-code');
    expect(code.text()).toContain('def attention(q, k, v):');
    expect(code.find('span[style*="--shiki-dark"]').length).toBeGreaterThan(0);
    expect(notes.find('.katex annotation').text()).toContain('\\Theta');
  });

  test('a paper without notes has no notes section', () => {
    expect(page(PIXART)('section.notes')).toHaveLength(0);
  });
});

describe('paper page metadata', () => {
  test('canonical, Open Graph, Twitter and citation meta', () => {
    const $ = page(FLASH);
    const url = 'https://lectern.example.org/papers/flashattention-fast-and-memory-efficient-exact-attention-with-io-awareness/';
    expect($('link[rel="canonical"]').attr('href')).toBe(url);
    expect($('meta[property="og:url"]').attr('content')).toBe(url);
    expect($('meta[property="og:type"]').attr('content')).toBe('article');
    expect($('meta[property="og:description"]').attr('content')).toBe(
      // The sentence that states the contribution (paperSummary), not the field's background.
      'We propose FlashAttention, an IO-aware exact attention algorithm that uses tiling to reduce the number of memory reads and writes.',
    );
    expect($('meta[name="twitter:card"]').attr('content')).toBeTruthy();
    expect($('meta[name="twitter:title"]').attr('content')).toBe($('meta[property="og:title"]').attr('content'));
    expect($('meta[name="citation_publication_date"]').attr('content')).toBe('2022/05/27');
  });

  test('dates, upvotes and themes are shown; without author names, what the listing said instead', () => {
    const $ = page(FLASH);
    const meta = $('dl.meta-list').text();
    expect(meta).toContain('27 May 2022');
    expect(meta).toContain('Upvotes 12');
    expect($('article a.chip').attr('href')).toBe('/themes/efficient-attention/');
    expect(page(QUAMBA)('dl.meta-list').text()).toContain('Author 1');
    expect(page(PIXART)('dl.meta-list').text()).toContain('Organisation PixArt');
  });
});

describe('index pages', () => {
  test('theme pages list their members most recently added first; the "no theme" page lists the rest', () => {
    const titles = (path: string) =>
      page(path)('table.papers td.title > a')
        .map((_, el) => page(path)(el).attr('href'))
        .get();
    expect(titles('themes/ssm/index.html')).toEqual([
      '/papers/mamba-linear-time-sequence-modeling-with-selective-state-spaces/',
      '/papers/quamba-a-post-training-quantization-recipe-for-selective-state-space-models/',
    ]);
    expect(titles('themes/unthemed/index.html')).toEqual(['/papers/pixart-alpha-fast-training-of-diffusion-transformer/']);
    expect(page('themes/ssm/index.html')('main').text()).toContain('2 papers');
  });

  test('all papers: a table in the default order (most recently added first)', () => {
    const $ = page('papers/index.html');
    const added = $('table.papers tbody td[data-label="Added"] time').map((_, el) => $(el).attr('datetime')).get();
    expect(added).toEqual([...added].sort().reverse());
    expect(added).toHaveLength(5);
    expect($('th[aria-sort="descending"]').text()).toBe('Added');
  });

  test('home lists the latest additions and every theme with its count', () => {
    const $ = page('index.html');
    expect($('.paper-list > li')).toHaveLength(5);
    expect($('.theme-grid').text()).toContain('State-space models');
    expect($('.theme-grid').text()).toContain('No theme');
  });
});

describe('site files', () => {
  test('sitemap lists every page but the 404; robots.txt points at it', () => {
    const sitemap = readFileSync(join(site.outDir, 'sitemap-0.xml'), 'utf8');
    expect(sitemap).toContain('<loc>https://lectern.example.org/papers/pixart-alpha-fast-training-of-diffusion-transformer/</loc>');
    expect(sitemap).toContain('<loc>https://lectern.example.org/themes/unthemed/</loc>');
    expect(sitemap).not.toContain('404');
    const robots = readFileSync(join(site.outDir, 'robots.txt'), 'utf8');
    expect(robots).toContain('Sitemap: https://lectern.example.org/sitemap-index.xml');
  });

  test('the 404 page is not indexed by search engines', () => {
    expect(page('404.html')('meta[name="robots"]').attr('content')).toBe('noindex');
  });

  test('no broken internal links or anchors', () => {
    expect(findBrokenLinks(site.outDir, site.base, site.site)).toEqual([]);
  });

  test('every page is valid HTML (W3C Nu validator), KaTeX MathML and Shiki code included', () => {
    const pages = filesIn(site.outDir, '.html').filter((path) => !path.startsWith('pagefind/'));
    expect(htmlValidationErrors(site.outDir, pages)).toEqual([]);
  }, 120_000);
});
