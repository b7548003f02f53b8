/**
 * Site-wide names, and the URL helpers bound to this build's site and base path (LECTERN_SITE,
 * LECTERN_BASE through astro.config.mjs). The shapes of routes and URLs live in src/core/urls.ts.
 */
import { absoluteUrl, normaliseBase, withBase, type SiteLocation } from '../core/urls.ts';

export const SITE_NAME = 'lectern';
export const SITE_DESCRIPTION =
  "The reading group's list of machine-learning papers: abstracts with math, themes, notes and search.";

/** Where the built site lives: its origin and base path. */
export function siteLocation(): SiteLocation {
  const site = import.meta.env.SITE;
  if (!site) throw new Error('astro.config.mjs must set `site` (env LECTERN_SITE) for absolute URLs');
  return { site, base: normaliseBase(import.meta.env.BASE_URL) };
}

/** A site path (`papers/x/`, with or without a leading slash) under the base path: every internal link. */
export function href(path = ''): string {
  return withBase(import.meta.env.BASE_URL, path);
}

/** The absolute URL of a site path, for canonical links, Open Graph and citations. */
export function siteUrl(path = ''): string {
  return absoluteUrl(siteLocation(), path);
}

/** The page listing papers that have no theme. */
export const UNTHEMED_SLUG = 'unthemed';
/** Its name on the page and its unfurl card. */
export const UNTHEMED_NAME = 'No theme';
