/**
 * Reading sessions in a real build of the fixture content under a base path (issue 15, "Reading
 * sessions"): the sessions list and a page per session, the paper page's "Discussed on" line, the
 * week's digest listing the session, the home page, a calendar feed a real iCalendar parser
 * reads, and an unknown paper slug failing the build naming the file and line.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ical from 'node-ical';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, REPO_ROOT, type SiteBuild } from '../helpers/site-build.ts';
import { findBrokenLinks, readPage } from '../helpers/site-check.ts';
import { isoWeekOf, weekSlug } from '../../src/core/digest/week.ts';
import { PIXART, UPCOMING_SESSION, fixtureVariant, VARIANT_ENV } from '../helpers/fixture-variant.ts';

const FIXTURE = join(REPO_ROOT, 'tests/fixtures/site-content');
const MAMBA = 'mamba-linear-time-sequence-modeling-with-selective-state-spaces';
const work = mkdtempSync(join(tmpdir(), 'lectern-sessions-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('sessions in the fixture site', () => {
  let site: SiteBuild;
  beforeAll(async () => {
    site = await buildSite({ content: 'tests/fixtures/site-content', base: '/reading-group/' });
  }, 600_000);

  it('lists the session on /sessions/ (past: it is before the build day) with a calendar link', () => {
    const $ = readPage(site.outDir, 'sessions/index.html');
    expect($('#upcoming').parent().text()).toContain('No session is planned yet.');
    const past = $('#past').parent();
    expect(past.find('a.paper-title').attr('href')).toBe('/reading-group/sessions/2026-11-19/');
    expect(past.find('a.paper-title').text()).toBe('19 Nov 2026, 16:30');
    expect(past.text()).toContain('Presented by Ada Example');
    expect($('a[href="/reading-group/sessions/calendar.ics"]').length).toBe(1);
  });

  it('gives each session a page with its papers, presenter, place, links and notes', () => {
    const $ = readPage(site.outDir, 'sessions/2026-11-19/index.html');
    expect($('h1').text()).toBe('Reading session, 19 Nov 2026');
    expect($(`a[href="/reading-group/papers/${MAMBA}/"]`).text()).toContain('Mamba');
    expect($('dl').text()).toMatch(/Presenter\s*Ada Example/);
    expect($('a[href="https://meet.example.org/reading"]').length).toBe(1);
    expect($('a[href="https://video.example.org/2026-11-19"]').text()).toBe('Recording');
    expect($('.notes strong').text()).toBe('selective state spaces');
  });

  it("shows 'Discussed on' on the paper page, the session in its week's digest and on home", () => {
    const paper = readPage(site.outDir, `papers/${MAMBA}/index.html`);
    expect(paper('.discussed a').text()).toBe('Discussed on 19 Nov 2026 (Ada Example)');
    expect(paper('.discussed a').attr('href')).toBe('/reading-group/sessions/2026-11-19/');
    const digest = readPage(site.outDir, 'digests/2026-w47/index.html');
    expect(digest('.week-session').text().replace(/\s+/g, ' ').trim()).toBe('Reading session: 19 Nov 2026, 16:30 (Ada Example)');
    expect(digest('.week-session a').attr('href')).toBe('/reading-group/sessions/2026-11-19/');
    const home = readPage(site.outDir, 'index.html');
    expect(home('#next-session-title').text()).toBe('Latest reading session');
    expect(home('.next-session a.paper-title').attr('href')).toBe('/reading-group/sessions/2026-11-19/');
  });

  it('serves a calendar that a real iCalendar parser reads, with a stable UID and the local time', () => {
    const text = readFileSync(join(site.outDir, 'sessions/calendar.ics'), 'utf8');
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const events = Object.values(ical.sync.parseICS(text)).filter((c) => c?.type === 'VEVENT') as ical.VEvent[];
    expect(events).toHaveLength(1);
    expect(events[0]!.uid).toBe('session-2026-11-19@lectern.example.org/reading-group');
    // 16:30 in Europe/London (the default LECTERN_TIMEZONE) is 16:30 UTC in November.
    expect(events[0]!.start.toISOString()).toBe('2026-11-19T16:30:00.000Z');
    expect(events[0]!.summary).toContain('Mamba');
  });

  it('links only to pages that exist', () => {
    expect(findBrokenLinks(site.outDir, site.base, site.site)).toEqual([]);
  });
});

describe('a session naming a paper that does not exist', () => {
  it('fails the build naming the file and the line', async () => {
    const content = join(work, 'bad-slug');
    cpSync(FIXTURE, content, { recursive: true });
    const file = join(content, 'sessions', '2026-11-19.mdx');
    writeFileSync(file, readFileSync(file, 'utf8').replace('  - flashattention-fast', '  - no-such-paper\n  - flashattention-fast'));
    const failure = await buildSite({ content }).then(
      () => null,
      (error: Error) => error.message,
    );
    expect(failure).toMatch(/sessions\/2026-11-19\.mdx:9: error: session lists the unknown paper "no-such-paper"/);
  }, 600_000);
});

describe('the example sessions shipped in content/sessions', () => {
  const dir = join(REPO_ROOT, 'content/sessions');
  // Read straight from the files (YAML), not through the site's reader.
  const shipped = readdirSync(dir)
    .filter((name) => name.endsWith('.mdx'))
    .map((name) => {
      const data = load(readFileSync(join(dir, name), 'utf8').split('---\n')[1]!) as { date: string | Date; presenters: string[]; papers: string[] };
      const date = data.date instanceof Date ? data.date.toISOString().slice(0, 10) : String(data.date);
      return { name, date, papers: data.papers };
    });
  let seeded: SiteBuild;
  beforeAll(async () => {
    seeded = await buildSite();
  }, 600_000);

  it('are two sessions in weeks the seeds have papers and a digest for', () => {
    expect(shipped).toHaveLength(2);
    for (const session of shipped) {
      expect(session.name).toBe(`${session.date}.mdx`);
      const week = weekSlug(isoWeekOf(session.date));
      const digest = readPage(seeded.outDir, `digests/${week}/index.html`);
      expect(digest('.digest a.paper-title').length, week).toBeGreaterThan(0);
      expect(digest(`.week-session a[href="/sessions/${session.date}/"]`).length, week).toBe(1);
    }
  });

  it('show on /sessions/, on a page each, on their papers\' pages, on home and in the calendar', () => {
    const list = readPage(seeded.outDir, 'sessions/index.html');
    const events = Object.values(ical.sync.parseICS(readFileSync(join(seeded.outDir, 'sessions/calendar.ics'), 'utf8'))).filter((c) => c?.type === 'VEVENT') as ical.VEvent[];
    expect(events.map((event) => event.uid).sort()).toEqual(shipped.map((s) => `session-${s.date}@lectern.example.org`).sort());
    for (const session of shipped) {
      expect(list(`.session-list a.paper-title[href="/sessions/${session.date}/"]`).length, session.date).toBe(1);
      const page = readPage(seeded.outDir, `sessions/${session.date}/index.html`);
      for (const slug of session.papers) {
        expect(page(`a[href="/papers/${slug}/"]`).length, `${session.date} ${slug}`).toBeGreaterThan(0);
        const paper = readPage(seeded.outDir, `papers/${slug}/index.html`);
        expect(paper(`.discussed a[href="/sessions/${session.date}/"]`).text(), slug).toMatch(/^Discussed on \d{1,2} \w{3} 2026/);
      }
    }
    const home = readPage(seeded.outDir, 'index.html');
    expect(shipped.map((s) => `/sessions/${s.date}/`)).toContain(home('.next-session a.paper-title').attr('href'));
  });
});

describe('with an upcoming session (the fixture plus a session in 2099)', () => {
  let variant: SiteBuild;
  beforeAll(async () => {
    variant = await buildSite({ content: fixtureVariant(), env: VARIANT_ENV });
  }, 600_000);

  it('a theme page heads the papers added in the build\'s week "This week" (the build day is set by SOURCE_DATE_EPOCH)', () => {
    const $ = readPage(variant.outDir, 'themes/ssm/index.html');
    const groups = $('table.papers tr.group th').map((_, th) => $(th).text().replace(/\s+/g, ' ').trim()).get();
    expect(groups[0]).toMatch(/^This week: Week 47, 2026 \(latest digest\)/);
    expect(groups.slice(1).every((label) => label.startsWith('Added in '))).toBe(true);
  });

  it('/sessions/ lists upcoming sessions first, then past ones', () => {
    const $ = readPage(variant.outDir, 'sessions/index.html');
    const headings = $('main h2').map((_, h) => $(h).attr('id')).get();
    expect(headings.indexOf('upcoming')).toBeLessThan(headings.indexOf('past'));
    expect($('#upcoming').parent().find('a.paper-title').map((_, a) => $(a).attr('href')).get()).toEqual([`/sessions/${UPCOMING_SESSION}/`]);
    expect($('#past').parent().find('a.paper-title').map((_, a) => $(a).attr('href')).get()).toEqual(['/sessions/2026-11-19/']);
  });

  it('home shows the next session, its paper\'s page says it is still to come, and the calendar carries both', () => {
    const home = readPage(variant.outDir, 'index.html');
    expect(home('#next-session-title').text()).toBe('Next reading session');
    expect(home('.next-session a.paper-title').attr('href')).toBe(`/sessions/${UPCOMING_SESSION}/`);
    expect(home(`.next-session a[href="/papers/${PIXART}/"]`).length).toBe(1);
    // The paper page does not say it was discussed before the session has happened.
    expect(readPage(variant.outDir, `papers/${PIXART}/index.html`)('.discussed a').text()).toBe('To be discussed on 8 Jan 2099 (Ben Example)');
    const events = Object.values(ical.sync.parseICS(readFileSync(join(variant.outDir, 'sessions/calendar.ics'), 'utf8'))).filter((c) => c?.type === 'VEVENT') as ical.VEvent[];
    // 17:00 in Europe/London in January is 17:00 UTC.
    expect(events.find((event) => event.uid === `session-${UPCOMING_SESSION}@lectern.example.org`)?.start.toISOString()).toBe(`${UPCOMING_SESSION}T17:00:00.000Z`);
    expect(events).toHaveLength(2);
  });
});
