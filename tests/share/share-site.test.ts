/**
 * Sharing on a built site (the site fixture under a sub-path, with two retired slugs on the
 * Mamba paper): link unfurls as a chat client reads them, OG images, citation files, redirect
 * pages in a real browser, the copy buttons with and without JavaScript, and the build check
 * that refuses two papers claiming one URL.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import ogs from 'open-graph-scraper';
import { Ajv } from 'ajv';
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { REPO_ROOT, buildSite, type SiteBuild } from '../helpers/site-build.ts';
import { browserTestsEnabled } from '../../scripts/lib/browser.ts';
import { openInBrowser } from '../helpers/browser-site.ts';
import { pngSize } from '../helpers/png.ts';

const FIXTURE = 'tests/fixtures/site-content';
const CONTENT = '.cache/share-test/content';
/** Builds that must fail: one folder per process, so concurrent runs cannot mix their files. */
const CONFLICT_CONTENT = `.cache/share-test/conflict-${process.pid}`;
const SITE = 'https://group.example.org';
const BASE = '/reading-group/';
const MAMBA = 'mamba-linear-time-sequence-modeling-with-selective-state-spaces';
const ALIASES = ['mamba', 'mamba-selective-ssm'];

/**
 * A copy of the site fixture in which `edit` changes one paper file. Files are only written when
 * their content differs, atomically, so a concurrent test run reading the same copy never sees a
 * half-written file; `extra` adds files.
 */
function fixtureCopy(to: string, slug: string, edit: (text: string) => string, extra: Record<string, string> = {}): void {
  const source = join(REPO_ROOT, FIXTURE);
  const wanted = new Map<string, string>();
  for (const name of ['themes.yaml', ...readdirSync(join(source, 'papers')).map((f) => `papers/${f}`)]) {
    const text = readFileSync(join(source, name), 'utf8');
    wanted.set(name, name === `papers/${slug}.mdx` ? edit(text) : text);
  }
  for (const [name, text] of Object.entries(extra)) wanted.set(name, text);
  mkdirSync(join(REPO_ROOT, to, 'papers'), { recursive: true });
  for (const name of readdirSync(join(REPO_ROOT, to, 'papers'))) {
    if (!wanted.has(`papers/${name}`)) rmSync(join(REPO_ROOT, to, 'papers', name));
  }
  for (const [name, text] of wanted) {
    const file = join(REPO_ROOT, to, name);
    if (existsSync(file) && readFileSync(file, 'utf8') === text) continue;
    writeFileSync(`${file}.${process.pid}.tmp`, text);
    renameSync(`${file}.${process.pid}.tmp`, file);
  }
}

const slugs = readdirSync(join(REPO_ROOT, FIXTURE, 'papers')).map((name) => name.replace(/\.mdx?$/, ''));
const cslSchema = JSON.parse(readFileSync(join(REPO_ROOT, 'tests/fixtures/csl-data.json'), 'utf8'));
const validateCsl = new Ajv({ strict: false, allErrors: true }).compile(cslSchema);

let site: SiteBuild;
beforeAll(async () => {
  fixtureCopy(CONTENT, MAMBA, (text) => text.replace(/^aliases: \[\]$/m, `aliases: [${ALIASES.join(', ')}]`));
  site = await buildSite({ content: CONTENT, base: BASE, site: SITE });
});

const read = (path: string) => readFileSync(join(site.outDir, path), 'utf8');

describe('link unfurls (read like a chat client reads them)', () => {
  test.each(slugs)('paper %s', async (slug) => {
    const { result, error } = await ogs({ html: read(`papers/${slug}/index.html`) });
    expect(error).toBe(false);
    expect(result.ogTitle).toBeTruthy();
    expect(result.ogTitle).not.toContain('$'); // math is readable text, not TeX
    expect(result.ogUrl).toBe(`${SITE}${BASE}papers/${slug}/`);
    expect(result.ogType).toBe('article');
    expect(result.twitterCard).toBe('summary_large_image');
    // A description of whole sentences, short enough not to be cut by Slack or X.
    expect(result.ogDescription!.length).toBeGreaterThan(20);
    expect(result.ogDescription!.length).toBeLessThanOrEqual(240);
    expect(result.ogDescription).toMatch(/[.!?…)]$/);
    const [image] = result.ogImage ?? [];
    expect(image!.url).toBe(`${SITE}${BASE}og/papers/${slug}.png`);
    expect(Number(image!.width)).toBe(1200);
    expect(Number(image!.height)).toBe(630);
    expect(image!.alt).toContain(result.ogTitle);
    // The image exists in the output, and is what the meta says it is.
    const png = readFileSync(join(site.outDir, image!.url.slice(`${SITE}${BASE}`.length)));
    expect(pngSize(png)).toEqual({ width: 1200, height: 630 });
  });

  test('theme, no-theme and digest pages have their own images', async () => {
    const pages = [
      ...readdirSync(join(site.outDir, 'themes'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `themes/${d.name}`),
      ...readdirSync(join(site.outDir, 'digests'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `digests/${d.name}`),
    ];
    expect(pages).toContain('themes/unthemed');
    expect(pages.filter((p) => p.startsWith('digests/')).length).toBeGreaterThan(0);
    for (const page of pages) {
      const { result } = await ogs({ html: read(`${page}/index.html`) });
      const url = result.ogImage?.[0]?.url ?? '';
      expect(url, page).toBe(`${SITE}${BASE}og/${page}.png`);
      expect(pngSize(readFileSync(join(site.outDir, `og/${page}.png`)))).toEqual({ width: 1200, height: 630 });
    }
    expect(existsSync(join(site.outDir, 'og/cards.json'))).toBe(false); // the job list is not published
  });

  test('pages without a card of their own (home, lists, search) share the site card', async () => {
    for (const page of ['index.html', 'papers/index.html', 'themes/index.html', 'digests/index.html', 'search/index.html']) {
      const { result } = await ogs({ html: read(page) });
      expect(result.ogImage?.[0]?.url, page).toBe(`${SITE}${BASE}og/site.png`);
      expect(result.twitterCard, page).toBe('summary_large_image');
    }
    expect(pngSize(readFileSync(join(site.outDir, 'og/site.png')))).toEqual({ width: 1200, height: 630 });
  });
});

describe('citation files', () => {
  test('every paper has a BibTeX file that parses and a CSL-JSON file that validates, with one key', () => {
    const keys = new Set<string>();
    for (const slug of slugs) {
      const library = parseBibtex(read(`papers/${slug}.bib`), { sentenceCase: false });
      expect(library.errors).toEqual([]);
      expect(library.entries).toHaveLength(1);
      const csl = JSON.parse(read(`papers/${slug}.json`));
      expect(validateCsl(csl), JSON.stringify(validateCsl.errors)).toBe(true);
      expect(csl).toHaveLength(1);
      expect(csl[0].id).toBe(library.entries[0]!.key);
      // The arXiv abstract when the paper has an id, else the paper's page under the site's base path.
      const arxiv = csl[0].number?.replace(/^arXiv:/, '');
      expect(csl[0].URL).toBe(arxiv ? `https://arxiv.org/abs/${arxiv}` : `${SITE}${BASE}papers/${slug}/`);
      expect(library.entries[0]!.fields.url).toBe(csl[0].URL);
      keys.add(csl[0].id);
    }
    expect(keys.size).toBe(slugs.length);
    // PixArt-α: math escaped for LaTeX in BibTeX, readable in CSL-JSON.
    expect(read('papers/pixart-alpha-fast-training-of-diffusion-transformer.bib')).toContain('{PixArt}-{$\\alpha$}');
    expect(JSON.parse(read('papers/pixart-alpha-fast-training-of-diffusion-transformer.json'))[0].title).toMatch(/^PixArt-α/);
  });

  test('each theme and each digest has the whole set in one file', () => {
    const sets = [
      ...readdirSync(join(site.outDir, 'themes')).filter((f) => f.endsWith('.bib')).map((f) => `themes/${f.slice(0, -4)}`),
      ...readdirSync(join(site.outDir, 'digests')).filter((f) => f.endsWith('.bib')).map((f) => `digests/${f.slice(0, -4)}`),
    ];
    expect(sets).toContain('themes/ssm');
    for (const set of sets) {
      // The set's page lists the same papers as its citation files.
      const listed = [...read(`${set}/index.html`).matchAll(/href="\/reading-group\/papers\/([a-z0-9-]+)\/"/g)].map((m) => m[1]);
      const csl = JSON.parse(read(`${set}.json`));
      expect(validateCsl(csl), `${set}: ${JSON.stringify(validateCsl.errors)}`).toBe(true);
      const library = parseBibtex(read(`${set}.bib`), { sentenceCase: false });
      expect(library.errors).toEqual([]);
      expect(library.entries.map((e) => e.key)).toEqual(csl.map((item: { id: string }) => item.id));
      const keyOf = (slug: string) => JSON.parse(read(`papers/${slug}.json`))[0].id as string;
      expect(new Set(csl.map((item: { id: string }) => item.id))).toEqual(new Set(listed.map((slug) => keyOf(slug!))));
    }
  });
});

describe('permanent links', () => {
  test('each alias has a static redirect page with refresh, canonical and a visible link', () => {
    for (const alias of ALIASES) {
      const html = read(`papers/${alias}/index.html`);
      expect(html).toContain(`<meta http-equiv="refresh" content="0; url=${BASE}papers/${MAMBA}/">`);
      expect(html).toContain(`<link rel="canonical" href="${SITE}${BASE}papers/${MAMBA}/">`);
      expect(html).toMatch(new RegExp(`<a href="${BASE}papers/${MAMBA}/">Mamba: Linear-Time`));
    }
  });

  test('the sitemap lists the paper once, under its current URL, and no redirect page', () => {
    const sitemap = read('sitemap-0.xml');
    expect(sitemap).toContain(`<loc>${SITE}${BASE}papers/${MAMBA}/</loc>`);
    for (const alias of ALIASES) expect(sitemap).not.toContain(`${BASE}papers/${alias}/<`);
  });

  // Builds wait for the shared build lock (other test files build too): generous timeouts.
  test('a build where an alias is another paper\'s slug fails and names both files', { timeout: 300_000 }, async () => {
    fixtureCopy(CONFLICT_CONTENT, MAMBA, (text) => text.replace(/^aliases: \[\]$/m, 'aliases: [pixart-alpha-fast-training-of-diffusion-transformer]'));
    const failure = buildSite({ content: CONFLICT_CONTENT });
    await expect(failure).rejects.toThrow('/papers/pixart-alpha-fast-training-of-diffusion-transformer/ is claimed by:');
    await expect(failure).rejects.toThrow(/- \S*papers\/pixart-alpha-fast-training-of-diffusion-transformer\.mdx \(as its slug\)/);
    await expect(failure).rejects.toThrow(new RegExp(`- \\S*papers/${MAMBA}\\.mdx \\(as an alias\\)`));
  });

  test('two files with the same slug fail the build', { timeout: 300_000 }, async () => {
    const copy = readFileSync(join(REPO_ROOT, FIXTURE, 'papers', `${MAMBA}.mdx`), 'utf8');
    fixtureCopy(CONFLICT_CONTENT, MAMBA, (text) => text, { 'papers/mamba-copy.mdx': copy });
    await expect(buildSite({ content: CONFLICT_CONTENT })).rejects.toThrow(new RegExp(`/papers/${MAMBA}/ is claimed by:[\\s\\S]*mamba-copy\\.mdx`));
  });

  test('a paper given a name lectern\'s routes use fails the build, naming the file and the route (issue 14 item 3)', { timeout: 300_000 }, async () => {
    const copy = readFileSync(join(REPO_ROOT, FIXTURE, 'papers', `${MAMBA}.mdx`), 'utf8');
    fixtureCopy(CONFLICT_CONTENT, MAMBA, (text) => text, {
      'papers/feed.mdx': copy.replace(/^slug: .*$/m, 'slug: "feed"').replace(/^title_raw: .*$/m, 'title_raw: "Feed"'),
    });
    await expect(buildSite({ content: CONFLICT_CONTENT })).rejects.toThrow(/\S*papers\/feed\.mdx has the slug "feed", which belongs to \/papers\/feed\.json/);
  });
});

afterAll(() => rmSync(join(REPO_ROOT, CONFLICT_CONTENT), { recursive: true, force: true }));

describe.runIf(browserTestsEnabled())('in chromium', () => {
  const opened = openInBrowser(() => site);

  test.each(ALIASES)('the retired URL /papers/%s/ lands on the paper', async (alias) => {
    const page = await opened.browser.newPage();
    await page.goto(`${opened.server.url}papers/${alias}/`);
    await page.waitForURL(`${opened.server.url}papers/${MAMBA}/`);
    await expect(page.locator('h1').textContent()).resolves.toContain('Mamba: Linear-Time Sequence Modeling');
    await page.close();
  });

  test('copy buttons copy the permalink and the BibTeX entry', async () => {
    const context = await opened.browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: opened.server.origin });
    const page = await context.newPage();
    await page.goto(`${opened.server.url}papers/${MAMBA}/`);
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('link copied');
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(`${SITE}${BASE}papers/${MAMBA}/`);
    await page.getByRole('button', { name: 'Copy BibTeX' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('BibTeX copied');
    const bibtex = await page.evaluate(() => navigator.clipboard.readText());
    expect(bibtex).toBe(read(`papers/${MAMBA}.bib`).trim());
    await context.close();
  });

  test('without JavaScript there are no dead buttons, and the citation is still there', async () => {
    const context = await opened.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${opened.server.url}papers/${MAMBA}/`);
    await expect(page.getByRole('button', { name: /Copy/ }).count()).resolves.toBe(0);
    await expect(page.locator('pre.cite-bibtex').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: 'BibTeX file' }).getAttribute('href')).resolves.toBe(`${BASE}papers/${MAMBA}.bib`);
    await context.close();
  });
});
