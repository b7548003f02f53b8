/**
 * The V8 heap `npm run build` gives `astro build`. Left alone, V8 lets the heap grow lazily
 * towards a quarter of the machine's memory: at 10,000 papers the build peaked at 2.3 GB of RSS
 * while what it kept alive fitted in 350-600 MB (it ran at the same speed with
 * --max-old-space-size=600, and slower below). A budget makes V8 collect before growing.
 *
 * The budget scales with the papers, with room to spare: BUDGET_MB_PER_1000_PAPERS is about
 * twice what 1,000 papers were measured to keep alive, and never less than MIN_BUDGET_MB.
 */
export const MIN_BUDGET_MB = 1536;
export const BUDGET_MB_PER_1000_PAPERS = 128;

/** Heap budget in MB for a build of `papers` papers; `setting` (LECTERN_BUILD_HEAP_MB) wins when given. */
export function buildHeapMb(papers: number, setting: number | null = null): number {
  if (setting !== null) return setting;
  return Math.max(MIN_BUDGET_MB, Math.ceil(papers / 1000) * BUDGET_MB_PER_1000_PAPERS);
}

/** Whether a build's error output says V8 ran out of the heap it was given. */
export function ranOutOfHeap(stderr: string): boolean {
  return /JavaScript heap out of memory|Reached heap limit/.test(stderr);
}
