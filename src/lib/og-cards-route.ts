/**
 * The route the og-images integration injects (src/integrations/og-images.ts): every Open
 * Graph card the site links to (./og-jobs.ts), written into the output as `og/cards.json`; the
 * integration renders the images from it at the end of the build, then deletes the file.
 */
import type { APIRoute } from 'astro';
import { getOgJobs } from './og-jobs.ts';

export const GET: APIRoute = async () => new Response(JSON.stringify(await getOgJobs()), { headers: { 'content-type': 'application/json' } });
