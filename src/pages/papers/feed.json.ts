import type { APIRoute } from 'astro';
import { newestPapers, paperJsonFeed } from '../../core/feed/index.ts';
import { siteLocation } from '../../lib/site.ts';
import { getPapers } from '../../lib/papers.ts';
import { getThemes } from '../../lib/themes.ts';
import { SITE_NAME } from '../../lib/site.ts';

/** The newest additions as a JSON Feed 1.1. */
export const GET: APIRoute = async () => {
  const feed = paperJsonFeed({
    title: `${SITE_NAME}: new papers`,
    description: 'The newest papers on the reading list.',
    papers: newestPapers((await getPapers()).map((paper) => paper.data)),
    themes: getThemes(),
    location: siteLocation(),
  });
  return new Response(`${JSON.stringify(feed, null, 2)}\n`, { headers: { 'Content-Type': 'application/feed+json' } });
};
