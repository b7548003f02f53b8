/**
 * Issue 15, "the same sentence feeds digest items, exports, feeds, og:description and search
 * excerpts", on a real build of the site fixture in which one paper has a `tldr:` a person wrote:
 * each paper's one-line summary (the tldr, else the abstract's sentence stating the contribution)
 * is what every one of those places shows, and the abstract's background first sentence is in
 * none of them. Search is checked in chromium against the Pagefind index the build wrote. And a
 * paper marked `featured: true` leads its week's digest. (The content: tests/helpers/fixture-variant.ts.)
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { REPO_ROOT, buildSite, type SiteBuild } from '../helpers/site-build.ts';
import { readPage } from '../helpers/site-check.ts';
import { MAMBA, MAMBA_TLDR, PIXART, fixtureVariant, VARIANT_ENV } from '../helpers/fixture-variant.ts';
import { browserTestsEnabled } from '../../scripts/lib/browser.ts';
import { openInBrowser } from '../helpers/browser-site.ts';
import { checkJsonFeed, checkRss } from './feed-check.ts';

const QUAMBA = 'quamba-a-post-training-quantization-recipe-for-selective-state-space-models';
/** Read in the fixture: Quamba's first sentence is background, its second states the contribution. */
const EXPECTED: Record<string, { summary: string; background: string }> = {
  // The tldr wins over the abstract's own contribution sentence ("We identify that ...").
  [MAMBA]: { summary: MAMBA_TLDR, background: 'We identify that a key weakness of such models' },
  [QUAMBA]: {
    summary: 'We propose a static 8-bit per-tensor SSM quantization method which suppresses the maximum values of the input activations.',
    background: 'State Space Models (SSMs) have emerged as an appealing alternative to Transformers.',
  },
};
const WEEK_OF: Record<string, string> = { [MAMBA]: '2026-w47', [QUAMBA]: '2026-w45' };

const CONTENT = fixtureVariant();
let site: SiteBuild;
beforeAll(async () => {
  site = await buildSite({ content: CONTENT, env: VARIANT_ENV });
}, 600_000);

const squash = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

describe('one sentence per paper, everywhere', () => {
  test('the fixture reads as this test assumes (each sentence that must not show is in the abstract)', () => {
    for (const [slug, { background }] of Object.entries(EXPECTED)) {
      expect(readFileSync(join(REPO_ROOT, CONTENT, 'papers', `${slug}.mdx`), 'utf8'), slug).toContain(background);
    }
  });

  test('og:description, the meta description and the search summary of the paper page', () => {
    for (const [slug, { summary }] of Object.entries(EXPECTED)) {
      const $ = readPage(site.outDir, `papers/${slug}/index.html`);
      expect($('meta[property="og:description"]').attr('content'), slug).toBe(summary);
      expect($('meta[name="description"]').attr('content'), slug).toBe(summary);
      expect(squash($('[data-pagefind-meta="summary"]').text()), slug).toBe(summary);
    }
  });

  test('the digest row of the week the paper was added', () => {
    for (const [slug, { summary, background }] of Object.entries(EXPECTED)) {
      const $ = readPage(site.outDir, `digests/${WEEK_OF[slug]}/index.html`);
      const row = $(`.digest a.paper-title[href="/papers/${slug}/"]`).closest('li');
      const text = squash(row.find('.summary').text());
      // The row is one line: a byline, then the summary (cut with … only when it does not fit).
      const shown = text.slice(text.indexOf(' — ') + 3).replace(/…$/, '');
      expect(shown.length, slug).toBeGreaterThan(40);
      expect(summary.startsWith(shown), `${slug}: ${text}`).toBe(true);
      expect(row.text(), slug).not.toContain(background);
    }
  });

  test('a paper marked featured: true leads its digest in "Featured", with its summary, not in "Other"', () => {
    const $ = readPage(site.outDir, 'digests/2026-w46/index.html');
    expect($('.digest section h2').first().attr('id')).toBe('featured');
    expect($('nav.digest-contents a').first().attr('href')).toBe('#featured');
    const featured = $('.digest section:has(h2#featured) .paper-list > li');
    expect(featured.find('a.paper-title').map((_, a) => $(a).attr('href')).get()).toEqual([`/papers/${PIXART}/`]);
    expect(squash(featured.find('.summary').text())).toContain('We introduce PixArt-'); // α is KaTeX: its text repeats in MathML
    expect($(`.digest section:has(h2#other) a.paper-title[href="/papers/${PIXART}/"]`).length).toBe(0);
  });

  test('the papers feed (RSS description, JSON Feed summary) and the digest feed', () => {
    const rss = checkRss(readFileSync(join(site.outDir, 'papers/rss.xml'), 'utf8'), 'papers/rss.xml');
    const json = checkJsonFeed(readFileSync(join(site.outDir, 'papers/feed.json'), 'utf8'), 'papers/feed.json') as unknown as {
      items: { id: string; summary?: string }[];
    };
    const digests = checkRss(readFileSync(join(site.outDir, 'digests/rss.xml'), 'utf8'), 'digests/rss.xml');
    for (const [slug, { summary, background }] of Object.entries(EXPECTED)) {
      const link = `${site.site}/papers/${slug}/`;
      expect(squash(rss.items.find((item) => item.link === link)?.description), slug).toBe(summary);
      expect(json.items.find((item) => item.id === link)?.summary, slug).toBe(summary);
      const week = digests.items.find((item) => item.link === `${site.site}/digests/${WEEK_OF[slug]}/`);
      expect(squash(week?.content), slug).toContain(summary);
      expect(squash(week?.content), slug).not.toContain(background);
    }
  });

  test('`npm run digest -- export` in Markdown and Slack form', () => {
    for (const [slug, { summary, background }] of Object.entries(EXPECTED)) {
      for (const format of ['md', 'slack']) {
        const run = spawnSync(
          join(REPO_ROOT, 'node_modules/.bin/node'),
          [join(REPO_ROOT, 'scripts/digest.ts'), 'export', '--week', WEEK_OF[slug]!, '--format', format, '--content', join(REPO_ROOT, CONTENT)],
          { encoding: 'utf8' },
        );
        expect(run.status, run.stderr).toBe(0);
        const line = run.stdout.split('\n').find((l) => l.includes(`/papers/${slug}/`));
        expect(line, `${format} ${slug}`).toContain(summary);
        expect(run.stdout, `${format} ${slug}`).not.toContain(background);
      }
    }
  }, 120_000);

  describe.runIf(browserTestsEnabled())('search in chromium', () => {
    const opened = openInBrowser(() => site);

    test('a search result shows the paper\'s one-line summary', async () => {
      const page = await opened.browser.newPage();
      for (const [slug, { summary }, query] of [
        [MAMBA, EXPECTED[MAMBA]!, 'mamba'],
        [QUAMBA, EXPECTED[QUAMBA]!, 'quamba'],
      ] as const) {
        await page.goto(`${opened.server.url}search/?q=${query}`, { waitUntil: 'networkidle' });
        const result = page.locator(`#search-results > li:has(a.paper-title[href="/papers/${slug}/"])`);
        await result.waitFor();
        expect(squash((await result.locator('p:not(.meta)').first().textContent()) ?? ''), slug).toBe(summary);
      }
      await page.close();
    });
  });
});

