/**
 * The Atom parser on every real arXiv recording in tests/fixtures/arxiv/ (old and new layouts,
 * zero results, the 400 error feed, versioned and old-style ids), plus property tests: it never
 * throws, whatever the bytes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArxivFeed, type ArxivFeed } from '../../src/core/arxiv/atom.ts';
import { ARXIV_ID_PATTERN } from '../../src/core/papers/schema.ts';

const DIR = resolve(import.meta.dirname, '../fixtures/arxiv');
const read = (name: string): string => readFileSync(join(DIR, name), 'utf8');
const results = (feed: ArxivFeed) => {
  if (feed.kind !== 'results') throw new Error(`expected results, got ${feed.kind}: ${feed.message}`);
  return feed;
};

describe('old layout (2016 recordings)', () => {
  it('reads an old-style id, the wrapped title, DOI, primary category and first-submission day', () => {
    const feed = results(parseArxivFeed(read('2016-search_au_del_maestro_AND_ti_checkerboard.xml')));
    expect(feed.totalResults).toBe(1);
    expect(feed.entries).toHaveLength(1);
    const [entry] = feed.entries;
    expect(entry).toMatchObject({
      id: 'cond-mat/0603029',
      version: 1,
      title: 'From stripe to checkerboard order on the square lattice in the presence of quenched disorder',
      authors: ['Adrian Del Maestro', 'Bernd Rosenow', 'Subir Sachdev'],
      submitted: '2006-03-02',
      primaryCategory: 'cond-mat.str-el',
      doi: '10.1103/PhysRevB.74.024520',
    });
    // The summary's leading spaces and hard line breaks are gone; its words are all there.
    expect(entry!.abstract.startsWith('We discuss the effects of quenched disorder on a model of charge density wave (CDW) ordering')).toBe(true);
    expect(entry!.abstract.endsWith('(LDOS) data measured in scanning tunneling microscopy experiments.')).toBe(true);
    expect(entry!.abstract).not.toMatch(/\n| {2}/);
  });

  it('reads a versioned id lookup (1111.2011v2)', () => {
    const [entry] = results(parseArxivFeed(read('2016-id_list_1111.2011v2.xml'))).entries;
    expect(entry).toMatchObject({
      id: '1111.2011',
      version: 2,
      title: 'Quantum Criticality for Extended Nodes on a Bethe Lattice in the Large Connectivity Limit',
      authors: ['James M. Murray', 'Adrian Del Maestro', 'Zlatko Tesanovic'],
      submitted: '2011-11-08',
      primaryCategory: 'cond-mat.str-el',
      doi: '10.1103/PhysRevB.85.115117',
    });
  });

  it('reads a 10-entry search page of 31 results, old- and new-style ids mixed', () => {
    const feed = results(parseArxivFeed(read('2016-search_au_del_maestro.xml')));
    expect(feed.totalResults).toBe(31);
    expect(feed.unreadable).toBe(0);
    expect(feed.entries.map((e) => e.id)).toEqual([
      '1201.4869', 'cond-mat/0412498', 'cond-mat/0603029', '1005.5383', '1303.6954',
      '1312.6177', '1412.6529', 'cond-mat/0607501', 'cond-mat/0702661', '0807.2873',
    ]);
    expect(feed.entries[4]).toMatchObject({ version: 2, authors: ['B. Kulchytskyy', 'G. Gervais', 'A. Del Maestro'] });
    expect(feed.entries[7]!.title).toBe(
      'A striped supersolid phase and the search for deconfined quantum criticality in hard-core bosons on the triangular lattice',
    );
  });

  it('reads a phrase search with two results', () => {
    const feed = results(parseArxivFeed(read('2016-search_au_del_maestro_AND_ti_quantum_criticality.xml')));
    expect(feed.entries.map((e) => `${e.id}v${e.version}`)).toEqual(['1111.2011v2', 'cond-mat/0607501v2']);
  });
});

describe('new layout (2026 recordings)', () => {
  it('reads a versioned id lookup whose title is "0"', () => {
    const feed = results(parseArxivFeed(read('2026-id_list_2104.12255v1.xml')));
    expect(feed.entries).toEqual([
      {
        id: '2104.12255',
        version: 1,
        title: '0',
        abstract: expect.stringMatching(/^What is the funniest number in cryptography\? 0\. .* \$35,000 in total for the reported bugs\.$/),
        authors: ['Quan Thoi Minh Nguyen'],
        submitted: '2021-04-20',
        primaryCategory: 'cs.CR',
        doi: null,
      },
    ]);
  });

  it('reads an old-style id (astro-ph/0601001); affiliations are not names', () => {
    const [entry] = results(parseArxivFeed(read('2026-id_list_astro-ph_0601001.xml'))).entries;
    expect(entry).toMatchObject({
      id: 'astro-ph/0601001',
      version: 1,
      authors: ['Andrew Gould', 'Susan Dorsher', 'B. Scott Gaudi', 'Andrzej Udalski'],
      submitted: '2006-01-02',
      primaryCategory: 'astro-ph',
      doi: null,
    });
    // Entities are decoded: "Gould &amp; Morgan", "V_max&lt;17.5".
    expect(entry!.abstract).toContain('Gould & Morgan (2003)');
    expect(entry!.abstract).toContain('V_max<17.5');
  });

  it('reads a two-id lookup where one id does not exist: one entry, 34 authors in order', () => {
    const feed = results(parseArxivFeed(read('2026-id_list_0808.05394_1707.08567.xml')));
    expect(feed.totalResults).toBe(1);
    expect(feed.entries.map((e) => e.id)).toEqual(['1707.08567']);
    const authors = feed.entries[0]!.authors;
    expect(authors).toHaveLength(34);
    expect(authors.slice(0, 2)).toEqual(['Kees A. Schouhamer Immink', 'Stan Baggen']);
    expect(authors).toContain('Peter H. N. de With');
    expect(authors).toContain('Dirk Wübben');
  });

  it('reads zero results', () => {
    expect(parseArxivFeed(read('2026-id_list_0000.0000_zero_results.xml'))).toEqual({
      kind: 'results',
      totalResults: 0,
      entries: [],
      unreadable: 0,
    });
  });

  it('reads the HTTP 400 error feed as an API error, not as a paper called "Error"', () => {
    expect(parseArxivFeed(read('2026-id_list_abc_error_400.xml'))).toEqual({
      kind: 'api-error',
      message: 'incorrect id format for abc',
    });
  });

  it('reads a 10-entry search page with DOIs on some entries', () => {
    const feed = results(parseArxivFeed(read('2026-search_testing_m10.xml')));
    expect(feed.totalResults).toBe(214881);
    expect(feed.entries).toHaveLength(10);
    expect(feed.entries.filter((e) => e.doi !== null)).toHaveLength(6);
    expect(feed.entries[4]).toMatchObject({ id: '2302.03287', version: 3, title: 'ChatGPT and Software Testing Education: Promises & Perils' });
    expect(feed.entries[1]!.authors).toEqual(['Aurora Ramírez', 'Mario Berrios', 'José Raúl Romero', 'Robert Feldt']);
  });

  it('each .xml is exactly the body of its .recorded.json', () => {
    const wrapped = readdirSync(DIR).filter((n) => n.endsWith('.recorded.json'));
    expect(wrapped).toHaveLength(6);
    for (const name of wrapped) {
      const { body } = JSON.parse(read(name)) as { body: string };
      expect(Buffer.from(body, 'latin1').equals(readFileSync(join(DIR, name.replace('.recorded.json', '.xml'))))).toBe(true);
    }
  });
});

describe('bodies that are not a feed', () => {
  const recorded = readdirSync(DIR).filter((n) => n.endsWith('.xml')).map(read);

  it('every recording cut short is malformed, never an exception or a partial list', () => {
    for (const xml of recorded) {
      for (const cut of [1, 10, Math.floor(xml.length / 3), Math.floor(xml.length / 2), xml.length - 10]) {
        const feed = parseArxivFeed(xml.slice(0, cut));
        expect(feed.kind).toBe('malformed');
      }
    }
  });

  it('names what is wrong', () => {
    expect(parseArxivFeed('')).toEqual({ kind: 'malformed', message: 'the response holds no XML element' });
    expect(parseArxivFeed('<!DOCTYPE html><html><body>Rate exceeded.</body></html>').kind).toBe('malformed');
    expect(parseArxivFeed('<html><body>Service Unavailable</body></html>')).toEqual({
      kind: 'malformed',
      message: 'the root element is <html>, not an Atom <feed>',
    });
  });

  it('never throws, and every id it returns is versionless and valid (property)', () => {
    const fragments = recorded.flatMap((xml) => xml.split(/(?=<)/));
    const garbage = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.array(fc.constantFrom(...fragments), { maxLength: 60 }).map((parts) => parts.join('')),
      fc.tuple(fc.constantFrom(...recorded), fc.nat(), fc.string({ unit: 'binary', maxLength: 20 })).map(
        ([xml, at, junk]) => xml.slice(0, at % xml.length) + junk + xml.slice(at % xml.length),
      ),
    );
    fc.assert(
      fc.property(garbage, (text) => {
        const feed = parseArxivFeed(text);
        expect(['results', 'api-error', 'malformed']).toContain(feed.kind);
        if (feed.kind === 'results') {
          for (const entry of feed.entries) {
            expect(entry.id).toMatch(ARXIV_ID_PATTERN);
            expect(entry.title).toBe(entry.title.replace(/\s+/g, ' ').trim());
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});
