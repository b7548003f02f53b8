import rss from '@astrojs/rss';
import type { APIRoute, GetStaticPaths } from 'astro';
import { absoluteUrl, feedPaths, sitePaths } from '../../../core/urls.ts';
import { newestPapers, paperRssItems, rssChannelExtras } from '../../../core/feed/index.ts';
import { siteLocation } from '../../../lib/site.ts';
import { getPapers } from '../../../lib/papers.ts';
import { getThemes, type SiteTheme } from '../../../lib/themes.ts';
import { SITE_NAME } from '../../../lib/site.ts';

export const getStaticPaths = (() => getThemes().map((theme) => ({ params: { theme: theme.slug }, props: { theme } }))) satisfies GetStaticPaths;

/** The newest papers of one theme. */
export const GET: APIRoute = async ({ props }) => {
  const { theme } = props as { theme: SiteTheme };
  const location = siteLocation();
  const members = (await getPapers()).map((paper) => paper.data).filter((paper) => paper.themes.includes(theme.slug));
  return rss({
    title: `${SITE_NAME}: new papers in ${theme.name}`,
    description: theme.summary || `The newest papers on the reading list under ${theme.name}.`,
    site: absoluteUrl(location, sitePaths.theme(theme.slug)),
    items: paperRssItems(newestPapers(members), getThemes(), location),
    ...rssChannelExtras(absoluteUrl(location, feedPaths.theme(theme.slug))),
  });
};
