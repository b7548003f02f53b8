/**
 * Every Open Graph card the site links to (papers, themes, "No theme", digests, the site),
 * memoised: the route ./og-cards-route.ts hands the list to the og-images integration.
 */
import type { OgJob } from '../core/og/card.ts';
import { getCatalog } from './catalog.ts';
import { getDigests } from './digests.ts';
import { SITE_OG_IMAGE_PATH, digestCard, ogImagePath, paperCard, siteCard, themeCard } from './og.ts';
import { UNTHEMED_NAME, UNTHEMED_SLUG } from './site.ts';

let jobs: Promise<OgJob[]> | undefined;

export function getOgJobs(): Promise<OgJob[]> {
  jobs ??= Promise.all([getCatalog(), getDigests()]).then(([{ papers, themes, unthemed }, { list: digests }]) => [
    { file: SITE_OG_IMAGE_PATH, card: siteCard() },
    ...papers.map((paper) => ({ file: ogImagePath('papers', paper.slug), card: paperCard(paper), ...(paper.entry.filePath ? { source: paper.entry.filePath } : {}) })),
    ...themes.map((theme) => ({ file: ogImagePath('themes', theme.slug), card: themeCard(theme) })),
    { file: ogImagePath('themes', UNTHEMED_SLUG), card: themeCard({ name: UNTHEMED_NAME, papers: unthemed }) },
    ...digests.map((digest) => ({ file: ogImagePath('digests', digest.slug), card: digestCard(digest) })),
  ]);
  return jobs;
}
