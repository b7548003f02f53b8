/**
 * Issue 12, "Inputs": the format readers in src/core/inputs and the code-link picker, on the real
 * files (Daily Papers API response, the seed .bib, the seed listings) and with property tests.
 */
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../src/core/diagnostics.ts';
import { parseBibtex, splitBibtex } from '../src/core/inputs/bibtex.ts';
import { parseCslJson } from '../src/core/inputs/csl-json.ts';
import { parseDailyPapersJson } from '../src/core/inputs/hf-daily-papers.ts';
import { detectFormat, parseInput } from '../src/core/inputs/index.ts';
import { arrayElementOffsets, lineAt } from '../src/core/inputs/json.ts';
import { pickCodeUrl, urlsIn } from '../src/core/papers/code-link.ts';
import { seedFiles, SEEDS_DIR } from './helpers/seeds.ts';

const ROOT = resolve(import.meta.dirname, '..');
const HF_TEXT = readFileSync(join(ROOT, 'tests/fixtures/hf/daily_papers-2024-10-25.json'), 'utf8');
const BIB_TEXT = readFileSync(join(SEEDS_DIR, 'seed-papers.bib'), 'utf8');

/** 1-based lines of the `@` of every entry in BibTeX text. */
function entryLines(text: string): number[] {
  return text.split('\n').flatMap((line, i) => (/^@\w+\{/.test(line) ? [i + 1] : []));
}

describe('format detection', () => {
  it('tells the real files apart', () => {
    for (const file of seedFiles()) expect(detectFormat(readFileSync(file, 'utf8'))).toBe('listing');
    expect(detectFormat(HF_TEXT)).toBe('hf-daily-papers');
    expect(detectFormat(`\uFEFF${HF_TEXT.slice(0, 2000)}`)).toBe('listing'); // cut JSON does not end in ] and reads as text
    expect(detectFormat(BIB_TEXT)).toBe('bibtex');
    expect(detectFormat(JSON.stringify(new Cite(BIB_TEXT).format('data', { format: 'object' }), null, 2))).toBe('csl-json');
    expect(detectFormat(JSON.stringify([{ title: 'broken first element' }, ...JSON.parse(HF_TEXT)]))).toBe('hf-daily-papers');
    expect(detectFormat('2307.08691\n\n# later\nhttps://arxiv.org/abs/2312.00752v2\nhuggingface.co/papers/2405.21060\n')).toBe('arxiv-ids');
  });

  it('a broken Daily Papers file is still read as JSON and its error has a line', () => {
    const broken = HF_TEXT.replace('"upvotes":64', '"upvotes":64,,');
    const parsed = parseInput(broken, 'daily.json');
    expect(parsed.format).toBe('hf-daily-papers');
    expect(parsed.diagnostics).toMatchObject([{ severity: 'error', code: 'invalid-json', line: 1 }]);
  });
});

describe('the Daily Papers API JSON (real response)', () => {
  const parsed = parseDailyPapersJson(HF_TEXT, 'daily.json');
  const items = JSON.parse(HF_TEXT) as Array<{ paper: { id: string; title: string; authors: Array<{ name: string }> } }>;

  it('gives 29 records with author names, arXiv ids and unwrapped titles, and no diagnostics', () => {
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.records).toHaveLength(29);
    parsed.records.forEach((record, i) => {
      expect(record).toMatchObject({ file: 'daily.json', line: 1, path: `$[${i}]`, arxiv: items[i]!.paper.id });
      expect(record.names).toEqual(items[i]!.paper.authors.map((a) => a.name));
      expect(record.titleRaw).not.toMatch(/\n|\s{2}/);
    });
    expect(items.filter((i) => i.paper.title.includes('\n')).length).toBeGreaterThan(10);
  });

  it('element lines follow the pretty-printed file', () => {
    const pretty = JSON.stringify(items, null, 2);
    const again = parseDailyPapersJson(pretty, 'daily.json');
    const lines = pretty.split('\n').flatMap((line, i) => (line === '  {' ? [i + 1] : []));
    expect(again.records.map((r) => r.line)).toEqual(lines);
  });

  it('names a bad element by JSONPath and skips only it', () => {
    const bad = structuredClone(items) as unknown as Array<Record<string, unknown>>;
    bad[4] = { title: 'no paper object' };
    (bad[7]!['paper'] as Record<string, unknown>)['id'] = 'not-an-id';
    const result = parseDailyPapersJson(JSON.stringify(bad, null, 1), 'daily.json');
    expect(result.records).toHaveLength(28);
    expect(result.records[6]).toMatchObject({ arxiv: null });
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/^daily\.json:\$\[4\]\.paper: error: this element has no "paper" object\./),
      expect.stringMatching(/^daily\.json:\$\[7\]\.paper\.id: warning: .* has no arXiv id \(id: "not-an-id"\)\./),
    ]);
  });
});

describe('BibTeX (the seed .bib)', () => {
  const parsed = parseBibtex(BIB_TEXT, 'seed-papers.bib');

  it('gives 189 records at the lines of their @, with names, ids, years and the 69 stated code links', () => {
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.records.map((r) => r.line)).toEqual(entryLines(BIB_TEXT));
    const eprints = [...BIB_TEXT.matchAll(/eprint = \{([^}]+)\}/g)].map((m) => m[1]);
    expect(parsed.records.map((r) => r.arxiv)).toEqual(eprints);
    expect(parsed.records.every((r) => r.names!.length > 0 && r.year! >= 2017 && r.abstractRaw === '')).toBe(true);
    expect(parsed.records.filter((r) => r.code).length).toBe(69);
    expect(parsed.records[0]).toMatchObject({
      titleRaw: 'Music Transformer',
      names: ['Cheng-Zhi Anna Huang', 'Ashish Vaswani', 'Jakob Uszkoreit', 'Noam Shazeer', 'Ian Simon', 'Curtis Hawthorne', 'Andrew M. Dai', 'Matthew D. Hoffman', 'Monica Dinculescu', 'Douglas Eck'],
      year: 2018,
      arxiv: '1809.04281',
    });
  });

  it('reads what Zotero and Google Scholar write: Last, First names, LaTeX accents, @string, arXiv DOI, abstract, primaryClass', () => {
    const text = [
      '@string{icml = "International Conference on Machine Learning"}',
      '@comment{Zotero export}',
      '% a comment with @misc{in it,}',
      '@inproceedings{dao2022flashattention,',
      '  title={{FlashAttention}: Fast and Memory-Efficient Exact Attention with {IO}-Awareness},',
      '  author={Dao, Tri and Fu, Daniel Y. and Ermon, Stefano and Rudra, Atri and R{\\\'e}, Christopher},',
      '  booktitle=icml, year={2022},',
      '  abstract = {Transformers are slow. Code: https://github.com/HazyResearch/flash-attention.},',
      '  doi = {10.48550/arXiv.2205.14135}, primaryClass = {cs.LG}',
      '}',
    ].join('\n');
    const result = parseBibtex(text, 'zotero.bib');
    expect(result.diagnostics).toEqual([]);
    expect(result.records).toMatchObject([
      {
        line: 4,
        titleRaw: 'FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness',
        names: ['Tri Dao', 'Daniel Y. Fu', 'Stefano Ermon', 'Atri Rudra', 'Christopher Ré'],
        year: 2022,
        arxiv: '2205.14135',
        doi: '10.48550/arXiv.2205.14135',
        primaryCategory: 'cs.LG',
        abstractRaw: 'Transformers are slow. Code: https://github.com/HazyResearch/flash-attention.',
        code: null,
      },
    ]);
  });

  it("takes the arXiv id from Google Scholar's `journal = {arXiv preprint arXiv:…}` (real entries, tests/fixtures/bibtex/)", () => {
    const result = parseBibtex(readFileSync(join(ROOT, 'tests/fixtures/bibtex/google-scholar.bib'), 'utf8'), 'scholar.bib');
    expect(result.diagnostics).toEqual([]);
    expect(result.records.map((r) => [r.line, r.arxiv, r.names, r.year])).toEqual([
      [1, '2312.00752', ['Albert Gu', 'Tri Dao'], 2023],
      [8, '2307.08691', ['Tri Dao'], 2023],
    ]);
  });

  it.each([
    ['journal = {arXiv:1912.06971 [cs]}', '1912.06971'],
    ['note = {arXiv: 1906.02243}', '1906.02243'],
    ['journal = {ArXiv preprint arXiv:cond-mat/0603029v1}', 'cond-mat/0603029'],
    // Mentions of an id among other words may be another paper's.
    ['note = {Extends arXiv:2205.14135 to GPUs}', null],
    ['journal = {arXiv preprint}', null],
  ])('a journal or note naming only the preprint gives its id: %s', (field, id) => {
    const { records } = parseBibtex(`@article{k,\n  title = {A paper},\n  ${field},\n  year = {2019}\n}\n`, 'x.bib');
    expect(records[0]!.arxiv).toBe(id);
  });

  it('reports a broken entry at its line and keeps the others', () => {
    const entries = BIB_TEXT.split('\n\n@');
    const broken = [entries[0], 'misc{broken title = {No comma}}', 'misc{unclosed, title = {Open', ...entries.slice(1, 4)].join('\n\n@');
    const result = parseBibtex(broken, 'x.bib');
    expect(result.records.map((r) => r.titleRaw)).toEqual(['Music Transformer', 'Megatron-LM: Training Multi-Billion Parameter Language Models Using Model Parallelism', 'PowerNorm: Rethinking Batch Normalization in Transformers']);
    const lines = entryLines(broken);
    // entries[0] is the file's header comment: the broken entries are the first two.
    expect(result.diagnostics.map((d) => [d.line, d.code])).toEqual([
      [lines[0], 'invalid-record'],
      [lines[1], 'invalid-record'],
    ]);
    expect(result.diagnostics[1]!.message).toBe('this @misc entry is not closed.');
  });
});

describe('CSL-JSON', () => {
  it('a CSL-JSON export of the seed .bib gives the same identities', () => {
    const csl = JSON.stringify(new Cite(BIB_TEXT).format('data', { format: 'object' }), null, 2);
    const fromCsl = parseCslJson(csl, 'seed.json');
    const fromBib = parseBibtex(BIB_TEXT, 'seed.bib');
    expect(fromCsl.diagnostics).toEqual([]);
    const identity = (r: (typeof fromBib.records)[number]) => [r.titleRaw, r.names, r.arxiv, r.year, r.code];
    expect(fromCsl.records.map(identity)).toEqual(fromBib.records.map(identity));
    expect(fromCsl.records.map((r) => r.path)).toEqual(fromCsl.records.map((_, i) => `$[${i}]`));
    expect(fromCsl.records.map((r) => r.line)).toEqual(csl.split('\n').flatMap((l, i) => (l === '  {' ? [i + 1] : [])));
  });

  it('reads a Zotero-style arXiv preprint item and names an item without title', () => {
    const items = [
      { type: 'article', title: 'Mamba: Linear-Time Sequence Modeling', author: [{ family: 'Gu', given: 'Albert' }, { literal: 'Tri Dao' }], number: 'arXiv:2312.00752', issued: { 'date-parts': [[2023, 12, 1]] } },
      { type: 'article', author: [{ family: 'Nobody' }] },
    ];
    const result = parseCslJson(JSON.stringify(items, null, 2), 'zotero.json');
    expect(result.records).toMatchObject([{ line: 2, names: ['Albert Gu', 'Tri Dao'], arxiv: '2312.00752', year: 2023, abstractRaw: '' }]);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([expect.stringMatching(/^zotero\.json:\$\[1\]\.title: error: this entry has no title\./)]);
  });
});

describe('code links', () => {
  it.each([
    ['stated wins', 'https://github.com/state-spaces/mamba', 'See https://github.com/other/repo.', 'https://github.com/state-spaces/mamba'],
    ['a repository in the abstract', null, 'Code: https://github.com/zeyuliu1037/LMUFormer.git.', 'https://github.com/zeyuliu1037/LMUFormer'],
    ['bracket not opened by the URL', null, 'models (https://huggingface.co/openbmb/MiniCPM4.1-8B), and', 'https://huggingface.co/openbmb/MiniCPM4.1-8B'],
    ['a code host before Hugging Face and project pages', null, 'Demo https://a.github.io/x/ weights https://huggingface.co/a/b code https://gitlab.com/a/b', 'https://gitlab.com/a/b'],
    ['a project page', null, 'Project page: https://cg-taylor-acce.github.io/CG-Taylor/', 'https://cg-taylor-acce.github.io/CG-Taylor/'],
    ['not the paper itself', null, 'See https://arxiv.org/abs/2307.08691 and https://huggingface.co/papers/2307.08691', null],
    ['not a bare host', null, 'on https://github.com/ and https://gitlab.com/org', null],
  ])('%s', (_, stated, abstract, expected) => {
    expect(pickCodeUrl(stated, abstract)).toBe(expected);
  });

  it('finds a repository URL whatever punctuation follows it, and never throws (property)', () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,15}$/);
    fc.assert(
      fc.property(segment, segment, fc.constantFrom('', '.', ',', ').', ']', ';', '!', ' and more.'), fc.string(), (owner, repo, after, noise) => {
        const url = `https://github.com/${owner}/${repo}`;
        expect(pickCodeUrl(null, `${noise.replace(/https?:/g, '')} Code: ${url}${after}`)).toBe(url);
        expect(urlsIn(noise).every((u) => /^https?:\/\//.test(u))).toBe(true);
        pickCodeUrl(noise, noise);
      }),
    );
  });
});

describe('properties of the readers', () => {
  it('never throw, and every diagnostic names a line of the file (property)', () => {
    const bibtexish = fc.array(fc.constantFrom('@', 'misc', '{', '}', '(', ')', ',', '=', '"', 'title', 'author', ' and ', '\n', '%', 'x', '2307.08691', '\\', '#', '@string{a="b"}'), { maxLength: 60 }).map((a) => a.join(''));
    const jsonish = fc.oneof(fc.json(), fc.array(fc.record({ paper: fc.jsonValue(), title: fc.jsonValue() }, { requiredKeys: [] })).map((v) => JSON.stringify(v)));
    fc.assert(
      fc.property(fc.oneof(fc.string(), bibtexish, jsonish), (text) => {
        const lines = text.split(/\r\n|\r|\n/).length;
        for (const parsed of [parseInput(text, 'f'), parseBibtex(text, 'f'), parseCslJson(text, 'f'), parseDailyPapersJson(text, 'f')]) {
          for (const d of parsed.diagnostics) {
            expect(d.line).toBeGreaterThanOrEqual(0);
            expect(d.line).toBeLessThanOrEqual(lines);
          }
          for (const r of parsed.records) {
            expect(r.line).toBeGreaterThanOrEqual(1);
            expect(r.line).toBeLessThanOrEqual(lines);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('JSON array elements are found where they start, however the array is laid out (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 12 }), fc.constantFrom(undefined, 0, 1, 2, '\t'), fc.boolean(), (values, indent, bom) => {
        const text = `${bom ? '\uFEFF' : ''}${JSON.stringify(values, null, indent)}`;
        const offsets = arrayElementOffsets(text);
        expect(offsets).toHaveLength(values.length);
        offsets.forEach((offset, i) => {
          const end = offsets[i + 1] ?? text.lastIndexOf(']');
          const slice = text.slice(offset, end).replace(/,\s*$/, '').trim();
          expect(JSON.parse(slice)).toEqual(JSON.parse(JSON.stringify(values[i])));
        });
      }),
    );
  });

  const word = fc.stringMatching(/^[A-Z][a-z]{1,9}$/).filter((w) => w !== 'And' && w !== 'Others');
  const entry = fc.record({
    key: fc.stringMatching(/^[a-z][a-z0-9]{2,12}$/),
    title: fc.array(fc.oneof(word, fc.stringMatching(/^[a-z0-9]{1,8}$/)), { minLength: 1, maxLength: 8 }).map((w) => w.join(' ')),
    authors: fc.array(fc.tuple(word, word).map(([g, f]) => `${g} ${f}`), { minLength: 1, maxLength: 6 }),
    year: fc.integer({ min: 1990, max: 2030 }),
    id: fc.tuple(fc.integer({ min: 1501, max: 2512 }), fc.integer({ min: 10000, max: 99999 }), fc.option(fc.integer({ min: 1, max: 9 }))),
    layout: fc.constantFrom('one-line', 'fields', 'quoted'),
  });

  it('BibTeX entries round-trip with the line of their @, whatever lies between them (property)', () => {
    const between = fc.constantFrom('\n', '\n\n', '\n% comment\n', '\n\n\n  \n', '\n@comment{x}\n', '\nstray text\n');
    fc.assert(
      fc.property(fc.array(fc.tuple(entry, between), { minLength: 1, maxLength: 8 }), (entries) => {
        let text = '';
        const lines: number[] = [];
        for (const [e, gap] of entries) {
          text += gap;
          lines.push(lineAt(text, text.length));
          const id = `${e.id[0]}.${e.id[1]}${e.id[2] ? `v${e.id[2]}` : ''}`;
          const fields = [`title = {${e.title}}`, `author = {${e.authors.join(' and ')}}`, `year = ${e.year}`, `eprint = {${id}}`, 'archivePrefix = {arXiv}'];
          text +=
            e.layout === 'one-line'
              ? `@misc{${e.key}, ${fields.join(', ')}}`
              : e.layout === 'fields'
                ? `@article{${e.key},\n  ${fields.join(',\n  ')}\n}`
                : `@misc(${e.key}, ${fields.map((f) => f.replace(/\{(.*)\}$/, '"$1"')).join(', ')})`;
        }
        const parsed = parseBibtex(text, 'p.bib');
        expect(parsed.diagnostics).toEqual([]);
        expect(parsed.records.map((r) => r.line)).toEqual(lines);
        parsed.records.forEach((r, i) => {
          const [e] = entries[i]!;
          expect(r).toMatchObject({ titleRaw: e.title, names: e.authors, year: e.year >= 1900 ? e.year : null, arxiv: `${e.id[0]}.${e.id[1]}` });
        });
      }),
      { numRuns: 60 },
    );
  });

  it('Daily Papers elements keep their JSONPath and line, and titles lose their line breaks (property)', () => {
    const item = fc.record({
      title: fc.array(word, { minLength: 1, maxLength: 12 }),
      breaks: fc.array(fc.constantFrom(' ', '\n  ', '\n'), { minLength: 12, maxLength: 12 }),
      authors: fc.array(fc.tuple(word, word).map(([g, f]) => `${g} ${f}`), { maxLength: 5 }),
      id: fc.tuple(fc.integer({ min: 1501, max: 2512 }), fc.integer({ min: 10000, max: 99999 })).map(([a, b]) => `${a}.${b}`),
    });
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 6 }), fc.constantFrom(undefined, 1, 2), (items, indent) => {
        const value = items.map((it) => ({
          paper: { id: it.id, title: it.title.map((w, i) => (i === 0 ? w : `${it.breaks[i]}${w}`)).join(''), summary: 'An\n  abstract.', authors: it.authors.map((name) => ({ name })) },
          publishedAt: '2024-10-25T00:57:09.392Z',
        }));
        const text = JSON.stringify(value, null, indent);
        const parsed = parseDailyPapersJson(text, 'd.json');
        expect(parsed.diagnostics).toEqual([]);
        const offsets = arrayElementOffsets(text);
        parsed.records.forEach((r, i) => {
          expect(r).toMatchObject({ path: `$[${i}]`, line: lineAt(text, offsets[i]!), titleRaw: items[i]!.title.join(' '), names: items[i]!.authors, arxiv: items[i]!.id, abstractRaw: 'An abstract.' });
        });
      }),
      { numRuns: 100 },
    );
  });

  it('splitBibtex keeps every entry text whole (property)', () => {
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 5 }), (entries) => {
        const texts = entries.map((e) => `@misc{${e.key}, title = {${e.title} {nested {braces}}}}`);
        expect(splitBibtex(texts.join('\n\n')).map((c) => c.text)).toEqual(texts);
      }),
    );
  });
});
