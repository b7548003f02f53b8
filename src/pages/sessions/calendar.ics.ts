import type { APIRoute } from 'astro';
import { getCatalog } from '../../lib/catalog.ts';
import { sessionsCalendar } from '../../core/sessions/calendar.ts';
import { lecternConfig } from '../../config.ts';
import { SITE_NAME, siteLocation } from '../../lib/site.ts';

export const GET: APIRoute = async () => {
  const { sessions, bySlug } = await getCatalog();
  const withTitles = sessions.map((session) => ({ ...session, titles: session.papers.map((slug) => bySlug.get(slug)!.titleText) }));
  const body = sessionsCalendar(withTitles, siteLocation(), lecternConfig().timeZone, `${SITE_NAME} reading sessions`);
  return new Response(body, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
};
