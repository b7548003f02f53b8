/**
 * Site-wide names and URL helpers. Every internal link goes through `href` so the site works
 * at a domain root and under a sub-path (LECTERN_BASE, e.g. `/reading-group/`).
 */
export const SITE_NAME = 'lectern';
export const SITE_DESCRIPTION =
  "The reading group's list of machine-learning papers: abstracts with math, themes, notes and search.";

const BASE = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;

/** A site path (`papers/x/`, with or without a leading slash) under the base path. */
export function href(path = ''): string {
  return BASE + path.replace(/^\/+/, '');
}

/** The absolute URL of a site path, for canonical links, Open Graph and the sitemap. */
export function absoluteUrl(path = ''): string {
  const site = import.meta.env.SITE;
  if (!site) throw new Error('astro.config.mjs must set `site` (env LECTERN_SITE) for absolute URLs');
  return new URL(href(path), site).href;
}

export const paperPath = (slug: string): string => `papers/${slug}/`;
export const themePath = (slug: string): string => `themes/${slug}/`;
/** The page listing papers that have no theme. */
export const UNTHEMED_SLUG = 'unthemed';
/** Its name on the page and its unfurl card. */
export const UNTHEMED_NAME = 'No theme';
