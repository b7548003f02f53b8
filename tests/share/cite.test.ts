import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Ajv } from 'ajv';
import { parse as parseBibtex, type Creator } from '@retorquere/bibtex-parser';
import { citationKeys, citationOf, cslItem, formatBibtex, formatCslJson, INCOMPLETE_AUTHORS, type CitablePaper } from '../../src/core/cite/index.ts';
import { bibtexNames, bibtexTitle } from '../../src/core/cite/bibtex.ts';

/** The official CSL-JSON input schema, v1.0.2 (see tests/fixtures/README.md). */
const cslSchema = JSON.parse(readFileSync(new URL('../fixtures/csl-data.json', import.meta.url), 'utf8'));
const validateCsl = new Ajv({ strict: false, allErrors: true }).compile(cslSchema);

/** FlashAttention-2 as the seed .bib and arXiv describe it. */
const flash: CitablePaper = {
  slug: 'flashattention-2-faster-attention-with-better-parallelism-and-work-partitioning',
  title: 'FlashAttention-2: Faster Attention with Better Parallelism and Work Partitioning',
  abstract: 'Scaling Transformers to longer sequence lengths has been a major problem in the last several years.',
  published: '2023-07-18',
  submitted: '2023-07-17',
  year: 2023,
  added: '2026-11-02',
  authors: { count: 1, attribution: null, names: ['Tri Dao'] },
  arxiv: '2307.08691',
  primary_category: 'cs.LG',
  doi: null,
  pageUrl: 'https://lectern.example.org/papers/flashattention-2-faster-attention-with-better-parallelism-and-work-partitioning/',
};

/** A listing-only paper: no names, no id, math and specials in the title. */
const listed: CitablePaper = {
  ...flash,
  slug: 'pixart-alpha-fast-training-of-diffusion-transformer',
  title: 'PixArt-$\\alpha$: Fast Training of LLM Diffusion Transformer with 50% & #1 {braces} under_score',
  abstract: 'We train $5.18\\times$ faster.',
  published: '2023-09-30',
  submitted: null,
  year: null,
  authors: { count: 7, attribution: null, names: [] },
  arxiv: null,
  primary_category: null,
  pageUrl: 'https://lectern.example.org/papers/pixart-alpha-fast-training-of-diffusion-transformer/',
};

/**
 * The strict reading: an unknown TeX command is reported, never guessed. Titles are read as
 * written (the parser would otherwise sentence-case them, as Zotero does).
 */
function readBib(bib: string) {
  const library = parseBibtex(bib, { sentenceCase: false });
  expect(library.errors).toEqual([]);
  return library;
}

/** What a parsed creator says, as one string per name part. */
function creatorParts(creator: Creator) {
  return creator.name !== undefined
    ? { literal: creator.name }
    : { family: [creator.prefix, creator.lastName].filter(Boolean).join(' '), given: creator.firstName ?? '', suffix: creator.suffix ?? '' };
}

describe('citation keys', () => {
  it('are short camelCase slug words and stable when papers are added later', () => {
    const first = citationKeys([listed, { slug: 'mamba-linear-time-sequence-modeling', added: '2026-11-02' }]);
    expect(first.get(listed.slug)).toBe('pixartAlphaFast');
    expect(first.get('mamba-linear-time-sequence-modeling')).toBe('mambaLinearTime');
    // A later paper whose short key would collide gets the long form; the older keeps its key.
    const later = citationKeys([
      { slug: 'mamba-linear-time-sequence-modeling', added: '2026-11-02' },
      { slug: 'mamba-linear-time-2', added: '2026-11-09' },
    ]);
    expect(later.get('mamba-linear-time-sequence-modeling')).toBe('mambaLinearTime');
    expect(later.get('mamba-linear-time-2')).toBe('mamba_linear_time_2');
  });

  it('are unique and independent of input order (property)', () => {
    const slug = fc.array(fc.constantFrom('a', 'mamba', 'of', 'the', 'attention', '2', 'x1'), { minLength: 1, maxLength: 5 }).map((w) => w.join('-'));
    const day = fc.constantFrom('2026-01-01', '2026-01-08', '2026-02-01');
    fc.assert(
      fc.property(fc.uniqueArray(fc.record({ slug, added: day }), { selector: (p) => p.slug, maxLength: 30 }), (papers) => {
        const keys = citationKeys(papers);
        const reversed = citationKeys([...papers].reverse());
        return new Set(keys.values()).size === papers.length && papers.every((p) => keys.get(p.slug) === reversed.get(p.slug));
      }),
    );
  });
});

describe('CSL-JSON', () => {
  it('validates against the CSL-JSON schema for known, unknown and organisation authors', () => {
    const citations = [
      citationOf({ ...flash, authors: { ...flash.authors, names: ['Tri Dao', 'Jan van der Berg', 'Martin Luther King Jr.', 'Qwen Team'] } }, 'flash'),
      citationOf(listed, 'pixart'),
      citationOf({ ...listed, published: null, abstract: '', authors: { count: null, attribution: { handle: 'apple', name: 'Apple' }, names: [] } }, 'apple'),
    ];
    const data = JSON.parse(formatCslJson(citations));
    expect(validateCsl(data), JSON.stringify(validateCsl.errors)).toBe(true);
    expect(data[0]).toMatchObject({
      id: 'flash',
      type: 'article',
      title: flash.title,
      author: [
        { family: 'Dao', given: 'Tri' },
        { family: 'van der Berg', given: 'Jan' },
        { family: 'King', given: 'Martin Luther', suffix: 'Jr.' },
        { literal: 'Qwen Team' },
      ],
      issued: { 'date-parts': [[2023, 7, 17]] },
      URL: 'https://arxiv.org/abs/2307.08691',
      number: 'arXiv:2307.08691',
      publisher: 'arXiv',
    });
    expect(data[0].note).toBeUndefined();
    // Without an arXiv id: the Hugging Face day, the site page, and a note that the authors are unknown.
    expect(data[1]).toMatchObject({ title: 'PixArt-α: Fast Training of LLM Diffusion Transformer with 50% & #1 {braces} under_score', issued: { 'date-parts': [[2023, 9, 30]] }, URL: listed.pageUrl, note: `${INCOMPLETE_AUTHORS} (7 authors)` });
    expect(data[1].author).toBeUndefined();
    expect(data[2].issued).toBeUndefined();
    expect(data[2].note).toBe(`${INCOMPLETE_AUTHORS} (listed by Apple)`);
  });

  it('takes the year alone when only a year is known, and the DOI when there is one', () => {
    const item = cslItem(citationOf({ ...flash, submitted: null, published: null, year: 2021, doi: '10.1145/3600006.3613165' }, 'k'));
    expect(item.issued).toEqual({ 'date-parts': [[2021]] });
    expect(item.DOI).toBe('10.1145/3600006.3613165');
    expect(validateCsl([item])).toBe(true);
  });
});

describe('BibTeX', () => {
  it('cites an arXiv paper as arXiv exports it, and a BibTeX parser reads it without warnings', () => {
    const bib = formatBibtex([citationOf({ ...flash, authors: { ...flash.authors, names: ['Tri Dao', 'Daniel Y. Fu'] } }, 'flashattention2Faster')]);
    expect(bib).toBe(
      [
        '@misc{flashattention2Faster,',
        '  title = {{FlashAttention}-2: Faster Attention with Better Parallelism and Work Partitioning},',
        '  author = {Dao, Tri and Fu, Daniel Y.},',
        '  year = {2023},',
        '  month = jul,',
        '  eprint = {2307.08691},',
        '  archivePrefix = {arXiv},',
        '  primaryClass = {cs.LG},',
        '  url = {https://arxiv.org/abs/2307.08691}',
        '}',
        '',
      ].join('\n'),
    );
    const [entry] = readBib(bib).entries;
    expect(entry!.fields.author).toEqual([{ lastName: 'Dao', firstName: 'Tri' }, { lastName: 'Fu', firstName: 'Daniel Y.' }]);
    expect(entry!.fields).toMatchObject({ year: '2023', eprint: '2307.08691', archiveprefix: 'arXiv', primaryclass: 'cs.LG', url: 'https://arxiv.org/abs/2307.08691' });
    expect(entry!.fields.howpublished).toBeUndefined();
  });

  it('says in a comment, not silently, when the authors are unknown; escapes specials and protects acronyms', () => {
    const bib = formatBibtex([citationOf(listed, 'pixartAlphaFast')]);
    expect(bib.split('\n')[0]).toBe(`% ${INCOMPLETE_AUTHORS} (7 authors)`);
    expect(bib).not.toMatch(/^\s*author/m);
    expect(bib).toContain('title = {{PixArt}-{$\\alpha$}: Fast Training of {LLM} Diffusion Transformer with 50\\% \\& \\#1 \\textbraceleft{}braces\\textbraceright{} under\\_score}');
    expect(bib).toContain(`url = {${listed.pageUrl}}`);
    expect(bib).not.toContain('eprint');
    const [entry] = readBib(bib).entries;
    expect(entry!.fields.title).toContain('Fast Training of LLM Diffusion Transformer with 50% & #1 {braces} under_score');
  });

  // Issue 14 #7: these organisation names broke the .bib and every theme and digest bundle with it.
  it.each(['$Money Labs', 'Acme {Labs', 'Acme\\Labs', 'Acme }Labs', 'Johnson and Johnson', '100% ~Labs^ #1 & _co', 'Tri Dao}', 'A\\} {B'])('keeps the author %j intact and the file readable', (name) => {
    const bib = formatBibtex([citationOf({ ...listed, authors: { count: null, attribution: null, names: [name, 'Tri Dao'] } }, 'k')]);
    const [entry] = readBib(bib).entries;
    const [first, second] = (entry!.fields.author ?? []).map(creatorParts);
    expect(second).toEqual({ family: 'Dao', given: 'Tri', suffix: '' });
    const readBack = first && ('literal' in first ? first.literal : [first.given, first.family].filter(Boolean).join(' '));
    expect(readBack).toBe(name);
  });

  // Issue 14 #11: CJK and Korean titles came out as `title = {}` and emoji were dropped.
  it.each(['注意力机制的高效实现', '효율적인 어텐션', '🤗 Transformers: 🚀 fast', 'Nyström-Former für Ελληνικά'])('keeps the Unicode title %j', (title) => {
    const bib = formatBibtex([citationOf({ ...listed, title }, 'k')]);
    const [entry] = readBib(bib).entries;
    expect(entry!.fields.title?.replace(/<\/?span[^>]*>/g, '')).toBe(title);
    expect(JSON.parse(formatCslJson([citationOf({ ...listed, title }, 'k')]))[0].title).toBe(title);
  });

  /** Titles and names people could never type, plus every character TeX gives a meaning. */
  const hostile = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: fc.constantFrom(...'\\{}$%&#_^~<>`\'",-@ aZ\u202e\u0000\n'), maxLength: 30 }),
    fc.string({ unit: 'binary', maxLength: 20 }),
  );

  it('writes entries a BibTeX parser reads without warnings, for any title and author names (property)', () => {
    fc.assert(
      fc.property(hostile, fc.array(hostile, { maxLength: 4 }), (title, names) => {
        fc.pre(title.trim() !== '');
        const paper = { ...flash, title, authors: { count: null, attribution: null, names } };
        const printable = names.filter((n) => /[^\p{Cc}\p{Surrogate}\s]/u.test(n));
        const bib = formatBibtex([citationOf(paper, 'a'), citationOf({ ...paper, arxiv: null }, 'b')]);
        const library = parseBibtex(bib);
        expect(library.errors).toEqual([]);
        expect(library.entries.map((e) => e.key)).toEqual(['a', 'b']);
        expect(library.entries[0]!.fields.author?.length ?? 0).toBe(printable.length);
      }),
      { numRuns: 300 },
    );
  });

  it('reads every title back as written, up to spacing (property)', () => {
    const printable = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((t) => !/[\p{Cc}]/u.test(t));
    fc.assert(
      fc.property(printable, (title) => {
        const library = parseBibtex(`@misc{k, title = {${bibtexTitle(title)}}}`, { sentenceCase: false });
        expect(library.errors).toEqual([]);
        const read = library.entries[0]!.fields.title ?? '';
        // Case-protecting braces come back as <span class="nocase">. Symbols come back as Unicode
        // with the same meaning: `{$\mu$}` as math italic 𝜇 (U+1D707, compatibility form μ),
        // `\textasciigrave{}` as the modifier letter ˋ, `{$\neq$}` decomposed (= + U+0338).
        const mathItalic = /[\u{1D400}-\u{1D7FF}]/gu;
        const spacing = (s: string) => s.replace(/<\/?span[^>]*>/g, '').replace(/\s+/g, ' ').trim().replace(/⋅/g, '·').replace(/ˋ/g, '`').replace(mathItalic, (c) => c.normalize('NFKC')).normalize('NFC');
        expect(spacing(read)).toBe(spacing(title));
      }),
      { numRuns: 500, examples: [['μ '], ['ˋ '], ['≠ ']] },
    );
  });

  it('names organisations and single names as one braced name', () => {
    expect(bibtexNames([{ literal: 'Qwen Team' }, { family: 'Devvrit' }, { family: 'van der Berg', given: 'Jan' }])).toBe('{Qwen Team} and {Devvrit} and van der Berg, Jan');
  });

  it('is empty for no papers', () => {
    expect(formatBibtex([])).toBe('');
  });
});
