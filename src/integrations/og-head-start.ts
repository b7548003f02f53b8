/**
 * How the route that lists the Open Graph cards (src/pages/og/cards.json.ts) hands them to the
 * og-images integration while Astro is still rendering pages, so images render on the cores
 * page rendering leaves idle (it is one thread). A global, because the route runs from Astro's
 * bundle of the site, not from the module instance the config loaded; a separate module, so
 * the bundle does not pull in the worker pool.
 */
import type { OgCard } from '../core/og/card.ts';

/** One image the site links to: `file` relative to the output folder. */
export interface OgJob {
  file: string;
  card: OgCard;
}

const HEAD_START = Symbol.for('lectern:og-images:head-start');
type Listener = (jobs: readonly OgJob[]) => void;

/** Hands the site's card list to the og-images integration of this build, if it is listening. */
export function handOgJobsToBuild(jobs: readonly OgJob[]): void {
  const listener = (globalThis as Record<symbol, unknown>)[HEAD_START];
  if (typeof listener === 'function') (listener as Listener)(jobs);
}

/** Listens for the card list (one listener per process); `undefined` stops listening. */
export function listenForOgJobs(listener: Listener | undefined): void {
  if (listener) (globalThis as Record<symbol, unknown>)[HEAD_START] = listener;
  else delete (globalThis as Record<symbol, unknown>)[HEAD_START];
}
