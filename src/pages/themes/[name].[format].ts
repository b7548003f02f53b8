/** `/themes/<theme>.bib` and `.json`: every paper of a theme (or of no theme) in one file. */
import { getCatalog } from '../../lib/catalog.ts';
import { citationFile, citationPaths } from '../../lib/citations.ts';
import { UNTHEMED_SLUG } from '../../lib/site.ts';

export async function getStaticPaths() {
  const { themes, unthemed } = await getCatalog();
  return citationPaths([
    ...themes.map((theme) => ({ name: theme.slug, slugs: theme.papers.map((p) => p.slug) })),
    { name: UNTHEMED_SLUG, slugs: unthemed.map((p) => p.slug) },
  ]);
}

export const GET = citationFile;
