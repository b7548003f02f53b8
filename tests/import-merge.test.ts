/**
 * Issue 12: records of every format merge into the same papers (by arXiv id, else by folded
 * title), identity fields are filled and never replaced, and what disagrees is reported.
 * Pure: planImport on in-memory files.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInput } from '../src/core/inputs/index.ts';
import { parsePaperFile, serializePaperFile } from '../src/core/papers/frontmatter.ts';
import { planImport, type ExistingFile } from '../src/core/papers/plan.ts';
import { paperSchema, type PaperFrontmatter } from '../src/core/papers/schema.ts';

const ABSTRACT = 'We make attention cheaper with a new kernel. '.repeat(8).trim();

function listing(title: string, abstract = ABSTRACT, authors = 3): string {
  return ['Daily Papers', 'Apr 29', title, abstract, `  • ${authors} authors`, '·', 'Mar 2, 2024 5'].join('\n');
}

function bib(title: string, fields: string): string {
  return `@misc{key,\n  title = {${title}},\n  ${fields}\n}\n`;
}

function plan(existing: ExistingFile[], inputs: Array<[file: string, text: string]>, classify?: (p: { title: string; abstract: string }) => string[]) {
  return planImport({ existing, listings: inputs.map(([file, text]) => parseInput(text, file)), added: '2026-11-30', classify });
}

function apply(existing: ExistingFile[], writes: Array<{ path: string; content: string }>): ExistingFile[] {
  const files = new Map(existing.map((f) => [f.path, f.content]));
  for (const w of writes) files.set(w.path, w.content);
  return [...files].map(([path, content]) => ({ path, content }));
}

function data(files: ExistingFile[]): PaperFrontmatter[] {
  return files.map((f) => {
    const parsed = parsePaperFile(f.content);
    if (!parsed.ok) throw new Error(parsed.message);
    return paperSchema.parse(parsed.file.data);
  });
}

const FLASH = 'FlashAttention-2: Faster Attention with Better Parallelism and Work Partitioning';
const FLASH_BIB = bib(FLASH, 'author = {Tri Dao}, year = {2023}, eprint = {2307.08691}, archivePrefix = {arXiv}, note = {Code: https://github.com/Dao-AILab/flash-attention}');

describe('merging formats', () => {
  it('a listing and a BibTeX entry of the same paper make one paper with both facts, in either order', () => {
    const a = plan([], [['week.txt', listing(FLASH, `${ABSTRACT} See http://github.com/someone/fork.`, 1)], ['refs.bib', FLASH_BIB]]);
    const b = plan([], [['refs.bib', FLASH_BIB], ['week.txt', listing(FLASH, `${ABSTRACT} See http://github.com/someone/fork.`, 1)]]);
    for (const result of [a, b]) {
      expect(result.report).toMatchObject({ records: 2, papers: 1, added: 1, diagnostics: [] });
      const [paper] = data(apply([], result.writes));
      expect(paper).toMatchObject({
        arxiv: '2307.08691',
        year: 2023,
        authors: { count: 1, names: ['Tri Dao'] },
        // The stated link wins over the abstract's, whichever came first.
        code: 'https://github.com/Dao-AILab/flash-attention',
        upvotes: 5,
        published: '2024-03-02',
      });
      expect(paper!.abstract).toContain('We make attention cheaper');
    }
  });

  it('matches by arXiv id before the title: a retitled paper is not a new one', () => {
    const first = plan([], [['refs.bib', FLASH_BIB]]);
    const files = apply([], first.writes);
    const retitled = bib('FlashAttention-2: Faster Attention (v2 title)', 'author = {Tri Dao and Someone Else}, eprint = {2307.08691v3}, archivePrefix = {arXiv}');
    const again = plan(files, [['new.bib', retitled]]);
    expect(again.report).toMatchObject({ papers: 1, added: 0, updated: 1 });
    const [paper] = data(apply(files, again.writes));
    expect(paper!.title).toBe(FLASH);
    expect(paper!.authors.names).toEqual(['Tri Dao']);
    expect(paper!.sources).toEqual([
      { file: 'refs.bib', line: 1 },
      { file: 'new.bib', line: 1, title: 'FlashAttention-2: Faster Attention (v2 title)' },
    ]);
  });

  it('never replaces a value a person set; a different arXiv id under the same title is another paper, reported', () => {
    const files = apply([], plan([], [['week.txt', listing(FLASH, `${ABSTRACT} Code: https://github.com/a/b.`)]]).writes);
    const [before] = data(files);
    const edited: PaperFrontmatter = { ...before!, arxiv: '2307.08691', year: 1999, code: 'https://example.org/mine', authors: { ...before!.authors, names: ['A Person'] } };
    const own = [{ path: files[0]!.path, content: serializePaperFile(edited, '\nMy notes.\n') }];
    const result = plan(own, [['refs.bib', FLASH_BIB]]);
    expect(result.report.diagnostics).toEqual([]);
    const [after] = data(apply(own, result.writes));
    expect(after).toMatchObject({ arxiv: '2307.08691', year: 1999, code: 'https://example.org/mine', authors: { names: ['A Person'] } });
    expect(apply(own, result.writes)[0]!.content.endsWith('\nMy notes.\n')).toBe(true);

    const other = plan(own, [['refs.bib', FLASH_BIB.replace('2307.08691', '2307.99999')]]);
    expect(other.report.diagnostics).toMatchObject([
      { severity: 'warning', code: 'arxiv-id-conflict', file: 'refs.bib', line: 1 },
      { severity: 'warning', code: 'no-abstract' },
    ]);
    expect(other.report.diagnostics[0]!.message).toContain(`it was added as another paper, papers/${before!.slug}-2.mdx`);
    expect(other.writes.map((w) => w.path)).toEqual([`papers/${before!.slug}-2.mdx`]);
  });

  it('warns once, at the record, when author names and the listing count first disagree; re-importing is silent', () => {
    const inputs: Array<[string, string]> = [['week.txt', listing(FLASH, ABSTRACT, 7)], ['refs.bib', FLASH_BIB]];
    const first = plan([], inputs);
    expect(first.report.diagnostics).toMatchObject([{ severity: 'warning', code: 'author-count-mismatch', file: 'refs.bib', line: 1 }]);
    expect(first.report.diagnostics[0]!.message).toContain('the listing shows 7 authors but 1 are named');
    const files = apply([], first.writes);
    expect(data(files)[0]!.authors).toEqual({ count: 7, attribution: null, names: ['Tri Dao'] });
    const again = plan(files, inputs);
    expect(again.report).toMatchObject({ unchanged: 1, diagnostics: [] });
    expect(again.writes).toEqual([]);
  });

  it('a new entry without abstract is added with an empty one (warning); a later listing fills it and the classifier sees it', () => {
    const seen: string[] = [];
    const classify = (p: { title: string; abstract: string }): string[] => {
      seen.push(p.abstract);
      return p.abstract.includes('attention') ? ['efficient-attention'] : [];
    };
    const bibOnly = plan([], [['refs.bib', FLASH_BIB]], classify);
    expect(bibOnly.report.diagnostics).toMatchObject([{ severity: 'warning', code: 'no-abstract', file: 'refs.bib', line: 1 }]);
    const files = apply([], bibOnly.writes);
    expect(data(files)[0]).toMatchObject({ abstract: '', abstract_raw: '', themes: [] });
    const later = plan(files, [['week.txt', listing(FLASH, ABSTRACT, 1)]], classify);
    expect(data(apply(files, later.writes))[0]).toMatchObject({ abstract_raw: ABSTRACT, themes: [] }); // themes are people's once written

    seen.length = 0;
    const together = plan([], [['refs.bib', FLASH_BIB], ['week.txt', listing(FLASH, ABSTRACT, 1)]], classify);
    expect(together.report.diagnostics).toEqual([]);
    expect(seen).toEqual([ABSTRACT]);
    expect(data(apply([], together.writes))[0]!.themes).toEqual(['efficient-attention']);
  });
});

describe('identity: arXiv id first, then every title a paper is known by', () => {
  const MAMBA_ID = '2312.00752';
  const SURVEY = 'A Survey of Mamba';
  const daily = (id: string, title: string): string =>
    JSON.stringify([{ paper: { id, title, summary: ABSTRACT, authors: [], upvotes: 3 }, publishedAt: '2024-10-25T01:00:00Z' }]);

  it('two records with equal titles and different arXiv ids are two papers with stable slugs; replaying writes nothing', () => {
    // The property test's counterexample: the second id's paper is later seen under another title.
    const inputs: Array<[string, string]> = [
      ['daily.json', daily('2307.08691', FLASH)],
      ['daily2.json', daily(MAMBA_ID, FLASH)],
      ['refs.bib', bib(SURVEY, `eprint = {${MAMBA_ID}}, archivePrefix = {arXiv}`)],
    ];
    const first = plan([], inputs);
    expect(first.report).toMatchObject({ papers: 2, added: 2 });
    expect(first.report.diagnostics).toMatchObject([{ severity: 'warning', code: 'arxiv-id-conflict', file: 'daily2.json', line: 1 }]);
    const files = apply([], first.writes);
    expect(data(files).map((p) => [p.slug, p.arxiv])).toEqual([
      ['flashattention-2-faster-attention-with-better-parallelism', '2307.08691'],
      ['flashattention-2-faster-attention-with-better-parallelism-2', MAMBA_ID],
    ]);
    // Replayed, in this order or reversed, and with the files read in the other order: no byte changes.
    for (const order of [inputs, [...inputs].reverse()]) {
      for (const existing of [files, [...files].reverse()]) {
        const again = plan(existing, order);
        expect(again.writes).toEqual([]);
        expect(again.report).toMatchObject({ added: 0, unchanged: 2 });
      }
    }
  });

  it('a title-only record of a title shared by two papers stays with the paper it joined', () => {
    const inputs: Array<[string, string]> = [
      ['refs.bib', FLASH_BIB],
      ['week.txt', listing(FLASH)],
      ['daily.json', daily(MAMBA_ID, FLASH)],
    ];
    const files = apply([], plan([], inputs).writes);
    expect(data(files).map((p) => [p.arxiv, p.sources.map((s) => s.file)])).toEqual([
      ['2307.08691', ['refs.bib', 'week.txt']],
      [MAMBA_ID, ['daily.json']],
    ]);
    for (const existing of [files, [...files].reverse()]) expect(plan(existing, inputs).writes).toEqual([]);
  });

  const RETITLED = 'FlashAttention-2: Faster Attention (v2 title)';
  const byIdUnderOtherTitle: Array<[string, string]> = [
    ['refs.bib', FLASH_BIB],
    ['v2.bib', bib(RETITLED, 'eprint = {2307.08691}, archivePrefix = {arXiv}')],
    ['week.txt', listing(RETITLED)],
  ];

  it('a title a record matched by id brings is matched in the same run: a later listing under it is the same paper', () => {
    const result = plan([], byIdUnderOtherTitle);
    expect(result.report).toMatchObject({ records: 3, papers: 1, added: 1 });
    const [paper] = data(apply([], result.writes));
    expect(paper!.sources).toEqual([
      { file: 'refs.bib', line: 1 },
      { file: 'v2.bib', line: 1, title: RETITLED },
      { file: 'week.txt', line: 3 },
    ]);
    expect(paper!.abstract_raw).toBe(ABSTRACT);
  });

  it('... and in a later run (the other title is kept in `sources`), so one run or several give the same papers', () => {
    let files: ExistingFile[] = [];
    for (const input of byIdUnderOtherTitle) files = apply(files, plan(files, [input]).writes);
    expect(data(files)).toHaveLength(1);
    expect(data(files)[0]!.sources).toEqual(data(apply([], plan([], byIdUnderOtherTitle).writes))[0]!.sources);
    expect(plan(files, byIdUnderOtherTitle).writes).toEqual([]);
  });

  it("... and when the listing comes first in the run: its title is the id record's, so it gets that id", () => {
    const inputs = [byIdUnderOtherTitle[2]!, byIdUnderOtherTitle[0]!, byIdUnderOtherTitle[1]!];
    const result = plan([], inputs);
    expect(result.report).toMatchObject({ records: 3, papers: 1, added: 1 });
    const files = apply([], result.writes);
    expect(data(files)[0]).toMatchObject({ title: RETITLED, arxiv: '2307.08691', year: 2023 });
    expect(plan(files, inputs).writes).toEqual([]);
  });
});

describe('property', () => {
  const title = fc.constantFrom(FLASH, 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces', 'A Survey of Mamba');
  const id = fc.constantFrom('2307.08691', '2312.00752', '2408.01129', '2405.21060');
  const record = fc.oneof(
    fc.tuple(title, fc.integer({ min: 1, max: 9 })).map(([t, n]): [string, string] => ['week.txt', listing(t, ABSTRACT, n)]),
    fc.tuple(title, id, fc.array(fc.constantFrom('Tri Dao', 'Albert Gu', 'Haohao Qu'), { maxLength: 3 }), fc.boolean()).map(([t, i, names, abstract]): [string, string] => [
      'refs.bib',
      bib(t, `${names.length ? `author = {${names.join(' and ')}}, ` : ''}eprint = {${i}}, archivePrefix = {arXiv}${abstract ? `, abstract = {${ABSTRACT}}` : ''}`),
    ]),
    fc.tuple(title, id, fc.array(fc.constantFrom('Tri Dao', 'Albert Gu'), { maxLength: 2 })).map(([t, i, names]): [string, string] => [
      'daily.json',
      JSON.stringify([{ paper: { id: i, title: t, summary: ABSTRACT, authors: names.map((name) => ({ name })), upvotes: 3 }, publishedAt: '2024-10-25T01:00:00Z' }]),
    ]),
  );
  it('whatever mix of formats and order, the plan never throws, every write is a valid paper, and replaying it changes nothing', () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 6 }), (inputs) => {
        const first = plan([], inputs);
        const files = apply([], first.writes);
        const papers = data(files);
        expect(papers).toHaveLength(first.report.added);
        // Replayed with the files read in either order (a directory listing's order is not the import's).
        expect(plan(files, inputs).writes).toEqual([]);
        expect(plan([...files].reverse(), inputs).writes).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('importing the inputs one run each, then replaying them all in one run, changes nothing', () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 6 }), (inputs) => {
        let files: ExistingFile[] = [];
        for (const one of inputs) files = apply(files, plan(files, [one]).writes);
        expect(plan(files, inputs).writes).toEqual([]);
        expect(plan([...files].reverse(), inputs).writes).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
