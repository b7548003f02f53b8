/**
 * Every paper's citation, for the citation-files integration, which writes `papers/<slug>.bib`
 * and `papers/<slug>.json` from it at the end of the build and then deletes this file.
 */
import type { APIRoute } from 'astro';
import { getCitations } from '../lib/citations.ts';
import type { CitationJob } from '../core/cite/index.ts';

export const GET: APIRoute = async () => {
  const jobs: CitationJob[] = [...(await getCitations())].map(([slug, item]) => ({ slug, item }));
  return new Response(JSON.stringify(jobs), { headers: { 'content-type': 'application/json' } });
};
