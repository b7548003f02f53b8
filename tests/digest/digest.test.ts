import { describe, expect, it } from 'vitest';
import { buildDigests, digestLabel, digestSections, linkedPaperSlugs, type DigestPaperInput } from '../../src/core/digest/digest.ts';

const themes = [
  { slug: 'efficient-attention', name: 'Efficient attention' },
  { slug: 'quantization', name: 'Quantization' },
  { slug: 'ssm', name: 'State-space models' },
];

function paper(slug: string, added: string, paperThemes: string[] = [], title = slug): DigestPaperInput {
  return { slug, title, abstract: `${title} does things. More text.`, added, themes: paperThemes };
}

describe('buildDigests', () => {
  const papers = [
    paper('a', '2026-12-31', ['ssm']),
    paper('b', '2027-01-01', ['quantization', 'ssm']),
    paper('c', '2027-01-04'),
    paper('d', '2026-12-01', ['efficient-attention']),
    paper('e', '2026-12-28', ['retrieval']), // a theme the taxonomy does not know (yet)
  ];
  const digests = buildDigests(papers, themes);

  it('makes one digest per ISO week, newest first, across the year boundary', () => {
    expect(digests.map((d) => d.id)).toEqual(['2027-W01', '2026-W53', '2026-W49']);
    expect(digests.map((d) => d.slug)).toEqual(['2027-w01', '2026-w53', '2026-w49']);
  });

  it('puts each paper in exactly one week', () => {
    const seen = digests.flatMap((d) => d.papers.map((p) => p.slug)).sort();
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('links previous (older) and next (newer) weeks', () => {
    expect(digests.map((d) => [d.previous, d.next])).toEqual([
      ['2026-w53', null],
      ['2026-w49', '2027-w01'],
      [null, '2026-w53'],
    ]);
  });

  it('lists each paper once, under its first theme in taxonomy order, unknown themes after, then other', () => {
    const week53 = digests[1]!;
    expect(week53.groups.map((g) => [g.theme?.slug ?? null, g.papers.map((p) => p.slug)])).toEqual([
      ['quantization', ['b']],
      ['ssm', ['a']],
      ['retrieval', ['e']],
    ]);
    expect(week53.themes.map((t) => t.slug)).toEqual(['quantization', 'ssm', 'retrieval']);
    expect(digests[0]!.groups.map((g) => g.theme)).toEqual([null]);
    expect(digestSections(week53).map((s) => [s.anchor, s.name, s.papers.length])).toEqual([
      ['theme-quantization', 'Quantization', 1],
      ['theme-ssm', 'State-space models', 1],
      ['theme-retrieval', 'retrieval', 1],
    ]);
  });

  it('features the papers the intro links to, in link order, then featured: true ones, each listed once', () => {
    const week = [
      paper('x', '2026-11-24', ['ssm']),
      { ...paper('y', '2026-11-25', ['quantization']), featured: true },
      paper('z', '2026-11-26'),
      paper('w', '2026-11-26', ['ssm']),
    ];
    const body = 'See [Z](../../papers/z/) and [X][x], not [elsewhere](https://example.org/papers/nope/).\n\n[x]: /reading-group/papers/x/#notes\n';
    const [digest] = buildDigests(week, themes, new Map([['2026-w48', { title: 'T', body }]]));
    expect(digest!.featured.map((p) => p.slug)).toEqual(['z', 'x', 'y']);
    expect(digestSections(digest!).map((s) => [s.anchor, s.papers.map((p) => p.slug)])).toEqual([
      ['featured', ['z', 'x', 'y']],
      ['theme-ssm', ['w']],
    ]);
  });

  it('finds paper links in Markdown, reference definitions and HTML', () => {
    expect(linkedPaperSlugs('[a](../../papers/mamba/) [b]( <papers/flash-attn> ) <a href="/papers/quamba/#x">q</a>\n[r]: https://s.org/base/papers/lserve/\n')).toEqual(
      ['mamba', 'flash-attn', 'quamba', 'lserve'],
    );
    expect(linkedPaperSlugs('[theme](../../themes/ssm/) [x](../../papers/)')).toEqual([]);
  });

  it('summarises each paper (first sentence when none states the contribution; a tldr wins) and names its themes', () => {
    const b = digests[1]!.papers.find((p) => p.slug === 'b')!;
    expect(b.summary).toBe('b does things.');
    expect(b.themeRefs.map((t) => t.name)).toEqual(['Quantization', 'State-space models']);
    const [withTldr] = buildDigests([{ ...paper('t', '2026-11-24'), tldr: 'Halves the KV cache.' }], themes);
    expect(withTldr!.papers[0]!.summary).toBe('Halves the KV cache.');
  });

  it('uses the intro title and gives a week with only an intro a digest', () => {
    const intros = new Map([
      ['2026-w53', { title: 'Year-end SSMs', summary: 'Two SSM papers.' }],
      ['2027-w05', { title: 'Quiet week' }],
    ]);
    const withIntros = buildDigests(papers, themes, intros);
    expect(withIntros.map((d) => d.id)).toEqual(['2027-W05', '2027-W01', '2026-W53', '2026-W49']);
    expect(withIntros[0]!.papers).toEqual([]);
    expect(withIntros[0]!.updated).toBe('2027-02-01');
    expect(withIntros[2]!.title).toBe('Year-end SSMs');
    expect(withIntros[2]!.hasIntro).toBe(true);
    expect(withIntros[1]!.title).toBe('Week 1, 2027');
    expect(digestLabel(withIntros[1]!)).toBe('Week 1, 2027');
    expect(digestLabel(withIntros[2]!)).toBe('Week 53, 2026: Year-end SSMs');
  });
});
