/**
 * Issue 14 item 5 (and the Windows line endings of its "Also" list): updating an existing paper
 * file rewrites only the keys that change; people's keys, comments, number spellings and line
 * endings stay byte for byte. Checked on `updatePaperFile` itself, on the import plan and on
 * `themes reclassify`'s plan, which both write through it.
 */
import fc from 'fast-check';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseListing } from '../src/core/listing/index.ts';
import { parsePaperFile, serializePaperFile, updatePaperFile } from '../src/core/papers/frontmatter.ts';
import { planImport } from '../src/core/papers/plan.ts';
import { createClassifier, parseTaxonomy } from '../src/core/themes/index.ts';
import { planReclassify, readPaperThemes } from '../src/core/themes/papers.ts';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ABSTRACT = 'We quantize the weights of large language models to 4 bits with little loss. '.repeat(3).trim();

/** A file as the importer writes it, then edited by a person: comments, own keys, odd numbers. */
const IMPORTED = serializePaperFile(
  {
    slug: 'sparse-attention',
    title: 'Sparse Attention',
    title_raw: 'Sparse Attention',
    abstract: ABSTRACT,
    abstract_raw: ABSTRACT,
    authors: { count: 3, attribution: null, names: [] },
    arxiv: '2505.23730',
    published: '2026-02-27',
    upvotes: 4,
    added: '2026-11-02',
    themes: [],
    aliases: [],
    sources: [{ file: 'a.txt', line: 3 }],
  },
  '\n## Notes\n\nRead on Tuesday.\n',
);

function personEdits(text: string): string {
  return text
    .replace('slug: "sparse-attention"\n', '# Kept by hand: ask Ana before renaming.\nslug: "sparse-attention"  # permanent\n')
    .replace('upvotes: 4\n', 'upvotes: 4 # as of Friday\n')
    .replace('---\n\n## Notes', 'arxiv_listed: 2505.23730\nseminar_id: 123456789012345678901234\ncolour: 0x1F\nreviewed: 2026-11-03\n# end of my keys\n---\n\n## Notes');
}

describe('updatePaperFile', () => {
  it('replaces only the changed keys; comments, people\'s keys and their spellings stay byte for byte', () => {
    const before = personEdits(IMPORTED);
    const result = updatePaperFile(before, { upvotes: 9, sources: [{ file: 'a.txt', line: 3 }, { file: 'b.txt', line: 7 }] }, 'papers/x.mdx');
    expect(result.ok).toBe(true);
    const expected = before
      .replace('upvotes: 4 # as of Friday\n', 'upvotes: 9 # as of Friday\n')
      .replace('sources:\n  - file: "a.txt"\n    line: 3\n', 'sources:\n  - file: "a.txt"\n    line: 3\n  - file: "b.txt"\n    line: 7\n');
    expect(result.ok && result.text).toBe(expected);
  });

  it('adds a missing key after the key that precedes it in the usual order, and removes one given undefined', () => {
    const before = '---\n# mine\nslug: "x"\ntitle: "X"\nadded: "2026-11-02"\nsources: []\n---\nbody\n';
    const result = updatePaperFile(before, { upvotes: 3, abstract: 'A', title: undefined, doi: '10.1/x' }, 'papers/x.mdx');
    expect(result.ok && result.text).toBe('---\n# mine\nslug: "x"\nabstract: "A"\ndoi: "10.1/x"\nupvotes: 3\nadded: "2026-11-02"\nsources: []\n---\nbody\n');
  });

  it('keeps Windows line endings: no bare LF after an update', () => {
    const before = personEdits(IMPORTED).replace(/\n/g, '\r\n');
    const result = updatePaperFile(before, { upvotes: 12, themes: ['quantization'], year: 2025 }, 'papers/x.mdx');
    expect(result.ok).toBe(true);
    const text = result.ok ? result.text : '';
    expect(text).not.toMatch(/[^\r]\n/);
    expect(text).toContain('upvotes: 12 # as of Friday\r\nadded');
    expect(text).toContain('themes:\r\n  - "quantization"\r\n');
    expect(load(text.split('\r\n---\r\n')[0]!.slice(5))).toMatchObject({ upvotes: 12, year: 2025, themes: ['quantization'], seminar_id: 1.2345678901234568e23 });
  });

  it('reports a frontmatter it cannot edit in place with its line', () => {
    expect(updatePaperFile('no frontmatter\n', { upvotes: 1 }, 'papers/x.mdx')).toEqual({
      ok: false,
      problem: { severity: 'error', code: 'invalid-paper-file', file: 'papers/x.mdx', line: 1, message: 'the file does not start with a "---" frontmatter line.' },
    });
    expect(updatePaperFile('---\n{slug: x, title: y}\n---\n', { upvotes: 1 }, 'papers/x.mdx')).toMatchObject({ ok: false, problem: { file: 'papers/x.mdx', line: 2 } });
  });

  // People's lines: a key of their own with a value in any spelling, or a comment line.
  const key = fc.stringMatching(/^[a-z][a-z0-9_]{0,12}$/).filter((k) => !KNOWN.has(k));
  const spelling = fc.oneof(
    fc.constantFrom('2505.23730', '0x1F', '0o17', '123456789012345678901234', '1e3', '.inf', 'yes', 'null', '~', '2026-11-03', "'quoted # not a comment'", '"x\\ty"', '[1, 2]', '{a: 1}'),
    fc.integer().map(String),
    fc.double({ noNaN: true }).map(String),
    fc.string({ maxLength: 20 }).map((s) => JSON.stringify(s)),
  );
  const comment = fc.string({ maxLength: 30 }).map((s) => `#${s.replace(/[\r\n\u0085\u2028\u2029]/g, ' ')}`);
  const peopleLine = fc.oneof(
    fc.tuple(key, spelling, fc.option(comment, { nil: undefined })).map(([k, v, c]) => `${k}: ${v}${c ? ` ${c}` : ''}`),
    comment,
  );
  const importerChange = fc.record(
    {
      upvotes: fc.oneof(fc.nat(), fc.constant(null)),
      title: fc.string({ minLength: 1, maxLength: 40 }),
      authors: fc.record({ count: fc.option(fc.integer({ min: 1, max: 99 }), { nil: null }), attribution: fc.constant(null), names: fc.array(fc.string({ minLength: 1, maxLength: 10 }), { maxLength: 3 }) }),
      sources: fc.array(fc.record({ file: fc.string({ minLength: 1, maxLength: 10 }), line: fc.integer({ min: 1, max: 999 }) }), { minLength: 1, maxLength: 3 }),
      published: fc.constantFrom('2026-01-02', null),
      themes: fc.array(fc.constantFrom('moe', 'ssm', 'quantization'), { maxLength: 2 }),
      arxiv: fc.constantFrom('2505.23730', null),
    },
    { requiredKeys: [] },
  );

  it('any people\'s keys and comments survive any update of importer-owned keys, in either line ending (property)', () => {
    const base = IMPORTED.split('\n');
    // Lines where a new top-level line may go: before any top-level key, or before the closing ---.
    const slots = base.map((line, i) => i).filter((i) => i > 0 && /^(?:[a-z_]+:|---$)/.test(base[i]!));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...slots), peopleLine), { maxLength: 8 }),
        importerChange,
        fc.boolean(),
        (inserts, changes, crlf) => {
          const lines = base.map((line, i) => [...inserts.filter(([at]) => at === i).map(([, l]) => l), line]).flat();
          // Keys must be unique for the file to be YAML at all.
          const keys = inserts.map(([, l]) => /^([a-z][a-z0-9_]*):/.exec(l)?.[1]).filter(Boolean);
          fc.pre(new Set(keys).size === keys.length);
          let before = lines.join('\n');
          if (crlf) before = before.replace(/\n/g, '\r\n');
          const parsedBefore = parsePaperFile(before);
          fc.pre(parsedBefore.ok);
          const result = updatePaperFile(before, changes, 'papers/x.mdx');
          expect(result.ok).toBe(true);
          if (!result.ok || !parsedBefore.ok) return;
          // Every person's line is there, byte for byte and in order.
          const eol = crlf ? '\r\n' : '\n';
          const afterLines = result.text.split(eol);
          let from = 0;
          for (const [, line] of [...inserts].sort((a, b) => a[0] - b[0])) {
            const at = afterLines.indexOf(line, from);
            expect(at, line).toBeGreaterThanOrEqual(from);
            from = at + 1;
          }
          if (crlf) expect(result.text).not.toMatch(/[^\r]\n/);
          // The body is untouched and the data is the old data with the changes applied.
          const parsedAfter = parsePaperFile(result.text);
          expect(parsedAfter.ok).toBe(true);
          if (!parsedAfter.ok) return;
          expect(parsedAfter.file.body).toBe(parsedBefore.file.body);
          expect(parsedAfter.file.data).toEqual({ ...parsedBefore.file.data, ...changes });
        },
      ),
      { numRuns: 400 },
    );
  });
});

const KNOWN = new Set(['slug', 'title', 'title_raw', 'abstract', 'abstract_raw', 'authors', 'arxiv', 'doi', 'primary_category', 'submitted', 'year', 'code', 'published', 'upvotes', 'added', 'themes', 'themes_source', 'tldr', 'featured', 'aliases', 'sources']);

describe('the importer and reclassify write through it', () => {
  it('import: a new sighting changes its keys\' lines only', () => {
    const before = personEdits(IMPORTED);
    const listing = parseListing(['Apr 29', 'Sparse Attention', ABSTRACT, '  • 3 authors', '·', 'Feb 27 9'].join('\n'), 'b.txt');
    const { writes, report } = planImport({ existing: [{ path: 'papers/sparse-attention.mdx', content: before }], listings: [listing], added: '2026-11-09' });
    expect(report.changes).toMatchObject([{ action: 'updated', fields: ['upvotes', 'sources'] }]);
    expect(writes).toEqual([
      {
        path: 'papers/sparse-attention.mdx',
        expected: before,
        content: before
          .replace('upvotes: 4 # as of Friday\n', 'upvotes: 9 # as of Friday\n')
          .replace('    line: 3\n', '    line: 3\n  - file: "b.txt"\n    line: 2\n'),
      },
    ]);
  });

  it('themes reclassify: only the themes lines change', () => {
    const taxonomyFile = resolve(import.meta.dirname, '../content/themes.yaml');
    const taxonomy = parseTaxonomy(readFileSync(taxonomyFile, 'utf8'), taxonomyFile);
    if (!taxonomy.ok) throw new Error('themes.yaml');
    const before = personEdits(IMPORTED).replace(/\n/g, '\r\n');
    const { papers } = readPaperThemes([{ path: join('papers', 'sparse-attention.mdx'), content: before }]);
    const plan = planReclassify(papers, createClassifier(taxonomy.taxonomy));
    expect(plan.changes).toMatchObject([{ before: [], after: ['efficient-attention', 'quantization'] }]);
    expect(plan.writes[0]!.content).toBe(before.replace('themes: []\r\n', 'themes:\r\n  - "efficient-attention"\r\n  - "quantization"\r\n'));
  });
});
