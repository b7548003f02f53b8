import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Ajv } from 'ajv';
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { citationKeys, cslItem, formatBibtex, formatCslJson, huggingFaceSearchUrl, type CitablePaper } from '../../src/core/cite/index.ts';

/** The official CSL-JSON input schema, v1.0.2 (see tests/fixtures/README.md). */
const cslSchema = JSON.parse(readFileSync(new URL('../fixtures/csl-data.json', import.meta.url), 'utf8'));
const validateCsl = new Ajv({ strict: false, allErrors: true }).compile(cslSchema);

const base: CitablePaper = {
  slug: 'pixart-alpha-fast-training-of-diffusion-transformer',
  title: 'PixArt-$\\alpha$: Fast Training of Diffusion Transformer with 50% & #1 {braces} under_score',
  abstract: 'We train $5.18\\times$ faster.',
  published: '2023-09-30',
  added: '2026-11-02',
  authors: { count: 7, attribution: null },
  pageUrl: 'https://lectern.example.org/papers/pixart-alpha-fast-training-of-diffusion-transformer/',
};

describe('citation keys', () => {
  it('are short camelCase slug words and stable when papers are added later', () => {
    const first = citationKeys([base, { slug: 'mamba-linear-time-sequence-modeling', added: '2026-11-02' }]);
    expect(first.get(base.slug)).toBe('pixartAlphaFast');
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
  it('validates against the CSL-JSON schema, with and without a published date and attribution', () => {
    const items = [
      cslItem(base, 'pixartAlphaFast'),
      cslItem({ ...base, published: null, authors: { count: null, attribution: { handle: 'apple', name: 'Apple' } } }, 'k2'),
      cslItem({ ...base, abstract: '', authors: { count: null, attribution: null } }, 'k3'),
    ];
    const data = JSON.parse(formatCslJson(items));
    expect(validateCsl(data), JSON.stringify(validateCsl.errors)).toBe(true);
    expect(data[0]).toMatchObject({
      id: 'pixartAlphaFast',
      type: 'article',
      title: 'PixArt-α: Fast Training of Diffusion Transformer with 50% & #1 {braces} under_score',
      issued: { 'date-parts': [[2023, 9, 30]] },
      URL: huggingFaceSearchUrl('PixArt-α: Fast Training of Diffusion Transformer with 50% & #1 {braces} under_score'),
    });
    expect(data[0].note).toContain(base.pageUrl);
    expect(data[1].issued).toBeUndefined();
    expect(data[1].author).toEqual([{ literal: 'Apple' }]);
  });

  it('links to a Hugging Face paper search for the title', () => {
    expect(huggingFaceSearchUrl('PixArt-α & more')).toBe('https://huggingface.co/papers?q=PixArt-%CE%B1%20%26%20more');
  });
});

describe('BibTeX', () => {
  it('parses with a BibTeX parser and round-trips the readable title (LaTeX-safe escaping)', () => {
    const bib = formatBibtex([cslItem(base, 'pixartAlphaFast'), cslItem({ ...base, slug: 'b', published: null }, 'other')]);
    expect(bib).toMatch(/^@misc\{pixartAlphaFast,$/m);
    // Special characters are escaped, math becomes TeX math.
    expect(bib).toContain('PixArt-$\\alpha$');
    expect(bib).toContain('50\\%');
    expect(bib).toContain('\\&');
    expect(bib).toContain('\\#1');
    const library = parseBibtex(bib, { sentenceCase: false });
    expect(library.errors).toEqual([]);
    expect(library.entries.map((e) => e.key)).toEqual(['pixartAlphaFast', 'other']);
    const [first, second] = library.entries;
    expect(first!.type).toBe('misc');
    expect(first!.fields.title).toContain('PixArt-');
    expect(first!.fields.title).toContain('Fast Training of Diffusion Transformer with 50% & #1');
    expect(first!.fields.year).toBe('2023');
    expect(second!.fields.year).toBeUndefined();
    expect(first!.fields.url).toBe(huggingFaceSearchUrl('PixArt-α: Fast Training of Diffusion Transformer with 50% & #1 {braces} under_score'));
  });

  it('escapes any title into BibTeX a parser accepts (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 80 }), (title) => {
        const bib = formatBibtex([cslItem({ ...base, title }, 'k')]);
        const library = parseBibtex(bib, { sentenceCase: false });
        return library.errors.length === 0 && library.entries.length === 1;
      }),
      { numRuns: 200 },
    );
  });

  it('is empty for no papers', () => {
    expect(formatBibtex([])).toBe('');
  });
});
