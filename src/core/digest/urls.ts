/**
 * Absolute URLs of site pages for output that leaves the site (feeds, e-mail, chat): they must
 * respect the site URL and the base path (`https://example.github.io` + `/reading-group/`).
 */

export interface SiteLocation {
  /** Origin, possibly with a path: `https://example.github.io`. */
  readonly site: string;
  /** Base path, `/` or `/reading-group/` (slashes optional: normalised). */
  readonly base: string;
}

/** `reading-group` / `/reading-group` / `/reading-group/` -> `/reading-group/`; `` -> `/`. */
export function normaliseBase(base: string): string {
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/** Absolute URL of a site-relative path such as `papers/flash-attention/` (no leading slash needed). */
export function absoluteUrl(location: SiteLocation, path = ''): string {
  const site = location.site.endsWith('/') ? location.site : `${location.site}/`;
  const relative = `${normaliseBase(location.base)}${path.replace(/^\/+/, '')}`.replace(/^\//, '');
  return new URL(relative, site).href;
}

/** Site-relative paths (no base, no leading slash) of the pages the digests link to. */
export const sitePaths = {
  home: (): string => '',
  paper: (slug: string): string => `papers/${slug}/`,
  theme: (slug: string): string => `themes/${slug}/`,
  digests: (): string => 'digests/',
  digest: (weekSlug: string): string => `digests/${weekSlug}/`,
};
