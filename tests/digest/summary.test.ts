import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { contributionSentence, firstSentence, paperSummary, sentences, withoutLeadIn } from '../../src/core/digest/summary.ts';
import { parsePaperFile } from '../../src/core/papers/frontmatter.ts';

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
    ['It has led to ad-hoc R&D. We present X.', 'It has led to ad-hoc R&D.'],
    ['Written by J. Smith and others. Next.', 'Written by J. Smith and others.'],
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

describe('paperSummary', () => {
  it.each([
    ['Transformers have achieved remarkable success. In this paper, we propose X, a fast model. It is 2x faster.', 'We propose X, a fast model.'],
    ['Attention is slow. To address this, we introduce YaRN. Results follow.', 'We introduce YaRN.'],
    ['Sequence models matter. Mamba-2 is a state-space model with a dual form. It is fast.', 'Mamba-2 is a state-space model with a dual form.'],
    // A question is not the answer; "We resolve" is.
    ['Attention is costly. Is it optimal? We resolve the question by a lower bound.', 'We resolve the question by a lower bound.'],
    // Background that starts like a contribution is skipped.
    ['We are witnessing a boom in LLMs. We present Z.', 'We present Z.'],
    ['Nothing here says what the paper does. Still nothing.', 'Nothing here says what the paper does.'],
  ])('%s', (abstract, expected) => {
    expect(paperSummary(abstract)).toBe(expected);
  });

  it('drops a lead-in that only links to earlier sentences, keeping the rest as written', () => {
    expect(withoutLeadIn('To address these challenges, we propose $\\mathrm{X}$.')).toBe('We propose $\\mathrm{X}$.');
    expect(withoutLeadIn('Inspired by this, in this paper, we study X.')).toBe('Inspired by this, in this paper, we study X.');
    expect(withoutLeadIn('In this paper we propose X.')).toBe('In this paper we propose X.');
    expect(withoutLeadIn('Here, we show X.')).toBe('We show X.');
    expect(withoutLeadIn('To this end, PixArt is shown.')).toBe('To this end, PixArt is shown.');
    // A single linking word goes before anything but math; the sentence then starts with a capital.
    expect(withoutLeadIn('Therefore, we present ViT-CoMer.')).toBe('We present ViT-CoMer.');
    expect(withoutLeadIn('However, an analysis in this work shows Y.')).toBe('An analysis in this work shows Y.');
    expect(withoutLeadIn('However, $k$-means fails.')).toBe('However, $k$-means fails.');
    expect(withoutLeadIn('However, X fails.')).toBe('However, X fails.');
  });

  it('keeps what follows a lead-in as written (property)', () => {
    const lead = fc.constantFrom('However, ', 'Finally, ', 'In this survey, ', 'To address this, ', 'Secondly, ', '');
    const word = fc.constantFrom('we', 'We', 'an', '$x$', 'X', 'model', 'is', 'fast.');
    fc.assert(
      fc.property(lead, fc.array(word, { minLength: 1, maxLength: 8 }), (head, words) => {
        const sentence = head + words.join(' ');
        const result = withoutLeadIn(sentence);
        // Either unchanged, or the same sentence from some point on with its first letter capitalised.
        if (result === sentence) return;
        expect(sentence.toLowerCase().endsWith(result.toLowerCase())).toBe(true);
        expect(result.slice(1)).toBe(sentence.slice(sentence.length - result.length + 1));
        expect(result.charAt(0)).toBe(result.charAt(0).toUpperCase());
      }),
    );
  });

  it('tries a step of a list ("Second, …") only after every other sentence', () => {
    expect(paperSummary('Models are slow. We identify a weakness. Second, even though X breaks, we design Y.')).toBe('We identify a weakness.');
    expect(paperSummary('Models are slow. First, we design a model. Then it runs.')).toBe('We design a model.');
  });

  it.each([
    // Before: "Second, even though this change prevents the use of efficient convolutions, we design …"
    ['mamba-linear-time-sequence-modeling-with-selective-state', 'We identify that a key weakness of such models is their inability to perform content-based reasoning, and make several improvements.'],
    // Before: "Finally, we present an discussion of current limitations …"
    ['a-survey-of-mamba', 'We therefore conduct an in-depth investigation of recent Mamba-associated studies, covering from three main aspects: the advancements of Mamba-based models, the techniques of adapting Mamba to diverse data, and the applications where Mamba can excel.'],
  ])('seed paper %s: a sentence that stands on its own', (slug, expected) => {
    const file = parsePaperFile(readFileSync(new URL(`../../content/papers/${slug}.mdx`, import.meta.url), 'utf8'));
    if (!file.ok) throw new Error(file.message);
    expect(paperSummary(String(file.file.data.abstract), null, Number.POSITIVE_INFINITY)).toBe(expected);
  });

  it('uses the tldr a person wrote, whatever the abstract says', () => {
    expect(paperSummary('We propose X. It is fast.', '  Cuts KV memory by\n 4x with $O(n)$ cost. ')).toBe('Cuts KV memory by 4x with $O(n)$ cost.');
    expect(paperSummary('We propose X.', '')).toBe('We propose X.');
  });

  it('picks one of the abstract\'s sentences, math intact (property)', () => {
    const word = fc.constantFrom('We', 'propose', 'this paper', 'model', 'e.g.', '3.5', 'Next.', 'It?', '$x. Y$', '$\\alpha$', 'is a', 'X', 'show.');
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 40 }), (words) => {
        const text = words.join(' ');
        const chosen = contributionSentence(text);
        expect(sentences(text)).toContain(chosen);
        expect((chosen.replace(/\\\$/g, '').match(/\$/g) ?? []).length % 2).toBe(0);
      }),
    );
  });

  it('states the contribution for >= 90% of the W48 seed papers, as labelled by reading', () => {
    // tests/fixtures/digest/w48-summaries.json: each W48 paper's first sentence and chosen sentence, labelled by a reader.
    const fixture = JSON.parse(readFileSync(new URL('../fixtures/digest/w48-summaries.json', import.meta.url), 'utf8')) as {
      papers: { slug: string; first: { sentence: string; reads_as: string }; chosen: { sentence: string; reads_as: string } }[];
    };
    const labelled = fixture.papers;
    expect(labelled).toHaveLength(39);
    for (const paper of labelled) {
      const file = parsePaperFile(readFileSync(new URL(`../../content/papers/${paper.slug}.mdx`, import.meta.url), 'utf8'));
      if (!file.ok) throw new Error(file.message);
      const abstract = String(file.file.data.abstract);
      // The labels are of the sentences the code picks today: a change of choice needs a new reading.
      expect(firstSentence(abstract, Number.POSITIVE_INFINITY), paper.slug).toBe(paper.first.sentence);
      expect(contributionSentence(abstract), paper.slug).toBe(paper.chosen.sentence);
    }
    const share = (key: 'first' | 'chosen') => labelled.filter((paper) => paper[key].reads_as === 'contribution').length / labelled.length;
    expect(share('first')).toBeLessThan(0.1); // 3 of 39 before
    expect(share('chosen')).toBeGreaterThanOrEqual(0.9);
  });
});
