/** src/core/build: page cache keys, the reuse count and the build's summary line (issue 17). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cacheKeyOf, stableJson } from '../../src/core/build/cache-key.ts';
import { countReuse, isHtmlPage, parseManifest, type IncrementalManifest } from '../../src/core/build/reuse.ts';
import { formatBuildSummary, parseBuildSummary } from '../../src/core/build/summary.ts';
import { buildDigests, type DigestPaperInput, type WeekDigest } from '../../src/core/digest/digest.ts';
import { digestPageKey, paperPageKey } from '../../src/lib/page-keys.ts';
import { withLazy } from '../../src/core/lazy.ts';
import type { PaperView } from '../../src/lib/catalog.ts';

/** An object with the same entries in another key order. */
function shuffled(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((item) => shuffled(item, seed));
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    const order = keys.map((k, i) => [k, (i * 7919 + seed) % (keys.length + 1)] as const).sort((a, b) => a[1] - b[1]);
    return Object.fromEntries(order.map(([k]) => [k, shuffled((value as Record<string, unknown>)[k], seed)]));
  }
  return value;
}

describe('cacheKeyOf', () => {
  it('does not depend on the order of object keys', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), (value, seed) => {
        expect(cacheKeyOf(shuffled(value, seed))).toBe(cacheKeyOf(value));
      }),
    );
  });

  it('tells apart any two different JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        fc.pre(stableJson(a) !== stableJson(b));
        expect(cacheKeyOf(a)).not.toBe(cacheKeyOf(b));
      }),
    );
  });

  it('changes when one title of a page changes, and only the key of that page', () => {
    const paper = (title: string) => ({ slug: 'flash', data: { title, themes: ['efficient-attention'] }, notes: null });
    expect(cacheKeyOf('paper', paper('FlashAttention'))).toBe(cacheKeyOf('paper', paper('FlashAttention')));
    expect(cacheKeyOf('paper', paper('FlashAttention-2'))).not.toBe(cacheKeyOf('paper', paper('FlashAttention')));
  });

  it('reads Maps, Sets and Dates by content, and drops undefined properties as JSON does', () => {
    expect(cacheKeyOf(new Map([['b', 1], ['a', 2]]))).toBe(cacheKeyOf(new Map([['a', 2], ['b', 1]])));
    expect(cacheKeyOf(new Set([1, 2]))).toBe(cacheKeyOf(new Set([2, 1])));
    expect(cacheKeyOf(new Map([['a', 1]]))).not.toBe(cacheKeyOf(new Map([['a', 2]])));
    expect(cacheKeyOf(new Date('2026-01-01'))).not.toBe(cacheKeyOf(new Date('2026-01-02')));
    expect(cacheKeyOf({ a: 1, b: undefined })).toBe(cacheKeyOf({ a: 1 }));
  });

  it('refuses values without a stable text instead of ignoring them', () => {
    expect(() => cacheKeyOf({ paper: { render: () => 'html' } })).toThrow(/function at 0\.paper\.render/);
  });
});

describe('countReuse', () => {
  const manifest = (paths: Record<string, string>, dependencyHash = 'dep', contentHashes?: Record<string, string>): IncrementalManifest => ({
    version: 1,
    routes: { 'src/pages/papers/[slug].astro': { dependencyHash, paths: Object.fromEntries(Object.entries(paths).map(([p, cacheKey]) => [p, { cacheKey, outputFile: `${p.slice(1)}index.html`, ...(contentHashes ? { contentHashes } : {}) }])) } },
  });

  it('counts a path as reused when its key, its route code and its content are what they were', () => {
    const before = manifest({ '/papers/a/': 'ka', '/papers/b/': 'kb' });
    expect(countReuse(before, manifest({ '/papers/a/': 'ka', '/papers/b/': 'kb2', '/papers/c/': 'kc' }))).toEqual({ keyed: 3, reused: 1 });
    expect(countReuse(before, manifest({ '/papers/a/': 'ka' }, 'dep2'))).toEqual({ keyed: 1, reused: 0 });
    expect(countReuse(manifest({ '/papers/a/': 'ka' }, 'dep', { 'a.mdx': '1' }), manifest({ '/papers/a/': 'ka' }, 'dep', { 'a.mdx': '2' }))).toEqual({ keyed: 1, reused: 0 });
    expect(countReuse(null, before)).toEqual({ keyed: 2, reused: 0 });
    // Keyed endpoints (citation files) are not pages: the build summary counts pages only.
    const withFile: IncrementalManifest = { version: 1, routes: { ...before.routes, 'src/pages/digests/[name].[format].ts': { dependencyHash: 'dep', paths: { '/digests/2026-w48.bib/': { cacheKey: 'kf', outputFile: 'digests/2026-w48.bib' } } } } };
    expect(countReuse(withFile, withFile, isHtmlPage)).toEqual({ keyed: 2, reused: 2 });
    expect(countReuse(withFile, withFile)).toEqual({ keyed: 3, reused: 3 });
  });

  it('reads only the manifest version it knows', () => {
    expect(parseManifest(JSON.stringify({ version: 1, routes: {} }))).not.toBeNull();
    expect(parseManifest(JSON.stringify({ version: 2, routes: {} }))).toBeNull();
    expect(parseManifest('{')).toBeNull();
    expect(parseManifest(null)).toBeNull();
  });
});

describe('formatBuildSummary', () => {
  it('says in one line what was rendered and what was reused', () => {
    expect(
      formatBuildSummary({
        pages: { rendered: 61, reused: 10_004 },
        cards: { generated: 52, cached: 10_013 },
        citations: { papers: 10_050, formatted: 50 },
        search: { pages: 10_050, reused: false },
        ms: 14_230,
      }),
    ).toBe('[lectern:build] pages 61 rendered, 10,004 reused · cards 52 rendered, 10,013 reused · citations 50 formatted, 10,000 reused · search 10,050 pages indexed · 14.2 s');
    expect(
      formatBuildSummary({ pages: { rendered: 7, reused: 10_559 }, cards: { generated: 0, cached: 10_206 }, citations: { papers: 10_000, formatted: 0 }, search: { pages: 10_000, reused: true }, ms: 30_100 }),
    ).toBe('[lectern:build] pages 7 rendered, 10,559 reused · cards 0 rendered, 10,206 reused · citations 0 formatted, 10,000 reused · search 10,000 pages unchanged, index reused · 30.1 s');
  });

  it('reads back from a build log', () => {
    const log = 'astro says things\n[lectern:build] pages 61 rendered, 10,004 reused · cards 52 rendered, 10,013 reused · citations 50 formatted, 10,000 reused · search 10,050 pages indexed · 14.2 s\n';
    expect(parseBuildSummary(log)).toEqual({
      pages: { rendered: 61, reused: 10_004 },
      cards: { rendered: 52, reused: 10_013 },
      citations: { formatted: 50, reused: 10_000 },
      search: { pages: 10_050, reused: false },
      ms: 14_200,
    });
    expect(parseBuildSummary('[lectern:build] pages 7 rendered, 10,559 reused · search 10,000 pages unchanged, index reused · 30.1 s')?.search).toEqual({ pages: 10_000, reused: true });
    expect(parseBuildSummary('no summary')).toBeNull();
  });
});

describe('digestPageKey', () => {
  const paper = (slug: string, added: string): DigestPaperInput => ({ slug, title: `Paper ${slug}`, abstract: `We study ${slug}.`, added, themes: [] });
  const weeks = [paper('a', '2026-11-02'), paper('b', '2026-11-09'), paper('c', '2026-11-16')];
  /** Each digest's key, as the route computes it from the digests' own neighbours. */
  const keys = (digests: WeekDigest[]) => {
    const bySlug = new Map(digests.map((digest) => [digest.slug, digest]));
    const neighbour = (slug: string | null) => (slug ? bySlug.get(slug) : undefined);
    return new Map(digests.map((digest) => [digest.slug, digestPageKey(digest, undefined, [], [neighbour(digest.previous), neighbour(digest.next)], [])]));
  };

  it('changes for a digest whose navigation changes, not for one whose neighbour only gained a newer neighbour', () => {
    const before = keys(buildDigests(weeks, []));
    const after = keys(buildDigests([...weeks, paper('d', '2026-11-23')], []));
    const changed = [...before].filter(([slug, key]) => after.get(slug) !== key).map(([slug]) => slug);
    // The newest week before now links to the new one; the week before it shows the same links.
    expect(changed).toEqual(['2026-w47']);
  });

  it('chooses no paper summary (rows keep theirs unread), yet changes when a row\'s tldr, its summary, changes', () => {
    const digests = buildDigests(weeks, []);
    const before = keys(digests);
    for (const digest of digests) for (const row of digest.papers) expect(Object.getOwnPropertyDescriptor(row, 'summary')?.get, row.slug).toBeDefined();
    const edited = keys(buildDigests(weeks.map((p) => (p.slug === 'b' ? { ...p, tldr: 'A new one-line summary.' } : p)), []));
    expect(edited.get('2026-w46')).not.toBe(before.get('2026-w46'));
    expect(buildDigests(weeks, [])[0]!.papers[0]!.summary).toBe('We study c.');
  });

  it('changes when a neighbour\'s label changes (its intro\'s title)', () => {
    const before = keys(buildDigests(weeks, []));
    const after = keys(buildDigests(weeks, [], new Map([['2026-w47', { title: 'Small models' }]])));
    expect(after.get('2026-w46')).not.toBe(before.get('2026-w46'));
    expect(after.get('2026-w45')).toBe(before.get('2026-w45'));
  });
});

describe('paperPageKey', () => {
  /** A paper view whose rendered abstract fails when read: keys must not read it. */
  const view = (abstract: string) =>
    withLazy({ slug: 'mamba', entry: { body: undefined }, data: { title: 'Mamba', abstract }, titleText: 'Mamba', abstractText: abstract }, 'abstract', () => {
      throw new Error('the rendered abstract was read');
    }) as unknown as PaperView;

  it('keys a paper, and its related papers, without rendering their abstracts, and changes with the abstract', () => {
    const key = paperPageKey(view('Linear-time sequence modeling.'), undefined, [view('Selective state spaces.')]);
    expect(paperPageKey(view('Linear-time sequence modeling.'), undefined, [view('Selective state spaces.')])).toBe(key);
    expect(paperPageKey(view('Linear-time sequence models.'), undefined, [view('Selective state spaces.')])).not.toBe(key);
    expect(paperPageKey(view('Linear-time sequence modeling.'), undefined, [view('Selective state space.')])).not.toBe(key);
  });
});
