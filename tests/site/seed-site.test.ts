/**
 * The site built from the repository's seeded content (`content/`): every paper has a page,
 * theme pages list exactly each theme's members, seed math renders as KaTeX, the search index
 * covers every paper, and the HTML is valid.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, test } from 'vitest';
import { splitMath } from '../../src/core/normalize/index.ts';
import { REPO_ROOT, buildSite, filesIn, type SiteBuild } from '../helpers/site-build.ts';
import { findBrokenLinks, htmlValidationErrors, readPage } from '../helpers/site-check.ts';

interface SeedPaper {
  slug: string;
  title: string;
  title_raw: string;
  abstract: string;
  abstract_raw: string;
  themes: string[];
}

/** The seeded papers' frontmatter, read straight from the files (independent of the site code). */
function seedPapers(): SeedPaper[] {
  const dir = join(REPO_ROOT, CONTENT, 'papers');
  return readdirSync(dir)
    .filter((name) => /\.mdx?$/.test(name))
    .map((name) => {
      const text = readFileSync(join(dir, name), 'utf8');
      const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
      if (!match) throw new Error(`${name}: no frontmatter`);
      const data = parseYaml(match[1]!) as SeedPaper;
      return { ...data, themes: data.themes ?? [] };
    });
}

const CONTENT = 'content';
const papers = seedPapers();
const themeSlugs = (parseYaml(readFileSync(join(REPO_ROOT, CONTENT, 'themes.yaml'), 'utf8')) as { themes: { slug: string }[] }).themes.map(
  (theme) => theme.slug,
);

let site: SiteBuild;
beforeAll(async () => {
  site = await buildSite({ content: CONTENT });
});

const page = (path: string) => readPage(site.outDir, path);
const listedPapers = (path: string): string[] => {
  const $ = page(path);
  return $('main table.papers td.title > a')
    .map((_, el) => /\/papers\/([^/]+)\/$/.exec($(el).attr('href') ?? '')?.[1] ?? '')
    .get()
    .sort();
};

test('the seeds are imported (189 distinct papers)', () => {
  expect(papers.length).toBe(189);
});

test('every paper has a page with its title, and no other paper pages exist', () => {
  const built = readdirSync(join(site.outDir, 'papers'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(site.outDir, 'papers', entry.name, 'index.html')))
    .map((entry) => entry.name);
  expect(built.sort()).toEqual(papers.map((paper) => paper.slug).sort());
  for (const paper of papers) {
    expect(page(`papers/${paper.slug}/index.html`)('meta[name="citation_title"]').attr('content')).toBeTruthy();
  }
});

describe('theme pages', () => {
  test.each(themeSlugs)('%s lists exactly the papers with that theme', (slug) => {
    const members = papers.filter((paper) => paper.themes.includes(slug)).map((paper) => paper.slug);
    expect(listedPapers(`themes/${slug}/index.html`)).toEqual(members.sort());
    expect(page(`themes/${slug}/index.html`)('main').text()).toContain(members.length === 1 ? '1 paper' : `${members.length} papers`);
  });

  test('the "no theme" page lists exactly the papers without a theme', () => {
    const members = papers.filter((paper) => paper.themes.length === 0).map((paper) => paper.slug);
    expect(listedPapers('themes/unthemed/index.html')).toEqual(members.sort());
  });

  test('the all-papers table lists every paper once', () => {
    const $ = page('papers/index.html');
    expect($('table.papers tbody tr')).toHaveLength(papers.length);
  });
});

describe('seed math', () => {
  const mathSegments = (clean: string) => splitMath(clean).filter((segment) => segment.kind === 'math');

  const katexStylesheets = ($: ReturnType<typeof page>) => $('link[rel="stylesheet"][href*="katex"]').length;

  test('every $...$ formula in seed titles and abstracts renders as KaTeX, with MathML; KaTeX CSS only on pages with math', () => {
    // the seeds' math (PixArt-$α$, \\times, \\sim, \\alpha, \\eta...) is kept as math by the normalizer
    expect(papers.filter((paper) => mathSegments(paper.title).length + mathSegments(paper.abstract).length > 0).length).toBeGreaterThanOrEqual(20);
    for (const paper of papers) {
      const expected = [...mathSegments(paper.title), ...mathSegments(paper.abstract)].map((segment) => segment.kind === 'math' && segment.tex);
      const $ = page(`papers/${paper.slug}/index.html`);
      const rendered = $('article h1 .katex annotation, article .abstract .katex annotation').map((_, el) => $(el).text()).get();
      expect(rendered, paper.slug).toEqual(expected);
      // a page without math of its own may still list a related paper whose title has math
      expect(katexStylesheets($), paper.slug).toBe($('.katex').length > 0 ? 1 : 0);
      if (expected.length > 0) expect(katexStylesheets($), paper.slug).toBe(1);
    }
  });

  test('PixArt-$α$ from the seeds renders as KaTeX and reads PixArt-α, never with dollars', () => {
    const pixart = papers.find((paper) => paper.title_raw.startsWith('PixArt-$α$'));
    expect(pixart, 'the seeds have PixArt-$α$').toBeDefined();
    const $ = page(`papers/${pixart!.slug}/index.html`);
    expect($('article h1 .katex annotation').text()).toBe('α');
    expect($('article .abstract .katex annotation').first().text()).toBe('\\alpha'); // PIXART-\\alpha$ in the abstract
    expect(katexStylesheets($)).toBe(1);
    const visible = $('article h1').clone();
    visible.find('.katex-mathml, .visually-hidden').remove();
    expect(visible.text()).toMatch(/^PixArt-α: Fast Training/);
  });

  test.each(['5.18\\times$', 'almost 40times'])('\\times from the seeds (%s) renders as KaTeX ×', (raw) => {
    const found = papers.find((paper) => paper.abstract_raw.includes(raw));
    expect(found, `the seeds have ${raw}`).toBeDefined();
    const $ = page(`papers/${found!.slug}/index.html`);
    expect($('article .abstract .katex annotation').map((_, el) => $(el).text()).get()).toContain('\\times');
    expect($('article .abstract .katex-html').text()).toContain('×');
    expect(katexStylesheets($)).toBe(1);
    const abstract = $('article .abstract').clone();
    abstract.find('.katex-mathml, .visually-hidden').remove();
    expect(abstract.text()).toMatch(/(5\.18|40)\s?×/);
    expect(abstract.text()).not.toContain('\\times');
  });

  test('no raw TeX commands are left in any rendered title or abstract', () => {
    for (const paper of papers) {
      const $ = page(`papers/${paper.slug}/index.html`);
      const text = $('article h1, article .abstract').clone();
      text.find('.katex, code.math-source').remove();
      expect(text.text(), paper.slug).not.toMatch(/\\[a-zA-Z]+/);
    }
  });
});

describe('search index', () => {
  test('Pagefind indexed every paper page (and only paper pages)', () => {
    const entry = JSON.parse(readFileSync(join(site.outDir, 'pagefind/pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>;
    };
    const count = Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
    expect(count).toBe(papers.length);
  });
});

describe('whole-site checks', () => {
  test("the build log carries no warning about Astro's own head-inject marker (one per digest and session before)", () => {
    expect(site.log).toContain('[lectern:build]');
    expect(site.log).not.toContain('MODULE_LEVEL_DIRECTIVE');
  });

  test('no broken internal links or anchors', () => {
    expect(findBrokenLinks(site.outDir, site.base, site.site)).toEqual([]);
  });

  test('valid HTML (W3C Nu validator) on every page type', () => {
    const sample = [
      'index.html',
      '404.html',
      'search/index.html',
      'papers/index.html',
      'themes/index.html',
      'themes/unthemed/index.html',
      ...themeSlugs.map((slug) => `themes/${slug}/index.html`),
      ...papers.slice(0, 25).map((paper) => `papers/${paper.slug}/index.html`),
    ];
    expect(htmlValidationErrors(site.outDir, sample)).toEqual([]);
  }, 120_000);

  test('every built HTML page declares a canonical URL and Open Graph basics', () => {
    for (const path of filesIn(site.outDir, '.html').filter((p) => !p.startsWith('pagefind/'))) {
      const $ = page(path);
      // Alias redirects (links issue) and the 404 page have no canonical URL of their own.
      if ($('meta[http-equiv="refresh"]').length > 0 || path === '404.html') continue;
      expect($('link[rel="canonical"]').attr('href'), path).toMatch(/^https:\/\/lectern\.example\.org\//);
      for (const property of ['og:title', 'og:description', 'og:url', 'og:type']) {
        expect($(`meta[property="${property}"]`).attr('content'), `${path} ${property}`).toBeTruthy();
      }
    }
  });
});
