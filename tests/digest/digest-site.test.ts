/**
 * Digests and feeds of the site built from the seeded content (`content/`, spread over several
 * ISO weeks): a page per week with additions, each paper in exactly one week, weeks in order,
 * feeds that a validator and a feed reader accept, GUIDs unchanged by a rebuild, rel=alternate on
 * every page, and the export's Markdown linking only to pages that exist.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { visit } from 'unist-util-visit';
import { fromHtml } from 'hast-util-from-html';
import { REPO_ROOT, buildSite, filesIn, type SiteBuild } from '../helpers/site-build.ts';
import { fileForPath, readPage } from '../helpers/site-check.ts';
import { parsePaperFile } from '../../src/core/papers/frontmatter.ts';
import { isoWeekOf, weekSlug } from '../../src/core/digest/week.ts';
import { checkJsonFeed, checkRss } from './feed-check.ts';

const CONTENT = process.env.LECTERN_DIGEST_TEST_CONTENT ?? 'content';

interface Frontmatter {
  slug: string;
  title: string;
  abstract: string;
  added: string;
  themes: string[];
  featured?: boolean;
  authors: { names?: string[] };
  submitted?: string | Date | null;
  published?: string | Date | null;
  year?: number | null;
}

/** The year a paper's rows show: of its submission or publication day, else its `year`. */
function yearOf(paper: Frontmatter): number | null {
  const day = paper.submitted ?? paper.published;
  return day ? Number(String(day instanceof Date ? day.toISOString() : day).slice(0, 4)) : (paper.year ?? null);
}

/** Theme slugs in the order of content/themes.yaml. */
function taxonomyOrder(): string[] {
  const text = readFileSync(join(REPO_ROOT, CONTENT, 'themes.yaml'), 'utf8');
  return [...text.matchAll(/^\s+-?\s*slug:\s*["']?([a-z0-9-]+)/gm)].map((m) => m[1]!);
}

/** The content's papers and intros, read straight from the files (not through the site code). */
function readContent(): { papers: Frontmatter[]; intros: Map<string, { title: string; body: string }> } {
  const read = (dir: string) =>
    readdirSync(join(REPO_ROOT, CONTENT, dir), { withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.mdx?$/.test(entry.name))
      .map((entry) => {
        const parsed = parsePaperFile(readFileSync(join(REPO_ROOT, CONTENT, dir, entry.name), 'utf8'));
        if (!parsed.ok) throw new Error(`${dir}/${entry.name}: ${parsed.message}`);
        return { name: entry.name.replace(/\.mdx?$/, ''), data: parsed.file.data, body: parsed.file.body };
      });
  const papers = read('papers').map(({ data }) => {
    const added = data.added instanceof Date ? data.added.toISOString().slice(0, 10) : String(data.added);
    return { ...(data as unknown as Frontmatter), added };
  });
  let intros = new Map<string, { title: string; body: string }>();
  try {
    intros = new Map(read('digests').map(({ name, data, body }) => [name, { title: String(data.title), body }]));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return { papers, intros };
}

const { papers, intros } = readContent();
const weeksWithAdditions = [...new Set(papers.map((paper) => weekSlug(isoWeekOf(paper.added))))].sort().reverse();

let site: SiteBuild;
beforeAll(async () => {
  site = await buildSite({ content: CONTENT });
});

const url = (path = '') => new URL(`${site.base}${path}`, site.site).href;
const html = (path: string) => readPage(site.outDir, path);
const read = (path: string) => readFileSync(join(site.outDir, path), 'utf8');

describe('the seeded content', () => {
  test('spreads its additions over at least three ISO weeks', () => {
    expect(papers.length).toBeGreaterThan(0);
    expect(weeksWithAdditions.length).toBeGreaterThanOrEqual(3);
  });
});

describe('digest pages', () => {
  test('every week with additions has a page listing exactly that week\'s papers', () => {
    for (const week of weeksWithAdditions) {
      const $ = html(`digests/${week}/index.html`);
      const listed = new Set($('.digest a.paper-title').map((_, el) => $(el).attr('href')).get());
      const expected = new Set(
        papers.filter((paper) => weekSlug(isoWeekOf(paper.added)) === week).map((paper) => `${site.base}papers/${paper.slug}/`),
      );
      expect(listed, week).toEqual(expected);
    }
  });

  test('each paper appears in exactly one week', () => {
    const weeksOf = new Map<string, Set<string>>();
    for (const page of filesIn(join(site.outDir, 'digests'), '.html')) {
      const $ = html(join('digests', page));
      $('.digest a.paper-title').each((_, el) => {
        const href = $(el).attr('href')!;
        const set = weeksOf.get(href) ?? new Set();
        set.add(page);
        weeksOf.set(href, set);
      });
    }
    expect(weeksOf.size).toBe(papers.length);
    for (const [href, weeks] of weeksOf) expect([href, weeks.size]).toEqual([href, 1]);
  });

  test('each paper is listed once: featured (linked from the intro, or featured: true), else under its first theme, else "Other"', () => {
    const order = taxonomyOrder();
    for (const week of weeksWithAdditions) {
      const $ = html(`digests/${week}/index.html`);
      const linked = [...(intros.get(week)?.body ?? '').matchAll(/\]\([^)]*papers\/([a-z0-9-]+)\/\)/g)].map((m) => m[1]);
      for (const paper of papers.filter((p) => weekSlug(isoWeekOf(p.added)) === week)) {
        const rows = $(`.digest section a.paper-title[href="${site.base}papers/${paper.slug}/"]`);
        expect(rows.length, paper.slug).toBe(1);
        const section = rows.closest('section');
        const first = [...paper.themes].sort((a, b) => order.indexOf(a) - order.indexOf(b))[0];
        const expected = linked.includes(paper.slug) || paper.featured ? 'featured' : first ? `theme-${first}` : 'other';
        expect(section.find('h2').attr('id'), paper.slug).toBe(expected);
        // Its other themes as chips; never a chip naming the section's own theme.
        const chips = rows.closest('li').find('a.chip').map((_, el) => $(el).attr('href')).get();
        const chipThemes = expected === 'featured' ? paper.themes : paper.themes.filter((t) => t !== first);
        expect(chips.sort(), paper.slug).toEqual(expected === 'other' ? [] : chipThemes.map((t) => `${site.base}themes/${t}/`).sort());
      }
    }
  });

  test('"Other" is compact: each row the title, the first author and the year, no summary, no chips', () => {
    let rows = 0;
    for (const week of weeksWithAdditions) {
      const $ = html(`digests/${week}/index.html`);
      $('.digest section:has(h2#other) .paper-list > li').each((_, li) => {
        rows += 1;
        const slug = $(li).find('a.paper-title').attr('href')!.replace(`${site.base}papers/`, '').replace(/\/$/, '');
        const paper = papers.find((p) => p.slug === slug)!;
        const names = paper.authors.names ?? [];
        const year = yearOf(paper);
        if (names[0]) expect($(li).find('.meta').text().replace(/\s+/g, ' '), slug).toBe(`· ${names[0].replace(/\s+/g, ' ')}${names.length > 1 ? ' et al.' : ''}${year ? ` · ${year}` : ''}`);
        expect($(li).find('.summary, .chip').length, slug).toBe(0);
        expect($(li).text().replace(/\s+/g, ' ').length, slug).toBeLessThan(260);
      });
    }
    expect(rows).toBeGreaterThan(0);
  });

  test('contents, home and the digest list link each section with its count', () => {
    const week = weeksWithAdditions[0]!;
    const $ = html(`digests/${week}/index.html`);
    const contents = $('nav.digest-contents a').map((_, el) => [[$(el).attr('href'), Number($(el).find('.count').text())]]).get();
    const sections = $('.digest section').map((_, el) => [[`#${$(el).find('h2').attr('id')}`, $(el).find('.paper-list > li').length]]).get();
    expect(contents).toEqual(sections);
    expect(sections[0]![0]).toBe('#featured');
    const elsewhere = (page: string, scope: string) => {
      const $page = html(page);
      return $page(scope).first().find('.digest-counts a').map((_, el) => [[$page(el).attr('href'), Number($page(el).find('.count').text())]]).get();
    };
    const absolute = sections.map(([anchor, count]) => [`${site.base}digests/${week}/${anchor}`, count]);
    expect(elsewhere('index.html', '.latest-digest')).toEqual(absolute);
    expect(elsewhere('digests/index.html', '.digest-list > li')).toEqual(absolute);
  });

  test('previous and next week are linked above and below the papers; a paper page links back to its digest', () => {
    const [newest, older] = weeksWithAdditions;
    const $ = html(`digests/${older}/index.html`);
    expect($('nav.digest-nav').length).toBe(2);
    $('nav.digest-nav').each((_, nav) => {
      expect($(nav).find('a[rel="next"]').attr('href')).toBe(`${site.base}digests/${newest}/`);
    });
    const paper = papers.find((p) => weekSlug(isoWeekOf(p.added)) === older)!;
    const $paper = html(`papers/${paper.slug}/index.html`);
    expect($paper(`a[href="${site.base}digests/${older}/"]`).length, paper.slug).toBe(1);
  });

  test('the digest list shows every week newest first, with per-theme counts', () => {
    const $ = html('digests/index.html');
    const hrefs = $('.digest-list > li > a.paper-title').map((_, el) => $(el).attr('href')).get();
    const weeks = hrefs.map((href) => href.replace(`${site.base}digests/`, '').replace(/\/$/, ''));
    const all = [...new Set([...weeksWithAdditions, ...intros.keys()])].sort().reverse();
    expect(weeks).toEqual(all);
    const first = $('.digest-list > li').first();
    const counted = first.find('.digest-counts .count').map((_, el) => Number($(el).text())).get();
    expect(counted.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(
      papers.filter((paper) => weekSlug(isoWeekOf(paper.added)) === weeks[0]).length,
    );
  });

  test('previous/next links chain the weeks in order', () => {
    const all = [...new Set([...weeksWithAdditions, ...intros.keys()])].sort().reverse();
    all.forEach((week, i) => {
      const $ = html(`digests/${week}/index.html`);
      expect($('a[rel="next"]').attr('href') ?? null, week).toBe(i > 0 ? `${site.base}digests/${all[i - 1]}/` : null);
      expect($('a[rel="prev"]').attr('href') ?? null, week).toBe(i < all.length - 1 ? `${site.base}digests/${all[i + 1]}/` : null);
    });
  });

  test('a week with an intro shows it, its math and code rendered', () => {
    expect(intros.size).toBeGreaterThanOrEqual(1);
    for (const [week, intro] of intros) {
      const $ = html(`digests/${week}/index.html`);
      expect($('h1').text()).toBe(intro.title);
      const visible = intro.body.replace(/\{\/\*[\s\S]*?\*\/\}/g, '').trim(); // minus MDX comments
      if (visible) expect($('.digest-intro').text().trim().length, week).toBeGreaterThan(visible.length / 3);
      if (/\$[^$]+\$/.test(visible)) expect($('.digest-intro .katex').length).toBeGreaterThan(0);
      if (visible.includes('```')) expect($('.digest-intro pre.astro-code').length).toBeGreaterThan(0);
    }
  });

  test('summaries are one sentence and keep math rendered', () => {
    const $ = html(`digests/${weeksWithAdditions[0]}/index.html`);
    const summaries = $('.digest .summary').map((_, el) => $(el).text()).get();
    expect(summaries.length).toBeGreaterThan(0);
    for (const summary of summaries) expect(summary.length).toBeLessThan(400);
    expect($('.digest .summary .katex, .digest a.paper-title .katex').length + $('.digest .summary').length).toBeGreaterThan(0);
  });

  test('the home page shows the latest digest', () => {
    const $ = html('index.html');
    expect($('.latest-digest h2 a').attr('href')).toBe(`${site.base}digests/${[...new Set([...weeksWithAdditions, ...intros.keys()])].sort().reverse()[0]}/`);
  });
});

describe('theme pages and home', () => {
  test('a theme page groups its papers by week added, newest first, each row linked to its week\'s digest', () => {
    const $ = html('themes/efficient-attention/index.html');
    const groups = $('table.papers tr.group th').map((_, th) => $(th).find('a').attr('href')).get();
    const members = papers.filter((paper) => paper.themes.includes('efficient-attention'));
    const weeks = [...new Set(members.map((paper) => weekSlug(isoWeekOf(paper.added))))].sort().reverse();
    expect(groups).toEqual(weeks.map((week) => `${site.base}digests/${week}/`));
    // Built today, long after the seeds' newest week: no group is "This week" (sessions-site tests the one that is).
    expect($('table.papers tr.group th').first().text().replace(/\s+/g, ' ').trim()).toMatch(/^Added in Week \d+, \d{4} \(latest digest\)/);
    for (const row of $('table.papers tbody tr:not(.group)').toArray()) {
      const slug = $(row).find('td.title a').attr('href')!.replace(`${site.base}papers/`, '').replace(/\/$/, '');
      const paper = papers.find((p) => p.slug === slug)!;
      expect($(row).find('td.date[data-label="Added"] a').attr('href'), slug).toBe(`${site.base}digests/${weekSlug(isoWeekOf(paper.added))}/`);
    }
  });

  test('home lists the latest additions by date added', () => {
    const $ = html('index.html');
    const listed = $('main .paper-list > li > a.paper-title').map((_, el) => $(el).attr('href')).get();
    const added = listed.map((href) => papers.find((p) => `${site.base}papers/${p.slug}/` === href)!.added);
    expect(added.length).toBeGreaterThan(0);
    expect(added).toEqual([...added].sort().reverse());
    expect(added[0]).toBe(papers.map((p) => p.added).sort().at(-1));
  });

  test('"0 upvotes" is shown nowhere (the seeds have papers with 0)', () => {
    expect(papers.some((paper) => (paper as { upvotes?: number }).upvotes === 0)).toBe(true);
    for (const page of filesIn(site.outDir, '.html').filter((p) => !p.startsWith('pagefind/'))) {
      const $ = html(page);
      const text = $('main').text().replace(/\s+/g, ' ');
      expect(text, page).not.toMatch(/\b0 upvotes|Upvotes 0\b/i);
      expect($('td.num[data-label="Upvotes"]').filter((_, td) => $(td).text().trim() === '0').length, page).toBe(0);
    }
  });
});

describe('feeds', () => {
  test('every page (redirect stubs aside) advertises the site feeds with rel=alternate, and they exist', () => {
    const pages = filesIn(site.outDir, '.html').filter((page) => !page.startsWith('pagefind/'));
    expect(pages.length).toBeGreaterThan(papers.length);
    for (const page of pages) {
      const $ = html(page);
      if ($('meta[http-equiv="refresh"]').length > 0) continue; // an alias redirect stub, not a page people read
      const feeds = $('link[rel="alternate"]').map((_, el) => `${$(el).attr('type')} ${$(el).attr('href')}`).get();
      expect(feeds, page).toEqual(
        expect.arrayContaining([
          `application/rss+xml ${site.base}digests/rss.xml`,
          `application/rss+xml ${site.base}papers/rss.xml`,
          `application/feed+json ${site.base}papers/feed.json`,
        ]),
      );
      for (const href of $('link[rel="alternate"]').map((_, el) => $(el).attr('href')).get()) {
        expect(fileForPath(site.outDir, site.base, href), `${page} -> ${href}`).not.toBeNull();
      }
    }
  });

  test('the digest feed has one item per week with the full digest as HTML and absolute links', () => {
    const feed = checkRss(read('digests/rss.xml'), 'digests/rss.xml');
    expect(feed.self).toBe(url('digests/rss.xml'));
    expect(feed.link).toBe(url());
    const all = [...new Set([...weeksWithAdditions, ...intros.keys()])].sort().reverse();
    expect(feed.items.map((item) => item.link)).toEqual(all.slice(0, 20).map((week) => url(`digests/${week}/`)));
    for (const item of feed.items) {
      expect(item.guid).toBe(item.link);
      expect(item.guidIsPermaLink).toBe('true');
      const tree = fromHtml(item.content ?? '', { fragment: true });
      const hrefs: string[] = [];
      visit(tree, 'element', (node) => {
        if (typeof node.properties?.href === 'string') hrefs.push(node.properties.href);
      });
      expect(hrefs.length).toBeGreaterThan(1);
      for (const href of hrefs) {
        expect(href.startsWith(url()), href).toBe(true);
        expect(fileForPath(site.outDir, site.base, new URL(href).pathname), href).not.toBeNull();
      }
    }
  });

  test('the papers feed carries the newest additions; per-theme feeds only their members', () => {
    const feed = checkRss(read('papers/rss.xml'), 'papers/rss.xml');
    const newest = [...papers].sort((a, b) => b.added.localeCompare(a.added) || a.slug.localeCompare(b.slug)).slice(0, 50);
    expect(feed.items.map((item) => item.link)).toEqual(newest.map((paper) => url(`papers/${paper.slug}/`)));
    const themes = [...new Set(papers.flatMap((paper) => paper.themes))];
    expect(themes.length).toBeGreaterThan(0);
    for (const theme of themes) {
      const themeFeed = checkRss(read(`themes/${theme}/rss.xml`), `themes/${theme}/rss.xml`);
      const members = papers.filter((paper) => paper.themes.includes(theme));
      expect(themeFeed.items.length).toBe(Math.min(50, members.length));
      for (const item of themeFeed.items) {
        const slug = item.link.replace(url('papers/'), '').replace(/\/$/, '');
        expect(members.some((paper) => paper.slug === slug), `${theme}: ${slug}`).toBe(true);
      }
    }
  });

  test('GUIDs are unique absolute permalinks of pages that exist', () => {
    const guids = [
      ...checkRss(read('digests/rss.xml'), 'digests').items.map((item) => item.guid),
      ...checkRss(read('papers/rss.xml'), 'papers').items.map((item) => item.guid),
    ];
    expect(new Set(guids).size).toBe(guids.length);
    for (const guid of guids) expect(fileForPath(site.outDir, site.base, new URL(guid).pathname), guid).not.toBeNull();
  });

  test('the JSON Feed 1.1 validates, with RFC 3339 dates and the same items as the RSS feed', () => {
    const json = checkJsonFeed(read('papers/feed.json'), 'papers/feed.json');
    expect(json.feed_url).toBe(url('papers/feed.json'));
    const rss = checkRss(read('papers/rss.xml'), 'papers/rss.xml');
    expect(json.items.map((item) => item.id)).toEqual(rss.items.map((item) => item.guid));
    for (const item of json.items) {
      expect(item.date_published).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
      expect(item.url).toBe(item.id);
    }
  });

  test('a rebuild produces the same GUIDs and dates (nothing depends on build time)', { timeout: 600_000 }, async () => {
    const again = await buildSite({ content: CONTENT, env: { LECTERN_TEST_REBUILD_SALT: 'feeds-stable' } });
    expect(again.outDir).not.toBe(site.outDir);
    for (const feed of ['digests/rss.xml', 'papers/rss.xml', 'papers/feed.json']) {
      expect(readFileSync(join(again.outDir, feed), 'utf8'), feed).toBe(read(feed));
    }
  });
});

describe('the export', () => {
  test('`npm run digest -- export` Markdown of every week links only to absolute URLs of pages in the build', { timeout: 120_000 }, () => {
    const weeks = [...new Set([...weeksWithAdditions, ...intros.keys()])];
    for (const week of weeks) {
      const run = spawnSync(
        join(REPO_ROOT, 'node_modules/.bin/node'),
        [join(REPO_ROOT, 'scripts/digest.ts'), 'export', '--week', week, '--format', 'md', '--content', join(REPO_ROOT, CONTENT), '--site', site.site, '--base', site.base],
        { encoding: 'utf8' },
      );
      expect(run.status, run.stderr).toBe(0);
      const markdown = run.stdout;
      const count = papers.filter((paper) => weekSlug(isoWeekOf(paper.added)) === week).length;
      const links: string[] = [];
      visit(unified().use(remarkParse).parse(markdown), (node) => {
        if (node.type === 'link') links.push(node.url);
      });
      expect(links.length).toBeGreaterThan(count);
      for (const link of links) {
        expect(link.startsWith(url()), link).toBe(true);
        const target = new URL(link);
        const file = fileForPath(site.outDir, site.base, target.pathname);
        expect(file, link).not.toBeNull();
        if (target.hash) expect(html(file!)(`[id="${decodeURIComponent(target.hash.slice(1))}"]`).length, link).toBe(1);
      }
    }
  });
});
