/**
 * A worker thread of the Open Graph image pool (see og-images.ts): loads the fonts once, then
 * renders each card it is sent (og-render.ts) and posts the PNG bytes back. Messages: in `{ id, card }`, out `{ id, png, ms }` or `{ id, error }`.
 */
import { parentPort } from 'node:worker_threads';
import type { OgCard } from '../core/og/card.ts';
import { createOgRenderer } from './og-render.ts';

export interface OgWorkerRequest {
  id: number;
  card: OgCard;
}

export type OgWorkerResponse = { id: number; png: Uint8Array; ms: number } | { id: number; error: string };

if (!parentPort) throw new Error('og-worker.ts runs as a worker thread of og-images.ts');
const port = parentPort;
const renderer = createOgRenderer();

port.on('message', async ({ id, card }: OgWorkerRequest) => {
  try {
    const render = await renderer;
    const started = performance.now();
    const png = render.render(card);
    // Copied, not transferred: ~20 KB per card is cheap to copy.
    port.postMessage({ id, png, ms: performance.now() - started } satisfies OgWorkerResponse);
  } catch (error) {
    port.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies OgWorkerResponse);
  }
});
