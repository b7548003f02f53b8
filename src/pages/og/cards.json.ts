/**
 * The list of Open Graph cards the site links to (src/lib/og-jobs.ts), written into the output for
 * the og-images integration, which renders what its head start (src/middleware.ts) has not and
 * then deletes this file.
 */
import type { APIRoute } from 'astro';
import { getOgJobs } from '../../lib/og-jobs.ts';

export const GET: APIRoute = async () => new Response(JSON.stringify(await getOgJobs()), { headers: { 'content-type': 'application/json' } });
