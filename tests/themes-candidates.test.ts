/** Candidate themes from recurring phrases among unthemed papers (src/core/themes/candidates.ts), on the seeds. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { candidateThemes, topicPhrases } from '../src/core/themes/candidates.ts';
import { readPaper } from '../src/core/content/index.ts';

test('phrases neither start nor end with a common word or research prose', () => {
  expect([...topicPhrases('We propose a vision transformer for dense prediction.', 2)].sort()).toEqual(['dense prediction', 'transformer for dense', 'vision transformer']);
});

test('on the seed papers: recurring phrases among the unthemed ones, with counts and real examples', () => {
  const dir = 'content/papers';
  const papers = readdirSync(dir).map((file) => {
    const read = readPaper(readFileSync(join(dir, file), 'utf8'), file);
    if (!read.ok) throw new Error(`${file} does not parse`);
    return read.paper;
  });
  const unthemed = papers.filter((p) => p.themes.length === 0);
  const candidates = candidateThemes(unthemed, papers.filter((p) => p.themes.length > 0));
  const vit = candidates.find((c) => c.phrase === 'vision transformer');
  expect(vit).toBeDefined();
  const users = unthemed.filter((p) => /\bvision[- ]transformer\b/i.test(`${p.title} ${p.abstract}`));
  expect(vit!.papers).toBe(users.length);
  expect(vit!.examples).toEqual(users.slice(0, 3).map((p) => p.title));
  expect(candidates.map((c) => c.phrase)).toContain('layer normalization');
  for (const c of candidates) expect(c.papers).toBeGreaterThanOrEqual(3);
  // Counts never grow down the list.
  expect(candidates.map((c) => c.papers)).toEqual([...candidates.map((c) => c.papers)].sort((a, b) => b - a));
});
