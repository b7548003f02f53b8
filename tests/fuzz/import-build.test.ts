/**
 * The fuzz suite's real build (issue 14, Done-when): a fixed sample of the hostile listings of
 * import-to-feeds.test.ts goes through the real `npm run import` into a fresh content folder and
 * a real `astro build`; then every `.bib` the build wrote parses, and no page or feed carries
 * markup the listings smuggled in (elements, event handlers, script links).
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { load } from 'cheerio';
import fc from 'fast-check';
import { beforeAll, expect, test } from 'vitest';
import { runScript } from '../helpers/cli.ts';
import { REPO_ROOT, buildSite, filesIn, type SiteBuild } from '../helpers/site-build.ts';
import { checkRss } from '../digest/feed-check.ts';
import { hostileListing } from './hostile.ts';

const WORK = '.cache/fuzz-import-build';
const CONTENT = `${WORK}/content`;
const LISTINGS = 40;

let site: SiteBuild;
let papers = 0;
beforeAll(async () => {
  const work = join(REPO_ROOT, WORK);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, 'listings'), { recursive: true });
  const files = fc.sample(hostileListing, { numRuns: LISTINGS, seed: 20261206 }).map((text, i) => {
    const file = join(work, 'listings', `hostile-${i + 1}.txt`);
    writeFileSync(file, text);
    return file;
  });
  mkdirSync(join(REPO_ROOT, CONTENT, 'papers'), { recursive: true });
  copyFileSync(join(REPO_ROOT, 'tests/fixtures/site-content/themes.yaml'), join(REPO_ROOT, CONTENT, 'themes.yaml'));
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'LECTERN_CONTENT'));
  const run = await runScript('scripts/import.ts', ['--json', '--content', join(REPO_ROOT, CONTENT), '--added', '2026-11-25', ...files], env);
  // Hostile records are errors (exit 1); the valid ones are imported all the same.
  expect([0, 1], run.stderr).toContain(run.code);
  papers = JSON.parse(run.stdout).added;
  expect(papers).toBeGreaterThan(10);
  site = await buildSite({ content: CONTENT });
}, 900_000);

test('every .bib of the build parses, one entry per paper in the paper files', () => {
  const bibs = filesIn(site.outDir, '.bib');
  let paperEntries = 0;
  for (const file of bibs) {
    const library = parseBibtex(readFileSync(join(site.outDir, file), 'utf8'), { sentenceCase: false });
    expect(library.errors, file).toEqual([]);
    if (file.startsWith('papers/')) paperEntries += library.entries.length;
  }
  expect(paperEntries).toBe(papers);
});

/**
 * What would run or load in a reader's browser: script-capable or embedding elements, event
 * handlers, script links. (Digest feeds carry lectern's own headings and lists, so this is a
 * denylist; the fuzz cases check titles and abstracts against what lectern writes.)
 */
function dangerous(html: string, elements: readonly string[]): string[] {
  const $ = load(html);
  return $('*')
    .toArray()
    .flatMap((el) => {
      if (el.type !== 'tag') return [];
      const problems = Object.entries(el.attribs)
        .filter(([name, value]) => /^on/i.test(name) || (/^(?:href|src|action|formaction|xlink:href)$/i.test(name) && /^\s*(?:javascript|data|vbscript):/i.test(value)))
        .map(([name]) => `${name} on <${el.name}>`);
      if (elements.includes(el.name)) problems.push(`<${el.name}>`);
      return problems;
    });
}

/** Pages have lectern's own forms and images; feed items have neither. */
const PAGE_FORBIDDEN = ['iframe', 'object', 'embed', 'frame', 'base'];
const FEED_FORBIDDEN = [...PAGE_FORBIDDEN, 'img', 'form', 'script', 'style'];

test('no page or feed carries markup from the listings', () => {
  for (const file of filesIn(site.outDir, '.html')) {
    const html = readFileSync(join(site.outDir, file), 'utf8');
    expect(dangerous(html, PAGE_FORBIDDEN), file).toEqual([]);
    for (const script of load(html)('script').toArray()) expect(load(script).text(), file).not.toMatch(/alert\(/);
  }
  for (const file of filesIn(site.outDir, '.xml').filter((name) => name.endsWith('rss.xml'))) {
    for (const item of checkRss(readFileSync(join(site.outDir, file), 'utf8'), file).items) {
      expect(dangerous(item.description ?? '', FEED_FORBIDDEN), file).toEqual([]);
      expect(dangerous(item.content ?? '', FEED_FORBIDDEN), file).toEqual([]);
    }
  }
});
