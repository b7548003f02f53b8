/**
 * Issue 14 #7 and #4 through the whole path: papers with hostile titles, abstracts and author
 * names (organisations like `$Money Labs`, `Acme {Labs`, `Acme\Labs`, TeX and HTML specials,
 * CJK, Hangul, emoji, control and bidi characters) are written as content files, the site is
 * built, and then every `.bib` the build wrote (paper, theme and digest bundles) must parse with
 * a real BibTeX parser without a warning, and no feed may carry live markup to a reader.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { load } from 'cheerio';
import fc from 'fast-check';
import { beforeAll, expect, test } from 'vitest';
import { serializePaperFile } from '../../src/core/papers/frontmatter.ts';
import { paperSchema } from '../../src/core/papers/schema.ts';
import { REPO_ROOT, buildSite, filesIn, type SiteBuild } from '../helpers/site-build.ts';
import { checkRss } from '../digest/feed-check.ts';

const CONTENT = '.cache/fuzzed-citations-content';
const PAPERS = 40;

const hostileText = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
  fc.string({ unit: fc.constantFrom(...'\\{}$%&#_^~<>`\'"-,@ aZα注한🤗\u202e'), minLength: 1, maxLength: 20 }),
  fc.constantFrom('$Money Labs', 'Acme {Labs', 'Acme\\Labs', '<img src=x onerror=alert(2)>', 'Tri Dao}', '注意力', '효율적인', '🤗 Labs'),
);
const visible = (text: string) => /[\p{L}\p{N}]/u.test(text);

/** PAPERS valid paper files, the same on every run (fixed seed), each with a hostile title and authors. */
function fuzzedPapers(): Array<{ slug: string; text: string; names: string[] }> {
  const records = fc.sample(
    fc.record({
      title: hostileText.filter(visible),
      abstract: hostileText,
      names: fc.array(hostileText.filter(visible), { maxLength: 4 }),
      arxiv: fc.option(fc.integer({ min: 10000, max: 99999 }).map((n) => `2401.${n}`), { nil: null }),
      theme: fc.constantFrom([], ['ssm'], ['quantization', 'ssm']),
      week: fc.integer({ min: 1, max: 3 }),
    }),
    { numRuns: PAPERS, seed: 20261206 },
  );
  return records.map((record, i) => {
    const slug = `fuzzed-paper-${i + 1}`;
    const names = record.names.map((name) => name.trim()).filter(Boolean);
    const data = paperSchema.parse({
      slug,
      title: record.title,
      title_raw: record.title,
      abstract: `We propose ${record.abstract}. The rest is plain.`,
      abstract_raw: record.abstract,
      authors: { count: null, attribution: null, names },
      arxiv: record.arxiv,
      added: `2026-11-0${record.week * 3 - 1}`,
      themes: record.theme,
      sources: [{ file: 'fuzz.txt', line: i + 1 }],
    });
    return { slug, names, text: serializePaperFile(data as unknown as Record<string, unknown>, '') };
  });
}

const papers = fuzzedPapers();
let site: SiteBuild;
beforeAll(async () => {
  const dir = join(REPO_ROOT, CONTENT);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'papers'), { recursive: true });
  copyFileSync(join(REPO_ROOT, 'tests/fixtures/site-content/themes.yaml'), join(dir, 'themes.yaml'));
  for (const paper of papers) writeFileSync(join(dir, 'papers', `${paper.slug}.mdx`), paper.text);
  site = await buildSite({ content: CONTENT });
});

test('every .bib of a build from hostile papers parses without warnings, with every author', () => {
  const bibs = filesIn(site.outDir, '.bib');
  expect(bibs.length).toBeGreaterThan(PAPERS);
  let entries = 0;
  for (const file of bibs) {
    const library = parseBibtex(readFileSync(join(site.outDir, file), 'utf8'), { sentenceCase: false });
    expect(library.errors, file).toEqual([]);
    entries += library.entries.length;
  }
  expect(entries).toBeGreaterThan(PAPERS);
  for (const paper of papers) {
    const [entry] = parseBibtex(readFileSync(join(site.outDir, 'papers', `${paper.slug}.bib`), 'utf8'), { sentenceCase: false }).entries;
    expect(entry!.fields.author?.length ?? 0, paper.slug).toBe(paper.names.length);
  }
});

test('no feed of that build carries live markup to a reader', () => {
  for (const file of filesIn(site.outDir, '.xml').filter((name) => name.endsWith('rss.xml'))) {
    for (const item of checkRss(readFileSync(join(site.outDir, file), 'utf8'), file).items) {
      for (const html of [item.description, item.content]) {
        expect(load(html ?? '', null, false)('img, script, [onerror], iframe').length, file).toBe(0);
      }
    }
  }
});
