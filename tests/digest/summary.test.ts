import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { firstSentence } from '../../src/core/digest/summary.ts';

describe('firstSentence', () => {
  it.each([
    ['Plain. Second sentence.', 'Plain.'],
    ['We use e.g. sparse attention and i.e. windows. Then more.', 'We use e.g. sparse attention and i.e. windows.'],
    ['As shown by Smith et al. (2023), it works. Next.', 'As shown by Smith et al. (2023), it works.'],
    ['Following Smith et al. We ignore that. Next.', 'Following Smith et al. We ignore that.'],
    ['Accuracy rises by 1.5 points to 73.2% on ImageNet. Next.', 'Accuracy rises by 1.5 points to 73.2% on ImageNet.'],
    ['Caching states (a.k.a. hidden states) helps. Next.', 'Caching states (a.k.a. hidden states) helps.'],
    ['Does it scale? Yes.', 'Does it scale?'],
    ['It works (see Fig. 3). Next.', 'It works (see Fig. 3).'],
    ['Code at https://github.com/a/b.git and more. Next.', 'Code at https://github.com/a/b.git and more.'],
    ['He said "it works." Then left.', 'He said "it works."'],
    ['lower case after a dot. is not a boundary', 'lower case after a dot. is not a boundary'],
  ])('%s', (abstract, expected) => {
    expect(firstSentence(abstract)).toBe(expected);
  });

  it('never cuts inside math', () => {
    expect(firstSentence('We reach $O(n. \\log n)$ cost. Next.')).toBe('We reach $O(n. \\log n)$ cost.');
    expect(firstSentence('Costs $x. Y$ and more. Next.')).toBe('Costs $x. Y$ and more.');
    expect(firstSentence('PixArt-$\\alpha$ is fast. $\\beta$ is next.')).toBe('PixArt-$\\alpha$ is fast.');
    expect(firstSentence('A literal \\$5. Price. Next.')).toBe('A literal \\$5.');
  });

  it('handles a seed abstract with "i.e." and "e.g." mid-sentence', () => {
    const abstract =
      'Specifically, based on the tokens within each default window, VSA employs a window regression module to predict the size and location of the target window, i.e., the attention area where the key and value tokens are sampled. By adopting VSA independently for each attention head, it can model long-term dependencies.';
    expect(firstSentence(abstract)).toMatch(/are sampled\.$/);
  });

  it('clips a sentence-less text at a word boundary outside math', () => {
    const long = `${'word '.repeat(60)}$a + b + c + d + e$ ${'tail '.repeat(40)}`;
    const out = firstSentence(long, 310);
    expect(out.endsWith('…')).toBe(true);
    expect(out.length).toBeLessThanOrEqual(311);
    expect((out.match(/\$/g) ?? []).length % 2).toBe(0);
  });

  it('returns a prefix of the text with balanced math (property)', () => {
    const word = fc.constantFrom('We', 'model', 'e.g.', 'i.e.', 'et al.', '3.5', 'Next.', 'It?', '$x. Y$', '$\\alpha$', 'A.', '\\$2.');
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 40 }), (words) => {
        const text = words.join(' ');
        const out = firstSentence(text, 10_000);
        expect(text.startsWith(out)).toBe(true);
        const dollars = out.replace(/\\\$/g, '').match(/\$/g) ?? [];
        expect(dollars.length % 2).toBe(0);
      }),
    );
  });
});
