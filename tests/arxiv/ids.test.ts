/** arXiv ids and URLs, as people paste them, normalise to the versionless id. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArxivReference } from '../../src/core/arxiv/ids.ts';
import { ARXIV_ID_PATTERN } from '../../src/core/papers/schema.ts';

describe('parseArxivReference', () => {
  it.each([
    ['2307.08691', '2307.08691', null],
    ['2307.08691v2', '2307.08691', 2],
    ['arXiv:2307.08691v3', '2307.08691', 3],
    ['  arxiv: 1707.08567 ', '1707.08567', null],
    ['0704.0001', '0704.0001', null],
    ['cond-mat/0603029v1', 'cond-mat/0603029', 1],
    ['math.GT/0309136', 'math.GT/0309136', null],
    ['astro-ph/0601001', 'astro-ph/0601001', null],
    ['https://arxiv.org/abs/2307.08691', '2307.08691', null],
    ['http://arxiv.org/abs/2104.12255v1', '2104.12255', 1],
    ['https://arxiv.org/pdf/2307.08691v2', '2307.08691', 2],
    ['https://arxiv.org/pdf/2307.08691v2.pdf', '2307.08691', 2],
    ['arxiv.org/abs/cond-mat/0603029v1', 'cond-mat/0603029', 1],
    ['https://export.arxiv.org/abs/astro-ph/0601001', 'astro-ph/0601001', null],
    ['https://www.arxiv.org/abs/2307.08691?context=cs#x', '2307.08691', null],
    ['https://arxiv.org/html/2307.08691v1/', '2307.08691', 1],
    ['https://huggingface.co/papers/2307.08691', '2307.08691', null],
    ['huggingface.co/papers/2410.18057#community', '2410.18057', null],
  ])('%s -> %s', (text, id, version) => {
    expect(parseArxivReference(text)).toEqual({ id, version });
  });

  it.each([
    '',
    'abc',
    '2307.086911',
    '12307.08691',
    'https://example.org/abs/2307.08691',
    'https://huggingface.co/2307.08691',
    'https://arxiv.org/list/cs.LG/recent',
    'javascript:alert(1)//arxiv.org/abs/2307.08691',
    'cond-mat/060302',
    'COND-MAT/0603029',
  ])('%j is not an arXiv reference', (text) => {
    expect(parseArxivReference(text)).toBeNull();
  });
});

describe('properties', () => {
  const newStyle = fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99999 }), fc.boolean())
    .map(([yymm, n, five]) => `${String(yymm).padStart(4, '0')}.${String(n % (five ? 100000 : 10000)).padStart(five ? 5 : 4, '0')}`);
  const oldStyle = fc
    .tuple(fc.constantFrom('cond-mat', 'hep-th', 'astro-ph', 'math', 'cs', 'q-bio'), fc.option(fc.constantFrom('GT', 'AG', 'LG')), fc.integer({ min: 0, max: 9999999 }))
    .map(([archive, cls, n]) => `${archive}${cls ? `.${cls}` : ''}/${String(n).padStart(7, '0')}`);
  const id = fc.oneof(newStyle, oldStyle);
  const version = fc.option(fc.integer({ min: 1, max: 99 }), { nil: null });
  const wrap = fc.constantFrom(
    (s: string) => s,
    (s: string) => `arXiv:${s}`,
    (s: string) => `https://arxiv.org/abs/${s}`,
    (s: string) => `http://arxiv.org/pdf/${s}.pdf`,
    (s: string) => `arxiv.org/pdf/${s}`,
    (s: string) => `https://huggingface.co/papers/${s}`,
  );

  it('every way of writing an id gives back the versionless id and the version', () => {
    fc.assert(
      fc.property(id, version, wrap, (bare, v, form) => {
        const ref = parseArxivReference(form(v === null ? bare : `${bare}v${v}`));
        expect(ref).toEqual({ id: bare, version: v });
        expect(ref!.id).toMatch(ARXIV_ID_PATTERN);
        // Normalising twice changes nothing.
        expect(parseArxivReference(ref!.id)).toEqual({ id: bare, version: null });
      }),
    );
  });

  it('never throws; whatever it returns is a valid versionless id', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const ref = parseArxivReference(text);
        if (ref) expect(ref.id).toMatch(ARXIV_ID_PATTERN);
      }),
      { numRuns: 500 },
    );
  });
});
