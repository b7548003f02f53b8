/**
 * Every paper page of the seeded site (`content/`) unfurls as a chat client shows it: title,
 * a description of whole sentences, the absolute canonical URL and a 1200x630 image that
 * exists; each page lists its related papers and offers its citation files.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import ogs from 'open-graph-scraper';
import { parse as parseYaml } from 'yaml';
import { REPO_ROOT, buildSite, type SiteBuild } from '../helpers/site-build.ts';
import { readPage } from '../helpers/site-check.ts';
import { pngSize } from '../helpers/png.ts';
import { toPlainText } from '../../src/core/normalize/index.ts';

const SITE = 'https://lectern.example.org';
const papers = readdirSync(join(REPO_ROOT, 'content/papers'))
  .filter((name) => name.endsWith('.mdx'))
  .map((name) => {
    const text = readFileSync(join(REPO_ROOT, 'content/papers', name), 'utf8');
    return parseYaml(/^---\r?\n([\s\S]*?)\r?\n---/.exec(text)![1]!) as { slug: string; title: string };
  });

let site: SiteBuild;
beforeAll(async () => {
  site = await buildSite();
});

test('the seeded content has the 189 seed papers', () => {
  expect(papers).toHaveLength(189);
});

test('every paper page unfurls with title, sentence-bounded description, absolute URL and an existing 1200x630 image', async () => {
  for (const paper of papers) {
    const { result, error } = await ogs({ html: readFileSync(join(site.outDir, 'papers', paper.slug, 'index.html'), 'utf8') });
    const where = `papers/${paper.slug}/`;
    expect(error, where).toBe(false);
    expect(result.ogTitle, where).toBe(toPlainText(paper.title));
    expect(result.ogUrl, where).toBe(`${SITE}/papers/${paper.slug}/`);
    expect(result.twitterCard, where).toBe('summary_large_image');
    expect(result.ogDescription!.length, where).toBeGreaterThan(30);
    expect(result.ogDescription!.length, where).toBeLessThanOrEqual(240);
    expect(result.ogDescription, where).toMatch(/[.!?…)"”]$/);
    const image = result.ogImage![0]!;
    expect(image.url, where).toBe(`${SITE}/og/papers/${paper.slug}.png`);
    expect([Number(image.width), Number(image.height)], where).toEqual([1200, 630]);
    expect(pngSize(readFileSync(join(site.outDir, 'og/papers', `${paper.slug}.png`))), where).toEqual({ width: 1200, height: 630 });
  }
});

test('every paper page lists up to five related papers that exist, and links its citation files', () => {
  let withRelated = 0;
  for (const paper of papers) {
    const $ = readPage(site.outDir, `papers/${paper.slug}/index.html`);
    const related = $('section.related a.paper-title').map((_, a) => $(a).attr('href')).get();
    expect(related.length).toBeLessThanOrEqual(5);
    expect(related).not.toContain(`/papers/${paper.slug}/`);
    for (const href of related) expect(existsSync(join(site.outDir, href, 'index.html')), href).toBe(true);
    if (related.length > 0) withRelated += 1;
    for (const ext of ['bib', 'json']) {
      expect($(`a[href="/papers/${paper.slug}.${ext}"]`).length).toBe(1);
      expect(existsSync(join(site.outDir, 'papers', `${paper.slug}.${ext}`))).toBe(true);
    }
  }
  expect(withRelated).toBeGreaterThan(180);
});

test('the Mamba paper page lists other state-space papers as related', () => {
  const mamba = papers.find((p) => p.title.startsWith('Mamba: Linear-Time Sequence Modeling'))!;
  const $ = readPage(site.outDir, `papers/${mamba.slug}/index.html`);
  const titles = $('section.related a.paper-title').map((_, a) => $(a).text()).get();
  expect(titles.filter((t) => /mamba|state.space|ssm/i.test(t)).length).toBeGreaterThanOrEqual(3);
});
