/**
 * A worker thread of the Open Graph image pool (see og-images.ts): loads the fonts once, then
 * renders each card it is sent (Satori layout and resvg, both on this thread) and posts the PNG
 * bytes back. Messages: in `{ id, card }`, out `{ id, png, ms }` or `{ id, error }`.
 */
import { parentPort } from 'node:worker_threads';
import type { OgCard } from '../core/og/card.ts';
import { loadOgFonts, renderOgCard } from './og-images.ts';

export interface OgWorkerRequest {
  id: number;
  card: OgCard;
}

export type OgWorkerResponse = { id: number; png: Uint8Array; ms: number } | { id: number; error: string };

if (!parentPort) throw new Error('og-worker.ts runs as a worker thread of og-images.ts');
const port = parentPort;
const fonts = loadOgFonts();

port.on('message', async ({ id, card }: OgWorkerRequest) => {
  try {
    const started = performance.now();
    const png = await renderOgCard(card, await fonts);
    // Copied, not transferred: resvg's buffer is native memory, and ~100 KB per card is cheap to copy.
    port.postMessage({ id, png, ms: performance.now() - started } satisfies OgWorkerResponse);
  } catch (error) {
    port.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies OgWorkerResponse);
  }
});
