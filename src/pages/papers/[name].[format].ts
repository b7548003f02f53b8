/** `/papers/<slug>.bib` and `/papers/<slug>.json`: the paper's citation in BibTeX and CSL-JSON. */
import { getPapers } from '../../lib/papers.ts';
import { citationFile, citationPaths } from '../../lib/citations.ts';

export async function getStaticPaths() {
  return citationPaths((await getPapers()).map(({ data }) => ({ name: data.slug, slugs: [data.slug] })));
}

export const GET = citationFile;
