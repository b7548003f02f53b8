/** `/digests/<YYYY>-w<WW>.bib` and `.json`: every paper of a week's digest in one file. */
import { getDigests } from '../../lib/digests.ts';
import { citationFile, citationPaths } from '../../lib/citations.ts';

export async function getStaticPaths() {
  const { list } = await getDigests();
  return citationPaths(list.map((digest) => ({ name: digest.slug, slugs: digest.papers.map((p) => p.slug) })));
}

export const GET = citationFile;
