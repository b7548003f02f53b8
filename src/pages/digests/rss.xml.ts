import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { digestToHast } from '../../core/digest/export.ts';
import { absoluteUrl, feedPaths } from '../../core/urls.ts';
import { DIGEST_FEED_LIMIT, digestRssItems, rssChannelExtras } from '../../core/feed/index.ts';
import { getDigests } from '../../lib/digests.ts';
import { siteLocation } from '../../lib/site.ts';
import { SITE_NAME } from '../../lib/site.ts';

/** The digest feed: one item per week (the newest weeks), the whole digest as HTML. */
export const GET: APIRoute = async () => {
  const location = siteLocation();
  const { list, intros } = await getDigests();
  const digests = await Promise.all(
    list.slice(0, DIGEST_FEED_LIMIT).map(async (digest) => ({
      digest,
      tree: await digestToHast({ digest, introBody: intros.get(digest.slug)?.body, location }),
    })),
  );
  return rss({
    title: `${SITE_NAME}: weekly digests`,
    description: "The papers the reading group added each week, grouped by theme.",
    site: absoluteUrl(location),
    items: digestRssItems(digests, location),
    ...rssChannelExtras(absoluteUrl(location, feedPaths.digests())),
  });
};
