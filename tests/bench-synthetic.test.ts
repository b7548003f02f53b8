import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '@mdx-js/mdx';
import remarkMath from 'remark-math';
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { isoWeekOf, seedRecordsFromListings, syntheticPapers } from '../scripts/bench/synthetic.ts';
import { paperSchema } from '../src/core/papers/schema.ts';
import { SEEDS_DIR } from './helpers/seeds.ts';

const SEEDS = SEEDS_DIR;
const seeds = seedRecordsFromListings(
  readdirSync(SEEDS)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(SEEDS, f), 'utf8')),
);

describe('synthetic benchmark corpus', () => {
  it('reads the distinct seed papers', () => {
    // DESIGN.md §1: 189 distinct papers in the seeds.
    expect(seeds.length).toBe(189);
  });

  const papers = syntheticPapers(seeds, { papers: 2000, mathRatio: 0.3, notesRatio: 0.1 });

  it('makes N distinct, schema-valid papers with realistic abstracts', () => {
    expect(papers).toHaveLength(2000);
    expect(new Set(papers.map((p) => p.frontmatter.slug)).size).toBe(2000);
    expect(new Set(papers.map((p) => p.frontmatter.title)).size).toBe(2000);
    for (const { frontmatter } of papers) {
      expect(paperSchema.safeParse(frontmatter).success).toBe(true);
      expect(frontmatter.abstract.length).toBeGreaterThanOrEqual(1300);
      expect(frontmatter.abstract.length).toBeLessThanOrEqual(1900);
    }
  });

  it('is deterministic for a seed', () => {
    expect(syntheticPapers(seeds, { papers: 50, mathRatio: 0.3, notesRatio: 0.1 })).toEqual(papers.slice(0, 50));
  });

  it('spreads additions over weeks and honours the ratios', () => {
    expect(new Set(papers.map((p) => isoWeekOf(p.frontmatter.added))).size).toBe(40);
    const math = papers.filter((p) => p.frontmatter.abstract.includes('$')).length / papers.length;
    expect(math).toBeGreaterThan(0.25);
    expect(math).toBeLessThan(0.35);
    const notes = papers.filter((p) => p.notes).length / papers.length;
    expect(notes).toBeGreaterThan(0.07);
    expect(notes).toBeLessThan(0.13);
  });

  it('writes math KaTeX accepts and notes that compile as MDX', async () => {
    for (const { frontmatter } of papers.slice(0, 300)) {
      for (const [, tex] of frontmatter.abstract.matchAll(/\$([^$]+)\$/g)) {
        expect(() => katex.renderToString(tex!, { throwOnError: true })).not.toThrow();
      }
    }
    const withNotes = papers.filter((p) => p.notes).slice(0, 20);
    for (const { notes } of withNotes) {
      await expect(compile(notes, { remarkPlugins: [remarkMath] })).resolves.toBeDefined();
    }
  });
});
