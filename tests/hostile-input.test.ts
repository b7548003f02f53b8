/**
 * Issue 14 (hostile test run): listings and paper files built to break the importer. Each case
 * is a minimal reproduction from the issue, checked where the logic lives (parser, planner,
 * diagnostics); the command-line cases run scripts/import.ts as a user does.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../src/core/diagnostics.ts';
import { parseBibtex } from '../src/core/inputs/bibtex.ts';
import { parseCslJson } from '../src/core/inputs/csl-json.ts';
import { parseDailyPapersJson } from '../src/core/inputs/hf-daily-papers.ts';
import { parseListing } from '../src/core/listing/index.ts';
import { decodeUtf8 } from '../src/core/listing/utf8.ts';
import { parsePaperFile, serializePaperFile } from '../src/core/papers/frontmatter.ts';
import { ABSTRACT_MAX_CHARS, planImport, type ExistingFile } from '../src/core/papers/plan.ts';
import { paperSchema } from '../src/core/papers/schema.ts';
import { runScript } from './helpers/cli.ts';
import { tempDirs } from './helpers/temp-dirs.ts';

const ABSTRACT = 'We study attention. '.repeat(15).trim();
const ADDED = '2026-11-02';

const temp = tempDirs('lectern-');

/** Listing text: Layout A records ([title, abstract, authors line, date line]) or bare pairs. */
function listingText(records: Array<[string, string, string?, string?]>, header = 'Apr 29'): string {
  return [header, ...records.flatMap(([t, a, who, date]) => (who ? [t, a, who, '·', date ?? 'Feb 27'] : [t, a]))].join('\n\n');
}

function importText(text: string, existing: ExistingFile[] = []) {
  return planImport({ existing, listings: [parseListing(text, 'week.txt')], added: ADDED });
}

function dataOf(content: string) {
  const parsed = parsePaperFile(content);
  if (!parsed.ok) throw new Error(parsed.message);
  return paperSchema.parse(parsed.file.data);
}

const codes = (diagnostics: ReadonlyArray<{ line: number; severity: string; code?: string }>) =>
  diagnostics.map((d) => [d.line, d.severity, d.code]);

describe('item 2: titles without letters or digits are never merged', () => {
  it('four symbol-only titles stay four papers with their own abstracts; an invisible one is rejected', () => {
    const titles = ['🤗', '★★★', '🤗🤗', '★ ★'];
    const text = listingText([...titles.map((t, i): [string, string] => [t, `${ABSTRACT} Number ${i}.`]), ['\u00AD', `${ABSTRACT} Hidden.`]]);
    const { writes, report } = importText(text);
    expect(report).toMatchObject({ records: 5, papers: 4, added: 4, skipped: 1 });
    const papers = writes.map((w) => dataOf(w.content));
    expect(papers.map((p) => p.title)).toEqual(titles);
    expect(papers.map((p) => p.abstract_raw)).toEqual(titles.map((_, i) => `${ABSTRACT} Number ${i}.`));
    expect(new Set(writes.map((w) => w.path)).size).toBe(4);
    expect(report.diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/^week\.txt:19: error: this title has no visible text/),
    ]);
  });

  it('the same symbol title seen again is the same paper', () => {
    const text = listingText([['🤗', ABSTRACT, '  • 2 authors', 'Feb 27 3']]);
    const first = importText(text);
    const again = importText(listingText([['🤗', ABSTRACT, '  • 2 authors', 'Feb 27 9']]), first.writes);
    expect(again.report).toMatchObject({ papers: 1, added: 0, updated: 1 });
    expect(dataOf(again.writes[0]!.content).upvotes).toBe(9);
  });
});

describe('item 6: an invalid paper file blocks its slug and title', () => {
  it.each([
    ['no frontmatter at all', 'Notes a person wrote, no frontmatter.\n'],
    ['title_raw deleted', `---\nslug: "sparse-attention"\ntitle: "Sparse Attention"\nabstract: "x"\nabstract_raw: "x"\nadded: "2026-10-01"\nsources:\n  - file: "a.txt"\n    line: 3\n---\n`],
    ['broken YAML without title_raw', '---\nslug: "sparse-attention"\ntitle: [unclosed\n---\n'],
  ])('%s: the file is reported and nothing else is written for that paper', (_, content) => {
    const existing = [{ path: 'papers/sparse-attention.mdx', content }];
    const { writes, report } = importText(listingText([['Sparse Attention', ABSTRACT], ['Dense Attention', ABSTRACT]]), existing);
    expect(writes.map((w) => w.path)).toEqual(['papers/dense-attention.mdx']);
    expect(report.diagnostics.map((d) => [d.file, d.severity, d.code])).toEqual([
      ['papers/sparse-attention.mdx', 'error', 'invalid-paper-file'],
      ['week.txt', 'error', 'blocked-by-invalid-file'],
    ]);
    expect(report).toMatchObject({ added: 1, skipped: 1 });
  });
});

describe('item 8: oversized numbers drop the field, not the paper', () => {
  it('an upvote or author count >= 2^53 is a warning on its own line; the paper and its other fields import', () => {
    const text = listingText([
      ['Huge Upvotes', ABSTRACT, '  • 3 authors', 'Aug 11, 2023 9007199254740993'],
      ['Huge Authors', ABSTRACT, '  • 99999999999999999999 authors', 'Feb 27 4'],
    ]);
    const { writes, report } = importText(text);
    expect(report).toMatchObject({ papers: 2, added: 2, skipped: 0 });
    // Lines: 1 header, 3 title, 5 abstract, 7 authors, 9 "·", 11 date; the next record from 13.
    expect(codes(report.diagnostics)).toEqual([
      [11, 'warning', 'bad-metadata'],
      [17, 'warning', 'bad-metadata'],
    ]);
    const [upvotes, authors] = writes.map((w) => dataOf(w.content));
    expect(upvotes).toMatchObject({ title: 'Huge Upvotes', upvotes: null, published: '2023-08-11', authors: { count: 3 } });
    expect(authors).toMatchObject({ title: 'Huge Authors', upvotes: 4, published: '2026-02-27', authors: { count: null } });
  });
});

describe('item 9: titles in a row without abstracts are reported, never paired', () => {
  it('two titles in a row before a full record', () => {
    const text = ['Apr 29', 'Lost Abstract One', 'Lost Abstract Two', 'Real Paper', ABSTRACT].join('\n');
    const parsed = parseListing(text, 'week.txt');
    expect(parsed.records.map((r) => [r.titleRaw, r.abstractRaw])).toEqual([['Real Paper', ABSTRACT]]);
    expect(codes(parsed.diagnostics)).toEqual([
      [2, 'error', 'title-without-abstract'],
      [3, 'error', 'title-without-abstract'],
    ]);
  });

  it('two titles in a row at the end, between metadata blocks, and with metadata after them', () => {
    const text = listingText([['Paper A', ABSTRACT, '  • 3 authors', 'Feb 27 2']]) + '\n\nLost One\n\nLost Two: A Study\n';
    expect(codes(parseListing(text, 'w.txt').diagnostics)).toEqual([
      [13, 'error', 'title-without-abstract'],
      [15, 'error', 'title-without-abstract'],
    ]);
    const withMeta = ['Lost One', 'Lost Two', '  • 3 authors', '·', 'Feb 27', 'Paper B', ABSTRACT].join('\n');
    const parsed = parseListing(withMeta, 'w.txt');
    expect(parsed.records.map((r) => r.titleRaw)).toEqual(['Paper B']);
    expect(codes(parsed.diagnostics)).toEqual([
      [1, 'error', 'title-without-abstract'],
      [2, 'error', 'title-without-abstract'],
    ]);
  });

  it('a short abstract that ends with a period is still an abstract', () => {
    const parsed = parseListing(['Tiny Paper', 'A short abstract.', 'Next Paper', ABSTRACT].join('\n'), 'w.txt');
    expect(parsed.records.map((r) => [r.titleRaw, r.abstractRaw])).toEqual([
      ['Tiny Paper', 'A short abstract.'],
      ['Next Paper', ABSTRACT],
    ]);
    expect(parsed.diagnostics).toEqual([]);
  });
});

describe('item 10: the line of the first invalid UTF-8 byte', () => {
  const lineText = fc.array(fc.oneof(fc.constantFrom('a', 'é', '—', '注', '🤗', ' ', '\r'), fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 12 }).map((a) => a.join('').replace(/\n/g, ''));
  const invalid = fc.constantFrom([0xff], [0xc0, 0x80], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf0, 0x9f], [0x80], [0xf5, 0x80, 0x80, 0x80]);

  it('is exact wherever the bad byte is (property)', () => {
    fc.assert(
      fc.property(fc.array(lineText, { minLength: 1, maxLength: 40 }), fc.nat(), fc.nat(), invalid, (lines, lineSeed, colSeed, bad) => {
        const k = lineSeed % lines.length;
        const before = Buffer.from(lines[k]!);
        // Cut the line at a character boundary (a character cut in half would be invalid itself).
        const chars = [...lines[k]!];
        const col = Buffer.byteLength(chars.slice(0, colSeed % (chars.length + 1)).join(''));
        const broken = Buffer.concat([before.subarray(0, col), Buffer.from(bad), before.subarray(col)]);
        const parts = lines.map((l, i) => (i === k ? broken : Buffer.from(l)));
        const bytes = Buffer.concat(parts.flatMap((p, i) => (i === 0 ? [p] : [Buffer.from('\n'), p])));
        expect(decodeUtf8(bytes)).toEqual({ ok: false, line: k + 1 });
      }),
      { numRuns: 500 },
    );
  });

  it('the importer names that line, on every line of a 40-line file', { timeout: 60_000 }, async () => {
    const dir = temp('utf8');
    // A decoder shared across the bisection's probes was off by one on 12 of these 40 files.
    const lines = Array.from({ length: 40 }, (_, i) => `Line ${i} é ü — 注意力 text`);
    const files = lines.map((_, k) => {
      const file = join(dir, `bad-${k + 1}.txt`);
      const parts = lines.map((l, i) => (i === k ? Buffer.concat([Buffer.from(l.slice(0, 5)), Buffer.from([0xff]), Buffer.from(l.slice(5))]) : Buffer.from(l)));
      writeFileSync(file, Buffer.concat(parts.flatMap((p, i) => (i === 0 ? [p] : [Buffer.from('\n'), p]))));
      return file;
    });
    const content = temp('utf8-content');
    const r = await runScript('scripts/import.ts', ['--json', '--content', content, '--added', ADDED, ...files]);
    expect(r.code).toBe(1);
    const reported = JSON.parse(r.stdout).diagnostics.map((d: { file: string; line: number }) => [d.file, d.line]);
    expect(reported).toEqual(files.map((file, k) => [file, k + 1]));
  });
});

describe('item 12: messages never carry terminal escapes or bidi overrides', () => {
  it('control and bidi characters from a title are shown as escapes', () => {
    const title = 'Evil \u001b[2J\u001b]0;owned\u0007 \u202egnp.exe\u202c Title\u2066x\u2069';
    const { report } = importText(`${title}\n`);
    const line = formatDiagnostic(report.diagnostics[0]!);
    expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
    expect(line).toContain('Evil \\u001b[2J\\u001b]0;owned\\u0007 \\u202egnp.exe\\u202c Title\\u2066x\\u2069');
  });

  it('themes report shows a hand-edited title\'s controls as escapes too', { timeout: 60_000 }, async () => {
    const content = temp('controls');
    mkdirSync(join(content, 'papers'));
    copyFileSync(join(import.meta.dirname, '../content/themes.yaml'), join(content, 'themes.yaml'));
    const title = 'Evil \u001b[2J\u001b]0;owned\u0007 \u202egnp.exe\u202c Gardening';
    const data = paperSchema.parse({ slug: 'evil', title, title_raw: title, abstract: 'We grow tomatoes.', abstract_raw: 'We grow tomatoes.', added: ADDED, sources: [{ file: 'a.txt', line: 1 }] });
    writeFileSync(join(content, 'papers', 'evil.mdx'), serializePaperFile(data as unknown as Record<string, unknown>, ''));
    const r = await runScript('scripts/themes.ts', ['report', '--content', content]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Evil \\u001b[2J\\u001b]0;owned\\u0007 \\u202egnp.exe\\u202c Gardening');
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });
});

describe('also: implausible years and oversized abstracts', () => {
  it('a published year of 0001 or 9999 is a warning on the date line; the paper imports without it', () => {
    const text = listingText([
      ['Ancient', ABSTRACT, '  • 3 authors', 'Jan 1, 0001 5'],
      ['Future', ABSTRACT, '  • 3 authors', 'Dec 31, 9999'],
      ['Fine', ABSTRACT, '  • 3 authors', 'Aug 11, 2023'],
    ]);
    const { writes, report } = importText(text);
    expect(codes(report.diagnostics)).toEqual([
      [11, 'warning', 'bad-metadata'],
      [21, 'warning', 'bad-metadata'],
    ]);
    expect(writes.map((w) => dataOf(w.content).published)).toEqual([null, null, '2023-08-11']);
  });

  it('the same holds for a Daily Papers API response: implausible years and counts are dropped with a warning on their field', () => {
    const items = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures/hf/daily_papers-2024-10-25.json'), 'utf8'));
    items[2].publishedAt = '0001-01-01T00:00:00.000Z';
    items[3].paper.publishedAt = '9999-12-31T00:00:00.000Z';
    items[5].paper.upvotes = 2 ** 60;
    const parsed = parseDailyPapersJson(JSON.stringify(items, null, 2), 'daily.json');
    expect(parsed.diagnostics.map((d) => [d.path, d.severity, d.code])).toEqual([
      ['$[2].publishedAt', 'warning', 'bad-field'],
      ['$[3].paper.publishedAt', 'warning', 'bad-field'],
      ['$[5].paper.upvotes', 'warning', 'bad-field'],
    ]);
    expect(formatDiagnostic(parsed.diagnostics[0]!)).toMatch(/^daily\.json:\$\[2\]\.publishedAt: warning: the year 1 of ".*" is not a plausible publication year \(1990-2100\)\./);
    expect(parsed.records).toHaveLength(29);
    expect(parsed.records[2]).toMatchObject({ published: null, submitted: items[2].paper.publishedAt.slice(0, 10) });
    expect(parsed.records[3]).toMatchObject({ submitted: null, published: { year: 2024 } });
    expect(parsed.records[5]).toMatchObject({ upvotes: null, arxiv: items[5].paper.id });
  });

  it('so does a bibliography: a year outside 1900-2200 is dropped with a warning on its entry, a classic\'s 1948 is kept', () => {
    const bib = ['@article{shannon1948, title = {A Mathematical Theory of Communication}, year = {1948}}', '', '@misc{typo, title = {Typo Year},', '  year = {9999}}', ''].join('\n');
    const fromBib = parseBibtex(bib, 'group.bib');
    expect(fromBib.diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/^group\.bib:3: warning: the year 9999 of "Typo Year" is not a plausible year \(1900-2200\)\./),
    ]);
    expect(fromBib.records.map((r) => r.year)).toEqual([1948, null]);
    const csl = JSON.stringify([{ title: 'Typo Year', issued: { 'date-parts': [[1]] } }, { title: 'Fine', issued: { 'date-parts': [[2023]] } }], null, 2);
    const fromCsl = parseCslJson(csl, 'zotero.json');
    expect(fromCsl.diagnostics.map((d) => [d.line, d.path, d.severity, d.code])).toEqual([[2, '$[0].issued', 'warning', 'bad-field']]);
    expect(fromCsl.records.map((r) => r.year)).toEqual([null, 2023]);
  });

  it('a 5 MB abstract imports with a warning; pages and feeds get a capped clean abstract, the raw text is kept', () => {
    const huge = 'Attention $x^2$ is costly. '.repeat(200_000);
    const { writes, report } = importText(listingText([['Huge Abstract', huge.trim()]]));
    expect(codes(report.diagnostics)).toEqual([[3, 'warning', 'oversized-abstract']]);
    const paper = dataOf(writes[0]!.content);
    expect(paper.abstract_raw).toBe(huge.trim());
    expect(paper.abstract.length).toBeLessThanOrEqual(ABSTRACT_MAX_CHARS + 2);
    expect(paper.abstract).toMatch(/ …$/);
    expect((paper.abstract.match(/\$/g) ?? []).length % 2).toBe(0);
  });
});

describe('item 3: papers never take the name of one of lectern\'s routes', () => {
  it('a paper titled "Feed", "Search" or "404" gets a suffix instead of /papers/feed.json and the like', () => {
    const { writes, report } = importText(listingText([['Feed', ABSTRACT], ['Search', ABSTRACT], ['404', ABSTRACT], ['Pagefind', ABSTRACT]]));
    expect(report).toMatchObject({ added: 4, diagnostics: [] });
    expect(writes.map((w) => w.path)).toEqual(['papers/feed-2.mdx', 'papers/search-2.mdx', 'papers/404-2.mdx', 'papers/pagefind-2.mdx']);
  });
});
