import type { APIRoute } from 'astro';
import { siteUrl } from '../lib/site.ts';

/** Allows everything and points crawlers at the sitemap (absolute URL, base path included). */
export const GET: APIRoute = () =>
  new Response(`User-agent: *\nAllow: /\n\nSitemap: ${siteUrl('sitemap-index.xml')}\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
