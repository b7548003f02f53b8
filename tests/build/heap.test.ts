/** src/core/build/heap.ts: the heap `npm run build` gives `astro build`. */
import { describe, expect, it } from 'vitest';
import { BUDGET_MB_PER_1000_PAPERS, MIN_BUDGET_MB, buildHeapMb, ranOutOfHeap } from '../../src/core/build/heap.ts';

describe('buildHeapMb', () => {
  it('is the floor up to 12,000 papers, then grows with the papers', () => {
    expect(buildHeapMb(0)).toBe(MIN_BUDGET_MB);
    expect(buildHeapMb(10_000)).toBe(MIN_BUDGET_MB);
    expect(buildHeapMb(20_000)).toBe(20 * BUDGET_MB_PER_1000_PAPERS);
    expect(buildHeapMb(20_001)).toBe(21 * BUDGET_MB_PER_1000_PAPERS);
  });

  it('takes LECTERN_BUILD_HEAP_MB when it is set', () => {
    expect(buildHeapMb(50_000, 1024)).toBe(1024);
  });
});

describe('ranOutOfHeap', () => {
  it("recognises V8's out-of-memory messages", () => {
    expect(ranOutOfHeap('FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory')).toBe(true);
    expect(ranOutOfHeap('[ERROR] [vite] x Build failed')).toBe(false);
  });
});
