/**
 * Reading sessions in a real build of the fixture content under a base path (issue 15, "Reading
 * sessions"): the sessions list and a page per session, the paper page's "Discussed on" line, the
 * week's digest listing the session, the home page, a calendar feed a real iCalendar parser
 * reads, and an unknown paper slug failing the build naming the file and line.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ical from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, REPO_ROOT, type SiteBuild } from '../helpers/site-build.ts';
import { findBrokenLinks, readPage } from '../helpers/site-check.ts';

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
