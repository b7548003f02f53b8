import { parseFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import { compile } from '@mdx-js/mdx';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseWithYaml } from 'yaml';
import { formatDiagnostic } from '../src/core/diagnostics.ts';
import { parseListing } from '../src/core/listing/index.ts';
import { parsePaperFile, serializePaperFile } from '../src/core/papers/frontmatter.ts';
import { dedupeKey } from '../src/core/papers/key.ts';
import { planImport, type ExistingFile, type PlanInput } from '../src/core/papers/plan.ts';
import { paperSchema, SLUG_PATTERN } from '../src/core/papers/schema.ts';
import { slugBase, uniqueSlug, SLUG_MAX_LENGTH } from '../src/core/papers/slug.ts';

const ABSTRACT = 'We study attention. '.repeat(15).trim();

/** A layout A listing from [title, abstract, authors line, date line] tuples. */
function listing(file: string, records: Array<[string, string, string?, string?]>, header = 'Apr 29') {
  const text = [header, ...records.flatMap(([t, a, who, date]) => (who ? [t, a, who, '·', date ?? 'Feb 27'] : [t, a]))].join('\n\n');
  return parseListing(text, file);
}

/** Applies a plan's writes to an in-memory content folder. */
function apply(existing: ExistingFile[], writes: Array<{ path: string; content: string }>): ExistingFile[] {
  const files = new Map(existing.map((f) => [f.path, f.content]));
  for (const w of writes) files.set(w.path, w.content);
  return [...files].map(([path, content]) => ({ path, content })).sort((a, b) => a.path.localeCompare(b.path));
}

function plan(input: Partial<PlanInput> & Pick<PlanInput, 'listings'>) {
  return planImport({ existing: [], added: '2026-11-02', ...input });
}

function dataOf(content: string) {
  const parsed = parsePaperFile(content);
  if (!parsed.ok) throw new Error(parsed.message);
  return { data: paperSchema.parse(parsed.file.data), raw: parsed.file.data, body: parsed.file.body };
}

describe('slugs', () => {
  it.each([
    ['PixArt-$α$: Fast Training of Diffusion Transformer for Photorealistic Text-to-Image Synthesis', 'pixart-alpha-fast-training-of-diffusion-transformer-for'],
    ['PIXART-$\\alpha$: Fast Training', 'pixart-alpha-fast-training'],
    ['FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness', 'flashattention-fast-and-memory-efficient-exact-attention'],
    ['Nyströmformer', 'nystroemformer'],
    ['VPNeXt -- Rethinking Dense Decoding', 'vpnext-rethinking-dense-decoding'],
    ['$\\mathcal{O}(n)$ attention', 'mathcal-o-n-attention'],
    ['日本語', 'paper'],
    ['', 'paper'],
  ])('%s -> %s', (title, slug) => {
    expect(slugBase(title)).toBe(slug);
  });

  it('are valid, at most the maximum length, and unique after collision handling (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 200 }), { maxLength: 40 }), (titles) => {
        const taken = new Set<string>(['paper']);
        const slugs = titles.map((t) => {
          const base = slugBase(t);
          expect(base).toMatch(SLUG_PATTERN);
          expect(base.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
          return uniqueSlug(base, taken);
        });
        expect(new Set(slugs).size).toBe(slugs.length);
        for (const s of slugs) expect(paperSchema.shape.slug.safeParse(s).success).toBe(true);
      }),
    );
  });

  it('resolves collisions deterministically, skipping slugs and aliases in use', () => {
    const taken = new Set(['attention', 'attention-2']);
    expect(['attention', 'attention', 'other'].map((b) => uniqueSlug(b, taken))).toEqual(['attention-3', 'attention-4', 'other']);
  });
});

describe('dedupe key', () => {
  it('treats case, punctuation, accents, TeX and Greek spelling alike', () => {
    expect(dedupeKey('PixArt-$α$: Fast Training')).toBe(dedupeKey('PIXART-\\alpha$: fast training'));
    expect(dedupeKey('Nyströmformer')).toBe(dedupeKey('Nystromformer'));
    expect(dedupeKey('Long Range Arena: A Benchmark')).not.toBe(dedupeKey('Long Range Arena 2: A Benchmark'));
  });
});

describe('frontmatter write/read', () => {
  const NASTY = [
    '{props.x} and {', '<script>alert(1)</script>', '</textarea><b>bold</b>', 'import x from "y"\nexport const a = 1',
    '---\ntitle: injected\n---', '# heading\n\n- list', 'key: value # comment', '"quoted" \'single\' `code`', '- item',
    '? complex', '&anchor *alias !tag', '%YAML 1.2', '@at', 'null', 'true', '0x1F', '2023-08-11', '1e3', '~', '|', '>',
    'tab\there', 'trailing space ', ' leading space', '\\alpha $x$ \\$5 \\% 50%', 'emoji 😀 and ∑ and \u2028 and \u0085',
    'line\r\nbreaks\rand\nmore', '<!-- comment -->', '{/* mdx comment */}', 'a'.repeat(3000),
  ];

  async function roundTrip(title: string, abstract: string, body: string): Promise<void> {
    const data = { slug: 'x', title, title_raw: title, abstract, abstract_raw: abstract, added: '2026-11-02', sources: [{ file: 'a.txt', line: 1 }] };
    const text = serializePaperFile(data, body);
    // The importer's own reader.
    const ours = parsePaperFile(text);
    expect(ours.ok && ours.file.data).toEqual(data);
    expect(ours.ok && ours.file.body).toBe(body);
    // Another YAML 1.2 reader agrees.
    expect(parseWithYaml(text.split('\n---\n')[0]!.slice(4))).toEqual(data);
    // Astro's reader (js-yaml), exactly as the content collection reads the file.
    const astro = parseFrontmatter(text);
    expect(astro.frontmatter).toMatchObject({ title, abstract });
    // Astro removes `---<yaml>---` and keeps the line break after it.
    expect(astro.content).toBe(`\n${body}`);
    // What reaches the MDX compiler is the body only, and it compiles.
    await compile(astro.content);
  }

  it.each(NASTY)('%j survives as the same text and cannot break an MDX compile', async (text) => {
    await roundTrip(`T ${text}`, text, '');
  });

  it('any title/abstract survives (property, incl. an MDX compile of the file)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ unit: 'grapheme', minLength: 1 }), fc.string({ unit: 'binary', minLength: 1 }), fc.constantFrom(...NASTY)),
        fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.constantFrom(...NASTY)),
        fc.constantFrom('', '\nMy notes.\n', '\n## Notes\n\nSee $x^2$.\n'),
        roundTrip,
      ),
      { numRuns: 150 },
    );
  });

  it('writes any JSON-like frontmatter (people\'s extra keys too) so that yaml and js-yaml read it back (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (extra) => {
        const expected = JSON.parse(JSON.stringify({ slug: 's', ...extra }));
        const text = serializePaperFile(expected, '');
        const ours = parsePaperFile(text);
        expect(ours.ok && ours.file.data).toEqual(expected);
        expect(parseFrontmatter(text).frontmatter).toEqual(expected);
        expect(parseWithYaml(text.slice(4, -5))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic: fixed key order, people\'s keys after the known ones', () => {
    const a = serializePaperFile({ zz: 1, sources: [], title: 't', slug: 's' }, '');
    const b = serializePaperFile({ slug: 's', title: 't', zz: 1, sources: [] }, '');
    expect(a).toBe(b);
    expect(a).toBe('---\nslug: "s"\ntitle: "t"\nsources: []\nzz: 1\n---\n');
  });

  it('reports a broken file with its line', () => {
    expect(parsePaperFile('no frontmatter')).toMatchObject({ ok: false, line: 1 });
    expect(parsePaperFile('---\nslug: a\ntitle: x: y\n---\n')).toMatchObject({ ok: false, line: 3 });
    expect(parsePaperFile('---\nslug: a\nslug: b\n---\n')).toMatchObject({ ok: false, line: 3, message: expect.stringContaining('duplicated') });
  });
});

describe('planImport', () => {
  it('adds new papers and merges repeated sightings: fills metadata, highest upvotes, every source', () => {
    const first = listing('000_a.txt', [['Paper One', ABSTRACT], ['Paper Two', ABSTRACT, '  • 3 authors', 'Feb 27 4']]);
    const second = listing('in/001_b.txt', [['paper one', ABSTRACT, 'apple Apple', 'Aug 11, 2023 9'], ['Paper Two', ABSTRACT, '  • 5 authors', 'Mar 1 1']], 'Dec 11');
    const { writes, report } = plan({ listings: [first, second] });
    expect(report).toMatchObject({ records: 4, papers: 2, added: 2, updated: 0, unchanged: 0, skipped: 0, diagnostics: [] });
    expect(writes.map((w) => w.path)).toEqual(['papers/paper-one.mdx', 'papers/paper-two.mdx']);
    const one = dataOf(writes[0]!.content).data;
    expect(one).toMatchObject({
      title_raw: 'Paper One',
      authors: { count: null, attribution: { handle: 'apple', name: 'Apple' } },
      published: '2023-08-11',
      upvotes: 9,
      added: '2026-11-02',
      themes: [],
      sources: [{ file: '000_a.txt', line: 3 }, { file: '001_b.txt', line: 3 }],
    });
    // "Feb 27" seen on Apr 29 (2026) is 2026-02-27; the first sighting's date and count are kept.
    expect(dataOf(writes[1]!.content).data).toMatchObject({ authors: { count: 3 }, published: '2026-02-27', upvotes: 4 });
  });

  it('re-planning its own output changes nothing', () => {
    const l = listing('a.txt', [['Paper One', ABSTRACT, '  • 2 authors', 'Feb 27 3']]);
    const first = plan({ listings: [l] });
    const again = plan({ listings: [l], existing: apply([], first.writes), added: '2026-11-10' });
    expect(again.writes).toEqual([]);
    expect(again.report).toMatchObject({ papers: 1, added: 0, updated: 0, unchanged: 1 });
  });

  it('never touches what people own: slug, themes, aliases, other keys, the body', () => {
    const body = '\n## Notes\n\nWe read this on {Tuesday}. <Aside>kept</Aside>\n\n---\nimport x from "y"\n';
    const existing: ExistingFile[] = [
      {
        path: 'papers/my-own-name.mdx',
        content: serializePaperFile(
          {
            slug: 'my-own-name',
            title: 'Paper One',
            title_raw: 'Paper One',
            abstract: ABSTRACT,
            abstract_raw: ABSTRACT,
            upvotes: 5,
            added: '2026-10-01',
            themes: ['moe'],
            aliases: ['paper-one'],
            sources: [{ file: 'old.txt', line: 7 }],
            reviewer: 'Ana',
          },
          body,
        ),
      },
    ];
    const l = listing('new.txt', [['Paper One', `${ABSTRACT} (v2)`, '  • 4 authors', 'Feb 27 2']]);
    const { writes, report } = plan({ listings: [l], existing, classify: () => ['quantization'] });
    expect(report.changes).toEqual([{ slug: 'my-own-name', path: 'papers/my-own-name.mdx', action: 'updated', fields: ['authors', 'published', 'sources'] }]);
    const after = dataOf(writes[0]!.content);
    expect(after.body).toBe(body);
    expect(after.raw['reviewer']).toBe('Ana');
    expect(after.data).toMatchObject({
      slug: 'my-own-name',
      abstract_raw: ABSTRACT,
      upvotes: 5,
      added: '2026-10-01',
      themes: ['moe'],
      aliases: ['paper-one'],
      sources: [{ file: 'old.txt', line: 7 }, { file: 'new.txt', line: 3 }],
    });
  });

  it('keeps the slug when the normalizer later changes the title; the title itself is refreshed', () => {
    const l = listing('a.txt', [['Nystr\\"om Attention', ABSTRACT]]);
    const naive = (raw: string) => raw.replace('\\"', ' ').trim();
    const first = plan({ listings: [l], normalize: naive });
    expect(first.writes[0]!.path).toBe('papers/nystr-om-attention.mdx');
    const better = (raw: string) => raw.replace('\\"o', 'ö').trim();
    const again = plan({ listings: [l], existing: first.writes, normalize: better });
    expect(again.report.changes).toEqual([{ slug: 'nystr-om-attention', path: 'papers/nystr-om-attention.mdx', action: 'updated', fields: ['title'] }]);
    expect(dataOf(again.writes[0]!.content).data).toMatchObject({ slug: 'nystr-om-attention', title: 'Nyström Attention' });
  });

  it('gives colliding titles deterministic suffixes and never reuses a slug or alias in use', () => {
    const existing = plan({ listings: [listing('a.txt', [['Attention', ABSTRACT]])] }).writes;
    existing[0]!.content = existing[0]!.content.replace('aliases: []', 'aliases:\n  - "attention-2"');
    const l = listing('b.txt', [['Attention!', ABSTRACT], ['Attention?', ABSTRACT], ['ATTENTION', ABSTRACT]]);
    const { writes, report } = plan({ listings: [l], existing });
    // "Attention!" and "ATTENTION" have the key of the existing paper; "Attention?" too: one paper.
    expect(report).toMatchObject({ papers: 1, added: 0 });
    const distinct = listing('c.txt', [['Attention (I)', ABSTRACT], ['Attention, II', ABSTRACT]]);
    const next = plan({ listings: [distinct], existing: apply(existing, writes) });
    expect(next.writes.map((w) => w.path)).toEqual(['papers/attention-i.mdx', 'papers/attention-ii.mdx']);
    const same = listing('d.txt', [['Attention: one', ABSTRACT], ['Attention one', `${ABSTRACT}!`], ['Attention: ONE!', ABSTRACT]]);
    expect(plan({ listings: [same] }).report.papers).toBe(1);
    const clash = listing('e.txt', [['Attention', ABSTRACT], ['Attention ', ABSTRACT], ['Attention—', ABSTRACT]]);
    const merged = plan({ listings: [clash], existing });
    expect(merged.writes.map((w) => w.path)).toEqual(['papers/attention.mdx']);
    expect(merged.report).toMatchObject({ papers: 1, added: 0, updated: 1 });
    const twins = listing('f.txt', [['Mamba', ABSTRACT], ['MAMBA 2', ABSTRACT], ['Mamba 2 日本', ABSTRACT]]);
    expect(plan({ listings: [twins] }).writes.map((w) => w.path)).toEqual(['papers/mamba.mdx', 'papers/mamba-2.mdx', 'papers/mamba-2-2.mdx']);
  });

  it('asks the classifier for new papers only', () => {
    const seen: string[] = [];
    const classify = (p: { title: string; abstract: string }) => (seen.push(p.title), ['ssm', 'ssm']);
    const first = plan({ listings: [listing('a.txt', [['Mamba', ABSTRACT]])], classify });
    expect(dataOf(first.writes[0]!.content).data.themes).toEqual(['ssm']);
    plan({ listings: [listing('a.txt', [['Mamba', ABSTRACT], ['RWKV', ABSTRACT]])], existing: first.writes, classify });
    expect(seen).toEqual(['Mamba', 'RWKV']);
  });

  it('reports an invalid paper file with file:line, leaves it alone, still imports the rest', () => {
    const existing = [{ path: 'papers/broken.mdx', content: '---\nslug: "broken"\ntitle: "Broken"\ntitle_raw: "Broken"\nupvotes: -1\n---\n' }];
    const l = listing('a.txt', [['Broken', ABSTRACT], ['Fine', ABSTRACT]]);
    const { writes, report } = plan({ listings: [l], existing });
    expect(writes.map((w) => w.path)).toEqual(['papers/fine.mdx']);
    expect(report.diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/^papers\/broken\.mdx:1: error: the required field "abstract" is missing\. Fix this paper file/),
      expect.stringMatching(/^a\.txt:3: error: this paper's file papers\/broken\.mdx is invalid/),
    ]);
    expect(report).toMatchObject({ added: 1, skipped: 1 });
  });

  it('recognises the paper of a file whose YAML is broken, and does not import it twice', () => {
    const existing = [{ path: 'papers/quoted.mdx', content: '---\nslug: "quoted"\ntitle_raw: "The \\"Quoted\\" Paper"\ntitle: x: y\n---\n' }];
    const { writes, report } = plan({ listings: [listing('a.txt', [['The "Quoted" Paper', ABSTRACT]])], existing });
    expect(writes).toEqual([]);
    expect(report.diagnostics.map((d) => [d.file, d.line, d.code])).toEqual([
      ['papers/quoted.mdx', 4, 'invalid-paper-file'],
      ['a.txt', 3, 'blocked-by-invalid-file'],
    ]);
  });

  it('warns when a file name and its slug disagree (a half-done rename)', () => {
    const [file] = plan({ listings: [listing('a.txt', [['Mamba', ABSTRACT]])] }).writes;
    const renamed = [{ path: 'papers/mamba-ssm.mdx', content: file!.content }];
    const { writes, report } = plan({ listings: [listing('a.txt', [['Mamba', ABSTRACT]])], existing: renamed });
    expect(writes).toEqual([]);
    expect(report.diagnostics.map(formatDiagnostic)).toEqual([
      'papers/mamba-ssm.mdx:2: warning: the file is named "mamba-ssm" but its slug is "mamba" (the site uses the slug). Rename the file or the slug so they agree; when renaming a paper, keep the old slug in `aliases`.',
    ]);
  });

  it('rejects an --added that is not a day', () => {
    const { writes, report } = plan({ listings: [listing('a.txt', [['A', ABSTRACT]])], added: '2026-02-30' });
    expect(writes).toEqual([]);
    expect(report.diagnostics[0]).toMatchObject({ severity: 'error', code: 'bad-added-date' });
  });

  it('writes titles and abstracts only into the frontmatter, whatever they contain', async () => {
    const title = '<script>alert(1)</script> {x} </textarea>';
    const abstract = `${ABSTRACT} import x from "y" export const a = 1 {props} $\\alpha$ --- key: v`;
    const { writes } = plan({ listings: [listing('a.txt', [[title, abstract]])] });
    const text = writes[0]!.content;
    expect(text.endsWith('---\n')).toBe(true);
    const astro = parseFrontmatter(text);
    expect(astro.frontmatter).toMatchObject({ title_raw: title, abstract_raw: abstract });
    expect(astro.content).toBe('\n');
    await compile(astro.content);
    expect(paperSchema.safeParse(astro.frontmatter).success).toBe(true);
  });
});
