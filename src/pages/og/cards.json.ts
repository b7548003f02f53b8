/**
 * The list of Open Graph cards the site links to (papers, themes, digests). Written into the
 * output for the og-images integration, which renders the PNGs and then deletes this file; also
 * handed to it straight away, so it can start rendering while the other pages render.
 */
import type { APIRoute } from 'astro';
import { getCatalog } from '../../lib/catalog.ts';
import { getDigests } from '../../lib/digests.ts';
import { SITE_OG_IMAGE_PATH, digestCard, ogImagePath, paperCard, siteCard, themeCard } from '../../lib/og.ts';
import { UNTHEMED_NAME, UNTHEMED_SLUG } from '../../lib/site.ts';
import { handOgJobsToBuild, type OgJob } from '../../integrations/og-head-start.ts';

export const GET: APIRoute = async () => {
  const [{ papers, themes, unthemed }, { list: digests }] = await Promise.all([getCatalog(), getDigests()]);
  const jobs: OgJob[] = [
    { file: SITE_OG_IMAGE_PATH, card: siteCard() },
    ...papers.map((paper) => ({ file: ogImagePath('papers', paper.slug), card: paperCard(paper) })),
    ...themes.map((theme) => ({ file: ogImagePath('themes', theme.slug), card: themeCard(theme) })),
    { file: ogImagePath('themes', UNTHEMED_SLUG), card: themeCard({ name: UNTHEMED_NAME, papers: unthemed }) },
    ...digests.map((digest) => ({ file: ogImagePath('digests', digest.slug), card: digestCard(digest) })),
  ];
  handOgJobsToBuild(jobs);
  return new Response(JSON.stringify(jobs), { headers: { 'content-type': 'application/json' } });
};
