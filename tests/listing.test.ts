import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../src/core/diagnostics.ts';
import { parseDateLine, resolveListingDate } from '../src/core/listing/dates.ts';
import { parseListing, type ListingRecord } from '../src/core/listing/index.ts';
import { captureDay } from '../src/core/papers/plan.ts';
import { SEEDS_DIR } from './helpers/seeds.ts';

/** The real listings, next to the repo (issue 3: `../shared/seeds/*.txt`). */
const SEEDS = SEEDS_DIR;
const seedNames = readdirSync(SEEDS).filter((n) => n.endsWith('.txt')).sort();
const seed = (prefix: string): { name: string; text: string } => {
  const name = seedNames.find((n) => n.startsWith(prefix))!;
  return { name, text: readFileSync(join(SEEDS, name), 'utf8') };
};

/** A layout A record and a layout B record, as pasted (DESIGN.md §1). */
const LAYOUT_A = [
  'Daily Papers',
  'Apr 29',
  '',
  'FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness',
  '',
  'Transformers are slow and memory-hungry on long sequences.',
  '',
  '  • 5 authors',
  '·',
  'May 27, 2022 3',
  '',
  'Stochastic KV Routing: Enabling Adaptive Depth-Wise Cache Sharing',
  '',
  'Serving transformer language models with high throughput requires caching Key-Values.',
  '',
  'apple Apple',
  '·',
  'Apr 2 1',
].join('\n');

describe('parseListing on the real seeds', () => {
  it('finds 239 records in the five seeds, with the header capture dates', () => {
    const parsed = seedNames.map((name) => parseListing(readFileSync(join(SEEDS, name), 'utf8'), name));
    expect(parsed.map((p) => p.records.length)).toEqual([41, 43, 38, 67, 50]);
    expect(parsed.map((p) => p.captured)).toEqual([
      { year: null, month: 4, day: 29 },
      { year: null, month: 12, day: 11 },
      { year: null, month: 12, day: 9 },
      { year: null, month: 3, day: 11 },
      { year: null, month: 12, day: 9 },
    ]);
    expect(parsed.flatMap((p) => p.diagnostics)).toEqual([]);
  });

  it('reads layout A metadata: author counts, attributions, dates with and without year, upvotes', () => {
    const { name, text } = seed('000');
    const records = parseListing(text, name).records;
    expect(records[0]).toEqual({
      file: name,
      line: 13,
      titleRaw: 'Experts Weights Averaging: A New General Training Scheme for Vision Transformers',
      abstractRaw: expect.stringMatching(/^Structural re-parameterization is a general training scheme/),
      authorCount: 7,
      attribution: null,
      published: { year: 2023, month: 8, day: 11 },
      upvotes: 0,
    } satisfies ListingRecord);
    const talan = records.find((r) => r.titleRaw.startsWith('AdapterTune'))!;
    expect(talan).toMatchObject({
      line: 45,
      authorCount: null,
      attribution: { handle: 'Talan', name: 'Talan' },
      published: { year: null, month: 3, day: 15 },
      upvotes: 2,
    });
    const apple = records.find((r) => r.titleRaw.startsWith('Stochastic KV Routing'))!;
    expect(apple).toMatchObject({ attribution: { handle: 'apple', name: 'Apple' }, published: { year: null, month: 4, day: 2 }, upvotes: 1 });
  });

  it('reads layout B (title and abstract pairs, header without "Daily Papers")', () => {
    const { name, text } = seed('003');
    const records = parseListing(text, name).records;
    expect(records[0]).toMatchObject({
      line: 11,
      titleRaw: 'PixArt-$α$: Fast Training of Diffusion Transformer for Photorealistic Text-to-Image Synthesis',
      authorCount: null,
      attribution: null,
      published: null,
      upvotes: null,
    });
    expect(records.every((r) => r.abstractRaw.length >= 1372)).toBe(true);
  });

  it('reads records without metadata between records with metadata (file 004)', () => {
    const { name, text } = seed('004');
    const records = parseListing(text, name).records;
    const quamba = records.find((r) => r.titleRaw.startsWith('Quamba:'))!;
    expect(quamba).toMatchObject({ published: null, upvotes: null, authorCount: null });
    const next = records[records.indexOf(quamba) + 1]!;
    expect(next.titleRaw).toMatch(/^Swin3D/);
    expect(next.authorCount).not.toBeNull();
  });
});

describe('metadata lines (table from the seeds)', () => {
  it.each([
    ['Aug 11, 2023', { year: 2023, month: 8, day: 11 }, null],
    ['Feb 27', { year: null, month: 2, day: 27 }, null],
    ['Mar 15 2', { year: null, month: 3, day: 15 }, 2],
    ['May 27, 2022 3', { year: 2022, month: 5, day: 27 }, 3],
    ['Sep 30, 2023 11', { year: 2023, month: 9, day: 30 }, 11],
    ['Nov 6, 2024 1', { year: 2024, month: 11, day: 6 }, 1],
  ])('%s', (line, date, upvotes) => {
    expect(parseDateLine(line)).toEqual({ date, upvotes });
  });

  it.each(['Subscribe', 'Augustus', '29 Apr', 'Foo 12'])('%s is not a date', (line) => {
    expect(parseDateLine(line)).toBeNull();
  });
});

describe('dates without a year', () => {
  it.each([
    // capture day -> yearless published date -> the most recent such day not after it
    ['2025-12-11', { year: null, month: 2, day: 23 }, '2025-02-23'],
    ['2025-12-11', { year: null, month: 12, day: 20 }, '2024-12-20'],
    ['2025-12-11', { year: null, month: 12, day: 11 }, '2025-12-11'],
    ['2026-03-01', { year: null, month: 2, day: 29 }, '2024-02-29'],
    ['2026-03-01', { year: 2023, month: 8, day: 11 }, '2023-08-11'],
    ['2026-03-01', { year: 2023, month: 2, day: 29 }, null],
  ])('seen on %s, %o is %s', (reference, date, expected) => {
    expect(resolveListingDate(date, reference)).toBe(expected);
  });

  it('takes the capture day in the year of --added, or the year before when it would be later than --added', () => {
    expect(captureDay({ year: null, month: 4, day: 29 }, '2026-11-02')).toBe('2026-04-29');
    expect(captureDay({ year: null, month: 12, day: 11 }, '2026-11-02')).toBe('2025-12-11');
    expect(captureDay({ year: null, month: 11, day: 2 }, '2026-11-02')).toBe('2026-11-02');
    expect(captureDay(null, '2026-11-02')).toBe('2026-11-02');
  });
});

describe('copies from other systems parse the same', () => {
  const strip = (records: ListingRecord[]) => records.map(({ line: _line, ...rest }) => rest);

  it('BOM, CRLF, CR, trailing and leading spaces and extra blank lines (property, all seeds)', () => {
    const originals = seedNames.map((name) => {
      const text = readFileSync(join(SEEDS, name), 'utf8');
      return { name, text, parsed: parseListing(text, name) };
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...originals),
        fc.boolean(),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.array(fc.tuple(fc.constantFrom('', ' ', '  \t', '\u00a0'), fc.nat(2)), { minLength: 1 }),
        ({ name, text, parsed }, bom, eol, padding) => {
          const lines = text.split('\n').flatMap((line, i) => {
            const [pad, blanks] = padding[i % padding.length]!;
            return [pad + line + pad, ...Array<string>(blanks).fill(pad)];
          });
          const variant = (bom ? '\uFEFF' : '') + lines.join(eol);
          const again = parseListing(variant, name);
          expect(again.diagnostics).toEqual([]);
          expect(again.captured).toEqual(parsed.captured);
          expect(strip(again.records)).toEqual(strip(parsed.records));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps line numbers when only line ends, BOM and trailing spaces differ', () => {
    const text = `\uFEFF${LAYOUT_A.split('\n').map((l) => `${l}  `).join('\r\n')}\r\n`;
    expect(parseListing(text, 'x.txt').records).toEqual(parseListing(LAYOUT_A, 'x.txt').records);
  });

  it('parses with the header absent, partial or complete', () => {
    const body = LAYOUT_A.split('\n').slice(2).join('\n');
    const headers = ['', 'Apr 29\n', 'new\nSubscribe\nApr 29\n', 'new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nDaily Papers\n\nbyAK and the research community\n\nApr 29\n'];
    const parsed = headers.map((h) => parseListing(h + body, 'x.txt'));
    for (const p of parsed) {
      expect(p.diagnostics).toEqual([]);
      expect(strip(p.records)).toEqual(strip(parsed[3]!.records));
    }
    expect(parsed[0]!.captured).toBeNull();
    expect(parsed[1]!.captured).toEqual({ year: null, month: 4, day: 29 });
  });
});

describe('bad input: a diagnostic naming file:line and what to do; never an exception', () => {
  it.each([
    ['', 'empty-file', 1],
    ['  \n\r\n\t\n', 'empty-file', 1],
    ['new\nSubscribe\nApr 29\n', 'no-papers', 3],
    ['Title\n\u0000\u0001\u0002PNG', 'binary-file', 2],
    ['a\r\nb\r\n' + '\u0007\u0001'.repeat(8), 'binary-file', 3],
  ])('%j -> %s', (text, code, line) => {
    const parsed = parseListing(text, 'in/listing.txt');
    expect(parsed.records).toEqual([]);
    expect(parsed.diagnostics).toHaveLength(1);
    expect(parsed.diagnostics[0]).toMatchObject({ severity: 'error', code, line });
    expect(formatDiagnostic(parsed.diagnostics[0]!)).toMatch(new RegExp(`^in/listing\\.txt:${line}: error: .+\\. [A-Z].+`));
  });

  const abstract = 'A '.repeat(150).trim();
  it('a stray control character is not a binary file', () => {
    const parsed = parseListing(`Title\u001b\n${abstract}`, 'c.txt');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.records).toHaveLength(1);
  });

  it('a title with no abstract (before another record, before metadata, at the end) is reported; the rest import', () => {
    const text = [
      'Lonely Title One', // 1: followed by another title + abstract
      'Good Paper',
      abstract,
      'Lonely Title Two', // 4: followed by a metadata block
      '  • 3 authors',
      '·',
      'Feb 27',
      'Another Good Paper',
      abstract,
      '  • 2 authors',
      '·',
      'Mar 1, 2024',
      'Lonely Title Three', // 13: at the end
    ].join('\n');
    const parsed = parseListing(text, 'l.txt');
    expect(parsed.records.map((r) => [r.line, r.titleRaw, r.authorCount])).toEqual([
      [2, 'Good Paper', null],
      [8, 'Another Good Paper', 2],
    ]);
    expect(parsed.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['title-without-abstract', 1],
      ['title-without-abstract', 4],
      ['title-without-abstract', 13],
    ]);
    expect(formatDiagnostic(parsed.diagnostics[0]!)).toContain('l.txt:1: error: the title "Lonely Title One" has no abstract.');
  });

  it('metadata that does not parse is a warning at its line; the paper imports without it', () => {
    const text = ['T1', abstract, '  • many authors', '·', 'Feb 30, 2023', 'T2', abstract, 'apple Apple', '·', 'Smarch 3', 'T3', abstract].join('\n');
    const parsed = parseListing(text, 'm.txt');
    expect(parsed.records.map((r) => r.titleRaw)).toEqual(['T1', 'T2', 'T3']);
    expect(parsed.records[0]).toMatchObject({ authorCount: null, published: null });
    expect(parsed.records[1]).toMatchObject({ attribution: { handle: 'apple', name: 'Apple' }, published: null });
    expect(parsed.diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([
      ['warning', 'bad-metadata', 3],
      ['warning', 'bad-metadata', 5],
      ['warning', 'bad-metadata', 10],
    ]);
    expect(formatDiagnostic(parsed.diagnostics[2]!)).toContain('m.txt:10: warning: could not read the date "Smarch 3" of "T2".');
    expect(formatDiagnostic(parsed.diagnostics[0]!)).toMatch(/^m\.txt:3: warning: could not read the author line "• many authors" of "T1"\. Expected/);
  });

  it('a paragraph where a title belongs (e.g. an abstract split over two lines) is an error at its line', () => {
    const parsed = parseListing(['T1', abstract, abstract, 'T2', abstract].join('\n'), 's.txt');
    expect(parsed.records.map((r) => r.titleRaw)).toEqual(['T1', 'T2']);
    expect(parsed.diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([['error', 'abstract-without-title', 3]]);
    expect(formatDiagnostic(parsed.diagnostics[0]!)).toContain('join the two lines');
  });

  it('a "·" without its date before the next paper: warning, and the next paper still imports', () => {
    const text = ['T1', abstract, '  • 2 authors', '·', 'T2', abstract].join('\n');
    const parsed = parseListing(text, 'd.txt');
    expect(parsed.records.map((r) => [r.titleRaw, r.authorCount, r.published])).toEqual([
      ['T1', 2, null],
      ['T2', null, null],
    ]);
    expect(parsed.diagnostics.map((d) => [d.code, d.line])).toEqual([['bad-metadata', 4]]);
  });

  it('never throws and never loses a line it cannot place (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom('·', '  • 3 authors', 'Feb 27', 'apple Apple', abstract, 'Title', ''))), (lines) => {
        const parsed = parseListing(lines.join('\n'), 'p.txt');
        for (const r of parsed.records) {
          expect(r.titleRaw).not.toBe('');
          expect(r.abstractRaw).not.toBe('');
        }
        for (const d of parsed.diagnostics) expect(d.line).toBeGreaterThanOrEqual(1);
      }),
    );
  });
});
