import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseListing } from '../../src/core/listing/index.ts';
import { normalizeText, toPlainText } from '../../src/core/normalize/index.ts';
import { relatedDocuments, tokenize, type RelatedDocument } from '../../src/core/related/index.ts';
import { SEEDS_DIR } from '../helpers/seeds.ts';
import { pathToFileURL } from 'node:url';

const SEEDS = pathToFileURL(SEEDS_DIR);

/** The 189 distinct seed papers as plain text, keyed by title. */
function seedPapers(): RelatedDocument[] {
  const byTitle = new Map<string, RelatedDocument>();
  for (const file of readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort()) {
    for (const record of parseListing(readFileSync(new URL(file, SEEDS), 'utf8'), file).records) {
      const title = toPlainText(normalizeText(record.titleRaw));
      byTitle.set(title, { id: title, title, abstract: toPlainText(normalizeText(record.abstractRaw)) });
    }
  }
  return [...byTitle.values()];
}

/** Hand labels of the seed papers (the themes gold set). */
const labels = new Map(
  (JSON.parse(readFileSync(new URL('../fixtures/theme-labels.json', import.meta.url), 'utf8')) as Array<{ title: string; themes: string[] }>).map(
    (l) => [l.title, l.themes],
  ),
);

describe('related papers on the seeds', () => {
  const papers = seedPapers();
  const related = relatedDocuments(papers);

  it('lists up to five other papers for every paper, best first', () => {
    expect(papers.length).toBe(189);
    expect(related.size).toBe(189);
    for (const [id, neighbours] of related) {
      expect(neighbours.length).toBeLessThanOrEqual(5);
      expect(neighbours.map((n) => n.id)).not.toContain(id);
      expect(neighbours.map((n) => n.score)).toEqual([...neighbours.map((n) => n.score)].sort((a, b) => b - a));
    }
    // Nearly every abstract shares enough vocabulary with others to have neighbours.
    expect([...related.values()].filter((n) => n.length === 5).length).toBeGreaterThan(150);
  });

  for (const [theme, titlePattern] of [
    ['ssm', /mamba/i],
    ['moe', /mixture-of-experts|\bmoe\b/i],
  ] as const) {
    it(`papers named for ${theme} find other ${theme} papers`, () => {
      const subjects = papers.filter((p) => titlePattern.test(p.title));
      expect(subjects.length).toBeGreaterThanOrEqual(4);
      let hits = 0;
      let total = 0;
      for (const subject of subjects) {
        const neighbours = related.get(subject.id)!;
        const inTheme = neighbours.filter((n) => labels.get(n.id)?.includes(theme));
        expect(inTheme.length, `${subject.title} -> ${neighbours.map((n) => n.id).join(' | ')}`).toBeGreaterThanOrEqual(1);
        hits += inTheme.length;
        total += neighbours.length;
      }
      // Theme papers are ~10% of the seeds; most neighbours of these papers share the theme.
      expect(hits / total).toBeGreaterThan(0.5);
    });
  }

  it('finds Mamba from the Mamba quantization paper', () => {
    const quamba = papers.find((p) => p.title.startsWith('Quamba'))!;
    expect(related.get(quamba.id)!.map((n) => n.id)).toContain('Mamba: Linear-Time Sequence Modeling with Selective State Spaces');
  });

  it('does not depend on input order', () => {
    const reversed = relatedDocuments([...papers].reverse());
    expect(reversed).toEqual(related);
  });
});

describe('tokenize', () => {
  it('splits camel-case names, folds accents, drops stopwords and numbers, stems plurals', () => {
    expect(tokenize('MambaMixer: the Nyström Experts in 2024')).toEqual(['mambamixer', 'mamba', 'mixer', 'nystrom', 'expert']);
  });
});

describe('relatedDocuments', () => {
  it('relates documents that share rare terms and leaves unrelated ones out', () => {
    const docs = [
      { id: 'a', title: 'Selective state space model', abstract: 'Mamba recurrence scan.' },
      { id: 'b', title: 'Mamba for vision', abstract: 'A selective scan state space backbone.' },
      { id: 'c', title: 'Sparse experts router', abstract: 'Mixture of experts load balancing.' },
      { id: 'd', title: 'Expert routing at scale', abstract: 'Router load balancing for experts.' },
    ];
    const related = relatedDocuments(docs, { k: 2 });
    expect(related.get('a')!.map((n) => n.id)).toEqual(['b']);
    expect(related.get('c')!.map((n) => n.id)).toEqual(['d']);
    expect(relatedDocuments([])).toEqual(new Map());
  });
});
