/**
 * How the site hands Open Graph cards to the og-images integration before the build's end, so
 * images render on the CPU time that content sync and page rendering (one thread each) leave:
 * src/lib/papers-loader.ts hands each paper's card over during content sync, src/middleware.ts
 * the whole list at the first page rendered. A global, because the site runs from Astro's
 * bundle, not from the module instance the config loaded; a separate module, so the bundle
 * does not pull in the worker pool.
 */
import type { OgCard } from '../core/og/card.ts';

/** One image the site links to: `file` relative to the output folder. */
export interface OgJob {
  file: string;
  card: OgCard;
}

const HEAD_START = Symbol.for('lectern:og-images:head-start');
/** `deliver: false`: only fill the image cache (the output folder may not be ready yet). */
type Listener = (jobs: readonly OgJob[], options?: { deliver?: boolean }) => void;

/** True while an og-images integration of a running build waits for the card list. */
export function isOgBuildListening(): boolean {
  return typeof (globalThis as Record<symbol, unknown>)[HEAD_START] === 'function';
}

/** Hands cards to the og-images integration of this build, if it is listening. */
export function handOgJobsToBuild(jobs: readonly OgJob[], options?: { deliver?: boolean }): void {
  const listener = (globalThis as Record<symbol, unknown>)[HEAD_START];
  if (typeof listener === 'function') (listener as Listener)(jobs, options);
}

/** Listens for cards (one listener per process); `undefined` stops listening. */
export function listenForOgJobs(listener: Listener | undefined): void {
  if (listener) (globalThis as Record<symbol, unknown>)[HEAD_START] = listener;
  else delete (globalThis as Record<symbol, unknown>)[HEAD_START];
}
