/** src/core/text.ts: one pluralisation, one day format for every output. */
import { describe, expect, it } from 'vitest';
import { formatDay, plural, pluralWord } from '../src/core/text.ts';

describe('plural', () => {
  it.each([
    [0, 'paper', undefined, '0 papers'],
    [1, 'paper', undefined, '1 paper'],
    [2, 'paper', undefined, '2 papers'],
    [1, 'arXiv id', undefined, '1 arXiv id'],
    [3, 'is', 'are', '3 are'],
  ])('%i %s -> %s', (count, singular, pluralForm, expected) => {
    expect(plural(count, singular, pluralForm)).toBe(expected);
  });
  it('gives the word alone', () => {
    expect(pluralWord(1, 'Author')).toBe('Author');
    expect(pluralWord(7, 'Author')).toBe('Authors');
  });
});

describe('formatDay', () => {
  it.each([
    ['2023-08-11', '11 Aug 2023'],
    ['2026-09-01', '1 Sep 2026'],
    ['2024-02-29', '29 Feb 2024'],
    ['1999-12-31', '31 Dec 1999'],
  ])('%s -> %s, in every time zone', (day, expected) => {
    expect(formatDay(day)).toBe(expected);
  });
});
