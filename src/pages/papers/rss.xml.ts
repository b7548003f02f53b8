import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { absoluteUrl, feedPaths } from '../../core/urls.ts';
import { newestPapers, paperRssItems, rssChannelExtras } from '../../core/feed/index.ts';
import { siteLocation } from '../../lib/site.ts';
import { getPapers } from '../../lib/papers.ts';
import { getThemes } from '../../lib/themes.ts';
import { SITE_NAME } from '../../lib/site.ts';

/** The newest additions to the reading list. */
export const GET: APIRoute = async () => {
  const location = siteLocation();
  const papers = newestPapers((await getPapers()).map((paper) => paper.data));
  return rss({
    title: `${SITE_NAME}: new papers`,
    description: 'The newest papers on the reading list.',
    site: absoluteUrl(location),
    items: paperRssItems(papers, getThemes(), location),
    ...rssChannelExtras(absoluteUrl(location, feedPaths.papers())),
  });
};
