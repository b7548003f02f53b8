import { load } from 'cheerio';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { citationOf, type CitablePaper } from '../../src/core/cite/index.ts';
import { citationMetaTags } from '../../src/core/cite/meta.ts';
import { splitName } from '../../src/core/papers/authors.ts';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { readEmbeddedMetadata } from '../helpers/zotero-embedded.ts';

const paper: CitablePaper = {
  slug: 'mamba',
  title: 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces',
  abstract: '',
  published: '2023-12-01',
  submitted: '2023-12-01',
  year: 2023,
  added: '2026-11-02',
  authors: { count: 2, attribution: null, names: ['Albert Gu', 'Tri Dao'] },
  arxiv: '2312.00752',
  primary_category: 'cs.LG',
  doi: null,
  pageUrl: 'https://lectern.example.org/papers/mamba/',
};

/** The page head as the layout writes it, read back the way Zotero does. */
function zoteroReads(names: string[], extra: Partial<CitablePaper> = {}) {
  const citation = citationOf({ ...paper, ...extra, authors: { ...paper.authors, names } }, 'k');
  const tags = citationMetaTags(citation, 'https://arxiv.org/pdf/2312.00752');
  const head = toHtml(tags.map(([name, content]) => h('meta', { name, content })));
  return readEmbeddedMetadata(load(`<!doctype html><html><head>${head}</head><body></body></html>`));
}

describe('citation meta tags', () => {
  it('name each author once, in order, split into last and first name as written', () => {
    expect(zoteroReads(['Jan van der Berg', 'Carlo C Del Mundo', 'Martin Luther King Jr.', 'Qwen Team', 'Devvrit']).creators).toEqual([
      { lastName: 'van der Berg', firstName: 'Jan' },
      { lastName: 'Del Mundo', firstName: 'Carlo C.' },
      // Zotero has no suffix field: "King, Martin Luther, Jr." keeps the person, drops the suffix.
      { lastName: 'King', firstName: 'Martin Luther' },
      { lastName: 'Team', firstName: 'Qwen' },
      { lastName: 'Devvrit', firstName: '' },
    ]);
  });

  it('keep a lone author with spaces on both sides of the comma one person', () => {
    // One tag "Del Mundo, Carlo C" would be read as two people; "Carlo C Del Mundo" stays one.
    expect(zoteroReads(['Carlo C Del Mundo']).creators).toHaveLength(1);
    expect(zoteroReads(['Tri Dao']).creators).toEqual([{ lastName: 'Dao', firstName: 'Tri' }]);
    // Found by the property below: a semicolon becomes a space, and the comma then split the name.
    expect(zoteroReads(['a;a,a;a']).creators).toHaveLength(1);
    expect(zoteroReads(['Acme Labs, Applied Research']).creators).toHaveLength(1);
  });

  it('carry date, arXiv id, PDF and DOI', () => {
    const read = zoteroReads(['Albert Gu'], { doi: '10.48550/arXiv.2312.00752' });
    expect(read).toMatchObject({ title: paper.title, date: '2023/12/01', arxivId: '2312.00752', pdfUrl: 'https://arxiv.org/pdf/2312.00752', DOI: '10.48550/arXiv.2312.00752' });
    expect(zoteroReads(['Albert Gu'], { submitted: null, published: null, year: 2023 }).date).toBe('2023');
  });

  it('give Zotero exactly one creator per author with the family name as last name (property)', () => {
    const word = fc.stringMatching(/^[A-Z][a-zé]{1,8}$/);
    const particle = fc.constantFrom('van', 'van der', 'de', 'von', 'da');
    const person = fc
      .tuple(fc.array(word, { minLength: 1, maxLength: 2 }), fc.option(particle, { nil: undefined }), word)
      .map(([given, von, family]) => [...given, ...(von ? [von] : []), family].join(' '));
    fc.assert(
      fc.property(fc.array(person, { minLength: 2, maxLength: 6 }), (names) => {
        const creators = zoteroReads(names).creators;
        expect(creators).toEqual(names.map((name) => ({ lastName: splitName(name).family, firstName: splitName(name).given })));
      }),
    );
  });

  it('never split one author into several, whatever the name says (property)', () => {
    const name = fc.string({ unit: fc.constantFrom(...'ab ;,.-'), minLength: 1, maxLength: 12 }).filter((n) => /[ab]/.test(n));
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 4 }), (names) => {
        expect(zoteroReads(names).creators.length).toBeLessThanOrEqual(names.length);
      }),
      { numRuns: 1000 },
    );
  });
});
