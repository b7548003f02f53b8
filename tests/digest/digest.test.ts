import { describe, expect, it } from 'vitest';
import { buildDigests, digestLabel, themeCounts, type DigestPaperInput } from '../../src/core/digest/digest.ts';

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

  it('groups by theme in taxonomy order, unknown themes after, then other', () => {
    const week53 = digests[1]!;
    expect(week53.groups.map((g) => [g.theme?.slug ?? null, g.papers.map((p) => p.slug)])).toEqual([
      ['quantization', ['b']],
      ['ssm', ['b', 'a']],
      ['retrieval', ['e']],
    ]);
    expect(digests[0]!.groups.map((g) => g.theme)).toEqual([null]);
    expect(themeCounts(week53).map((c) => [c.theme?.name, c.count])).toEqual([
      ['Quantization', 1],
      ['State-space models', 2],
      ['retrieval', 1],
    ]);
  });

  it('summarises each paper by its first sentence and names its themes', () => {
    const b = digests[1]!.papers.find((p) => p.slug === 'b')!;
    expect(b.summary).toBe('b does things.');
    expect(b.themeRefs.map((t) => t.name)).toEqual(['Quantization', 'State-space models']);
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
