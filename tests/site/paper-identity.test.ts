/**
 * Issue 12 "What people see", on the site built from the fixture folder: author names, the links
 * row, linked abstract URLs, first authors and year in list rows, citations a real BibTeX parser
 * reads without warnings, the meta tags Zotero's connector reads, the Open Graph card's authors,
 * and search by author name.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { beforeAll, describe, expect, test } from 'vitest';
import { browserTestsEnabled } from '../../scripts/lib/browser.ts';
import { openInBrowser } from '../helpers/browser-site.ts';
import { buildSite, type SiteBuild } from '../helpers/site-build.ts';
import { readPage } from '../helpers/site-check.ts';
import { readEmbeddedMetadata } from '../helpers/zotero-embedded.ts';

const FLASH = 'flashattention-fast-and-memory-efficient-exact-attention-with-io-awareness';
const MAMBA = 'mamba-linear-time-sequence-modeling-with-selective-state-spaces';
const PIXART = 'pixart-alpha-fast-training-of-diffusion-transformer';
const PAGED = 'efficient-memory-management-for-llm-serving-with-pagedattention';

let site: SiteBuild;
beforeAll(async () => {
  site = await buildSite({ content: 'tests/fixtures/site-content' });
});

const paperPage = (slug: string) => readPage(site.outDir, `papers/${slug}/index.html`);
const bibOf = (slug: string) => readFileSync(join(site.outDir, 'papers', `${slug}.bib`), 'utf8');

describe('paper page', () => {
  test('lists every author and links to the arXiv abstract, the PDF, the Hugging Face page and the code', () => {
    const $ = paperPage(FLASH);
    expect($('p.authors').text()).toBe('Authors: Tri Dao, Daniel Y. Fu, Stefano Ermon, Atri Rudra, Christopher Ré');
    const links = $('ul.paper-links a')
      .map((_, a) => [[$(a).text(), $(a).attr('href'), $(a).attr('rel')]])
      .get();
    expect(links).toEqual([
      ['arXiv', 'https://arxiv.org/abs/2205.14135', 'external noopener'],
      ['PDF', 'https://arxiv.org/pdf/2205.14135', 'external noopener'],
      ['Hugging Face', 'https://huggingface.co/papers/2205.14135', 'external noopener'],
      ['Code', 'https://github.com/Dao-AILab/flash-attention', 'external noopener'],
    ]);
  });

  test('without names or an arXiv id it shows what the listing said and searches Hugging Face', () => {
    const $ = paperPage(PIXART);
    expect($('p.authors')).toHaveLength(0);
    expect($('dl.meta-list').text()).toContain('Organisation PixArt');
    expect($('ul.paper-links a').attr('href')).toMatch(/^https:\/\/huggingface\.co\/papers\?q=PixArt-%CE%B1/);
  });

  test('a URL in the abstract is a link; the markup-like text around it stays text', () => {
    const $ = paperPage(PAGED);
    const link = $('.abstract a');
    expect(link.attr('href')).toBe('https://github.com/vllm-project/vllm');
    expect(link.attr('rel')).toBe('noopener');
    expect(link.text()).toBe('https://github.com/vllm-project/vllm');
    expect($('.abstract').text()).toContain('<script>alert(1)</script> is plain text here');
    expect($('.abstract script')).toHaveLength(0);
  });
});

describe('Open Graph card', () => {
  // The card's text is in its alt text (the PNG's drawing of that text: tests/share/og-layout.test.ts).
  test('names the first authors, else what the listing said', () => {
    const alt = (slug: string) => paperPage(slug)('meta[property="og:image:alt"]').attr('content');
    expect(alt(FLASH)).toBe(
      'Paper: FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness. Tri Dao, Daniel Y. Fu, Stefano Ermon et al. · Published 27 May 2022. Themes: Efficient attention.',
    );
    expect(alt(MAMBA)).toContain('. Albert Gu and Tri Dao · Published ');
    expect(alt(PIXART)).toContain('. PixArt · Published ');
    expect(paperPage(FLASH)('meta[name="twitter:image:alt"]').attr('content')).toBe(alt(FLASH));
  });
});

describe('list rows', () => {
  test('home, theme pages, digests and the papers table show first authors and year', () => {
    const byline = (path: string, slug: string) => {
      const $ = readPage(site.outDir, path);
      return $(`.paper-list > li:has(a[href$="/papers/${slug}/"]) .byline`).text();
    };
    expect(byline('index.html', FLASH)).toBe('Tri Dao, Daniel Y. Fu, Stefano Ermon et al. · 2022');
    // Theme pages and the papers list are tables (grouped by week added on theme pages): authors
    // under the title, the date in its column.
    const tableRow = (path: string, slug: string) => {
      const row = readPage(site.outDir, path)(`tr:has(td.title a[href$="/papers/${slug}/"])`);
      return `${row.find('.authors').text()} · ${row.find('td[data-label="Published"] time').attr('datetime')?.slice(0, 4)}`;
    };
    expect(tableRow('themes/ssm/index.html', MAMBA)).toBe('Albert Gu and Tri Dao · 2023');
    const digest = readPage(site.outDir, 'digests/2026-w47/index.html');
    // Digest rows are one line: the first author only.
    expect(digest(`li:has(> a.paper-title[href$="/papers/${MAMBA}/"]) .byline`).text()).toBe('Albert Gu et al. · 2023 — ');
    // Without names, what the listing said.
    expect(tableRow('themes/unthemed/index.html', PIXART)).toBe('PixArt · 2023');
    expect(tableRow('papers/index.html', MAMBA)).toBe('Albert Gu and Tri Dao · 2023');
  });
});

describe('citations', () => {
  test('the .bib of a paper with an arXiv id has author, year and eprint, and parses without warnings', () => {
    const library = parseBibtex(bibOf(FLASH), { sentenceCase: false });
    expect(library.errors).toEqual([]);
    const [entry] = library.entries;
    expect(entry!.fields.author?.map((a) => a.lastName)).toEqual(['Dao', 'Fu', 'Ermon', 'Rudra', 'Ré']);
    expect(entry!.fields).toMatchObject({ year: '2022', eprint: '2205.14135', archiveprefix: 'arXiv', primaryclass: 'cs.LG', url: 'https://arxiv.org/abs/2205.14135' });
    expect(bibOf(FLASH)).toContain('title = {{FlashAttention}: Fast and Memory-Efficient Exact Attention with {IO}-Awareness}');
    // The page shows the same entry.
    expect(paperPage(FLASH)('pre.cite-bibtex').text()).toBe(bibOf(FLASH).trim());
  });

  test('a paper without author names says its citation is incomplete, on the page and in the entry', () => {
    expect(paperPage(PIXART)('.cite-incomplete').text()).toContain('citation incomplete: authors unknown');
    expect(bibOf(PIXART).split('\n')[0]).toBe('% citation incomplete: authors unknown (listed by PixArt)');
    expect(paperPage(FLASH)('.cite-incomplete')).toHaveLength(0);
    const library = parseBibtex(bibOf(PIXART), { sentenceCase: false });
    expect(library.errors).toEqual([]);
    expect(library.entries[0]!.fields.url).toBe(`https://lectern.example.org/papers/${PIXART}/`);
  });

  test('CSL-JSON has family and given names', () => {
    const [item] = JSON.parse(readFileSync(join(site.outDir, 'papers', `${MAMBA}.json`), 'utf8'));
    expect(item.author).toEqual([
      { family: 'Gu', given: 'Albert' },
      { family: 'Dao', given: 'Tri' },
    ]);
    expect(item.URL).toBe('https://arxiv.org/abs/2312.00752');
  });

  test('theme bundles parse without warnings too', () => {
    for (const theme of ['ssm', 'efficient-attention', 'quantization']) {
      const library = parseBibtex(readFileSync(join(site.outDir, 'themes', `${theme}.bib`), 'utf8'), { sentenceCase: false });
      expect(library.errors, theme).toEqual([]);
      expect(library.entries.length, theme).toBeGreaterThan(0);
    }
  });
});

describe("meta tags, read as Zotero's Embedded Metadata translator reads them", () => {
  test('title, one creator per author (last/first split right), date, PDF and arXiv id', () => {
    expect(readEmbeddedMetadata(paperPage(FLASH))).toEqual({
      title: 'FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness',
      creators: [
        { lastName: 'Dao', firstName: 'Tri' },
        { lastName: 'Fu', firstName: 'Daniel Y.' },
        { lastName: 'Ermon', firstName: 'Stefano' },
        { lastName: 'Rudra', firstName: 'Atri' },
        { lastName: 'Ré', firstName: 'Christopher' },
      ],
      date: '2022/05/27',
      pdfUrl: 'https://arxiv.org/pdf/2205.14135',
      DOI: null,
      arxivId: '2205.14135',
    });
  });

  test('a paper without names or an id gets its title and date, and no invented author or PDF', () => {
    expect(readEmbeddedMetadata(paperPage(PIXART))).toMatchObject({ creators: [], date: '2023/09/30', pdfUrl: null, arxivId: null });
  });
});

describe.runIf(browserTestsEnabled())('search by author in chromium', () => {
  const opened = openInBrowser(() => site);

  test.each([
    ['Ermon', ['FlashAttention']],
    ['Dao', ['FlashAttention', 'Mamba']],
  ])('searching %j finds the papers by that author, with first authors and year', async (query, expected) => {
    const page = await opened.browser.newPage();
    await page.goto(`${opened.server.url}search/?q=${query}`);
    await page.waitForFunction(() => /found/.test(document.getElementById('search-status')?.textContent ?? ''));
    const titles = await page.locator('#search-results > li > a.paper-title').allTextContents();
    for (const title of expected) expect(titles.some((t) => t.startsWith(title)), titles.join('\n')).toBe(true);
    expect(titles).toHaveLength(expected.length);
    const facts = await page.locator('#search-results > li > p.meta').allTextContents();
    expect(facts.some((line) => line.startsWith('Tri Dao, Daniel Y. Fu, Stefano Ermon et al. · 2022')), facts.join('\n')).toBe(true);
    await page.close();
  });
});
