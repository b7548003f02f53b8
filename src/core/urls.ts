/**
 * The one URL/path module: the base path, absolute URLs and every route's shape. Site links go
 * through `withBase` (src/lib/site.ts `href`), output that leaves the site (feeds, e-mail, chat,
 * canonical and Open Graph URLs) through `absoluteUrl`; both respect the site URL and the base
 * path (`https://example.github.io` + `/reading-group/`).
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

/** `/reading-group/` + `papers/x/` -> `/reading-group/papers/x/`: a site path (leading slash optional) under the base. */
export function withBase(base: string, path = ''): string {
  return normaliseBase(base) + path.replace(/^\/+/, '');
}

/**
 * Every route lectern generates, as site-relative paths (no base, no leading slash). Pages,
 * feeds, exports and the commands build links from these, never from string literals.
 */
export const sitePaths = {
  home: (): string => '',
  papers: (): string => 'papers/',
  paper: (slug: string): string => `papers/${slug}/`,
  themes: (): string => 'themes/',
  theme: (slug: string): string => `themes/${slug}/`,
  digests: (): string => 'digests/',
  digest: (weekSlug: string): string => `digests/${weekSlug}/`,
  search: (): string => 'search/',
  sessions: (): string => 'sessions/',
  session: (date: string): string => `sessions/${date}/`,
};

/** The site's feeds, as site-relative paths. */
export const feedPaths = {
  digests: (): string => 'digests/rss.xml',
  papers: (): string => 'papers/rss.xml',
  papersJson: (): string => 'papers/feed.json',
  theme: (slug: string): string => `themes/${slug}/rss.xml`,
  sessionsCalendar: (): string => 'sessions/calendar.ics',
};
