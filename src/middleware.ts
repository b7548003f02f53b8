/**
 * At the first page `astro build` renders, hand the site's Open Graph card list to the
 * og-images integration (src/integrations/og-head-start.ts), so its workers render images
 * while Astro renders the other ~10,000 pages instead of after them. Does nothing in dev or
 * when no build is listening.
 */
import { defineMiddleware } from 'astro:middleware';
import { getOgJobs } from './lib/og-jobs.ts';
import { handOgJobsToBuild, isOgBuildListening } from './integrations/og-head-start.ts';

let handed = false;

export const onRequest = defineMiddleware((_context, next) => {
  if (!handed && isOgBuildListening()) {
    handed = true;
    // A failure here fails the build where it matters: in src/pages/og/cards.json.ts, which
    // awaits the same memoised list.
    getOgJobs().then(handOgJobsToBuild, () => {});
  }
  return next();
});
