import { describe, expect, it } from 'vitest';
import { buildPhases } from '../scripts/bench/phases.ts';
import { treeRss } from '../scripts/bench/proc.ts';

/** An `npm run build` log (astro build, then the search index) as the bench sees it: seconds since start, text. */
const LOG: Array<[number, string]> = [
  [1.5, '18:41:28 [content] Syncing content'],
  [6.6, '18:41:33 [content] Synced content'],
  [6.6, '18:41:33 [types] Generated 5.92s'],
  [6.7, '18:41:33 [build] Building static entrypoints...'],
  [24.2, '18:41:50 [vite] ✓ built in 17.56s'],
  [24.6, ' generating static routes '],
  [30.0, '18:41:57   ├─ /papers/a/index.html (+2ms) '],
  [37.9, '18:42:04 ✓ Completed in 13.29s.'],
  [38.0, '18:42:04 [build] ✓ Completed in 31.34s.'],
  [52.0, '18:42:18 [lectern:og-images] 10211 Open Graph images in 13500 ms: 1 generated (40 ms each), 10210 from cache /x'],
  [52.1, '18:42:18 [build] 10211 page(s) built in 52s'],
  [52.6, '[lectern:search-index] indexing papers/*/index.html in /x'],
  [60.0, '[lectern:search-index] indexed 10000 pages in 7900 ms -> /x/pagefind'],
];

describe('bench phases from the build log', () => {
  const { phases, pages } = buildPhases(
    LOG.map(([at, text]) => ({ at: at * 1000, text })),
    61_000,
  );
  const ms = Object.fromEntries(phases.map((p) => [p.name, Math.round(p.ms)]));

  it('reads Astro phases and the integrations’ summary lines', () => {
    expect(pages).toBe(10211);
    expect(ms).toMatchObject({
      'startup + config': 1500,
      'content sync': 5100,
      'bundle (vite)': 17900,
      'render pages': 13300,
      'OG images': 13500,
      'search index': 7900,
    });
  });

  it('accounts for the whole wall time', () => {
    const total = phases.reduce((sum, p) => sum + p.ms, 0);
    expect(Math.abs(total - 61_000)).toBeLessThan(1);
  });

  it('reads a reused search index as the search phase', () => {
    const reused = buildPhases([{ at: 1000, text: '[lectern:search-index] reused the index of 10000 unchanged pages in 412 ms <- /c/pagefind' }], 2000).phases;
    expect(reused.find((p) => p.name === 'search index')?.ms).toBe(412);
  });

  it('reports no page count for a build that did not finish', () => {
    expect(buildPhases([{ at: 10, text: 'Cannot find package x' }], 100).pages).toBeNull();
  });
});

describe('process tree memory', () => {
  it('counts this process', () => {
    const { total, byCommand } = treeRss(process.pid);
    expect(total).toBeGreaterThan(10 * 2 ** 20);
    expect(Object.values(byCommand).reduce((a, b) => a + b, 0)).toBe(total);
  });
});
