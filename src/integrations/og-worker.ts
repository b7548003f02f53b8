/**
 * A worker thread of the Open Graph image pool (see og-images.ts): loads the fonts once, then
 * renders each card it is sent (og-render.ts) and writes the PNG itself, into the cache and to
 * the output files that use it, so the busy main thread is not in the way. Messages: in
 * `{ id, card, cacheFile, outputs }`, out `{ id, ms }` or `{ id, error }`.
 */
import { setPriority } from 'node:os';
import { renameSync, writeFileSync } from 'node:fs';
import { parentPort, threadId } from 'node:worker_threads';
import type { OgCard } from '../core/og/card.ts';
import { createOgRenderer } from './og-render.ts';

export interface OgWorkerRequest {
  id: number;
  card: OgCard;
  /** Absolute paths: the cache entry, and the output files that show this card. */
  cacheFile: string;
  outputs: string[];
}

export type OgWorkerResponse = { id: number; ms: number } | { id: number; error: string };

if (!parentPort) throw new Error('og-worker.ts runs as a worker thread of og-images.ts');
// Lowest CPU priority, for this thread only (Linux nice values are per thread): while Astro
// renders pages, images then take only the CPU time page rendering leaves (the other cores and
// its waits), instead of slowing it down. Refused or unsupported, rendering goes on as it is.
try {
  setPriority(19);
} catch {
  // keep the default priority
}
const port = parentPort;
const renderer = createOgRenderer();

port.on('message', async ({ id, card, cacheFile, outputs }: OgWorkerRequest) => {
  try {
    const render = await renderer;
    const started = performance.now();
    const png = render.render(card);
    const temp = `${cacheFile}.${process.pid}-${threadId}.tmp`;
    writeFileSync(temp, png);
    renameSync(temp, cacheFile); // atomic: an interrupted build never leaves half an image in the cache
    for (const output of outputs) writeFileSync(output, png);
    port.postMessage({ id, ms: performance.now() - started } satisfies OgWorkerResponse);
  } catch (error) {
    port.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies OgWorkerResponse);
  }
});
