/**
 * The pure half of `npm run enrich` (src/core/papers/enrich.ts) on entries read from the real
 * recordings, and the client's Retry-After reading. Property: enrich rewrites people's files
 * only in the identity fields that were empty; every other key and the notes stay as they were.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArxivFeed, type ArxivEntry } from '../../src/core/arxiv/atom.ts';
import { enrichNeeds, planEnrich } from '../../src/core/papers/enrich.ts';
import { parsePaperFile, serializePaperFile } from '../../src/core/papers/frontmatter.ts';
import { paperSchema } from '../../src/core/papers/schema.ts';
import { retryAfterMs } from '../../scripts/lib/arxiv-client.ts';

const DIR = resolve(import.meta.dirname, '../fixtures/arxiv');
function entries(name: string): ArxivEntry[] {
  const feed = parseArxivFeed(readFileSync(join(DIR, name), 'utf8'));
  if (feed.kind !== 'results') throw new Error(name);
  return feed.entries;
}
const SEARCH = entries('2016-search_au_del_maestro.xml');

function paperText(title: string, fields: Record<string, unknown> = {}, extra: Record<string, unknown> = {}, body = ''): string {
  const data = paperSchema.parse({
    slug: 'p',
    title,
    title_raw: title,
    abstract: 'A.',
    abstract_raw: 'A.',
    added: '2026-11-02',
    sources: [{ file: 'l.txt', line: 1 }],
    ...fields,
  });
  return serializePaperFile({ ...data, ...extra }, body);
}

describe('planEnrich', () => {
  it('lists id lookups (sorted, once) for papers missing names, day or category, and title lookups for papers without an id', () => {
    const needs = enrichNeeds([
      { path: 'papers/a.mdx', content: paperText('A', { arxiv: '2104.12255' }) },
      { path: 'papers/b.mdx', content: paperText('B', { arxiv: '1707.08567', authors: { names: ['X'] }, submitted: '2017-07-27', primary_category: 'cs.IT' }) },
      { path: 'papers/c.mdx', content: paperText('C', { arxiv: 'astro-ph/0601001', authors: { names: ['X'] } }) },
      { path: 'papers/d.mdx', content: paperText('D title') },
      { path: 'papers/e.mdx', content: '---\nslug: [\n---\n' },
    ]);
    expect(needs.ids).toEqual(['2104.12255', 'astro-ph/0601001']);
    expect(needs.titles).toEqual([{ path: 'papers/d.mdx', title: 'D title' }]);
    expect(needs.diagnostics).toEqual([expect.objectContaining({ code: 'invalid-paper-file', file: 'papers/e.mdx', severity: 'warning' })]);
  });

  it('two arXiv papers with the paper\'s title: ambiguous, nothing written', () => {
    const entry = SEARCH[2]!;
    const needs = enrichNeeds([{ path: 'papers/p.mdx', content: paperText(entry.title) }]);
    const plan = planEnrich(needs, { byId: new Map(), byTitle: new Map([['papers/p.mdx', [entry, { ...entry, id: '0000.00001' }]]]) });
    expect(plan.writes).toEqual([]);
    expect(plan.report.diagnostics[0]).toMatchObject({ code: 'arxiv-title-ambiguous' });
  });

  it('a title match whose id another paper already has is not written', () => {
    const entry = SEARCH[0]!;
    const needs = enrichNeeds([
      { path: 'papers/a.mdx', content: paperText('Another name', { arxiv: entry.id, authors: { names: ['X'] }, submitted: '2012-01-23', primary_category: 'x' }) },
      { path: 'papers/b.mdx', content: paperText(entry.title) },
    ]);
    const plan = planEnrich(needs, { byId: new Map(), byTitle: new Map([['papers/b.mdx', [entry]]]) });
    expect(plan.writes).toEqual([]);
    expect(plan.report.diagnostics[0]).toMatchObject({ code: 'arxiv-id-taken', file: 'papers/b.mdx' });
  });

  it('a candidate with unrelated words is not a near miss', () => {
    const needs = enrichNeeds([{ path: 'papers/p.mdx', content: paperText('Mixture of experts for everyone') }]);
    const plan = planEnrich(needs, { byId: new Map(), byTitle: new Map([['papers/p.mdx', SEARCH]]) });
    expect(plan.report).toMatchObject({ notFound: 1, nearMisses: [], diagnostics: [] });
  });

  it('only empty identity fields change; people\'s keys, values and notes stay (property)', () => {
    const person = fc.record({
      doi: fc.option(fc.constant('10.9999/person'), { nil: undefined }),
      primary_category: fc.option(fc.constant('hep-th'), { nil: undefined }),
      submitted: fc.option(fc.constant('1999-01-01'), { nil: undefined }),
      authors: fc.option(fc.constant({ names: ['A Person'] }), { nil: undefined }),
      tldr: fc.option(fc.string({ minLength: 1 }), { nil: undefined }),
    });
    const extra = fc.dictionary(fc.string({ minLength: 1 }).filter((k) => !Object.hasOwn(paperSchema.shape, k) && k !== '__proto__'), fc.jsonValue());
    const body = fc.string();
    fc.assert(
      fc.property(fc.constantFrom(...SEARCH), person, extra, body, (entry, set, keys, notes) => {
        const fields = Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined));
        const content = paperText(entry.title, fields, keys, notes);
        const needs = enrichNeeds([{ path: 'papers/p.mdx', content }]);
        const plan = planEnrich(needs, { byId: new Map(), byTitle: new Map([['papers/p.mdx', [entry]]]) });
        expect(plan.writes).toHaveLength(1);
        const before = parsePaperFile(content);
        const after = parsePaperFile(plan.writes[0]!.content);
        if (!before.ok || !after.ok) throw new Error('unparsable');
        expect(after.file.body).toBe(notes);
        const { arxiv, authors, doi, primary_category, submitted, ...rest } = after.file.data as Record<string, any>;
        const { arxiv: _a, authors: oldAuthors, doi: oldDoi, primary_category: oldCat, submitted: oldDay, ...oldRest } = before.file.data as Record<string, any>;
        expect(rest).toEqual(oldRest);
        expect(arxiv).toBe(entry.id);
        expect(authors.names).toEqual(oldAuthors.names.length ? oldAuthors.names : entry.authors);
        expect(doi).toBe(oldDoi ?? entry.doi);
        expect(primary_category).toBe(oldCat ?? entry.primaryCategory);
        expect(submitted).toBe(oldDay ?? entry.submitted);
      }),
      { numRuns: 150 },
    );
  });
});

describe('retryAfterMs', () => {
  it('reads delta-seconds and HTTP dates; ignores what it cannot read', () => {
    const now = Date.parse('2026-12-06T12:00:00Z');
    expect(retryAfterMs('5', now)).toBe(5000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
    expect(retryAfterMs('Sun, 06 Dec 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Sun, 06 Dec 2026 11:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs(undefined, now)).toBeNull();
    expect(retryAfterMs('soon', now)).toBeNull();
  });
});
