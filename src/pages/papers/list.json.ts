/**
 * Every paper's list row (src/core/paper-list), for the papers list's instant filtering and
 * sorting with JavaScript. Fetched only when a reader uses a filter or sort, or opens a
 * filtered view by its URL.
 */
import type { APIRoute } from 'astro';
import { getCatalog } from '../../lib/catalog.ts';
import { listRow } from '../../lib/paper-lists.ts';
import { toListJson } from '../../core/paper-list/index.ts';

export const GET: APIRoute = async () => {
  const { papers, themes } = await getCatalog();
  const body = toListJson(papers.map(listRow), Object.fromEntries(themes.map((theme) => [theme.slug, theme.name])));
  return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
};
