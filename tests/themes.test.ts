/**
 * The taxonomy loader and the classifier: hard cases from DESIGN.md §2, evidence, a fifth theme
 * added by editing the YAML alone, and line-numbered errors for a broken taxonomy file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createClassifier,
  normalizeForMatching,
  parseTaxonomy,
  themeList,
  type Taxonomy,
} from '../src/core/themes/index.ts';

const TAXONOMY_TEXT = readFileSync(join(import.meta.dirname, '../content/themes.yaml'), 'utf8');

function load(text: string): Taxonomy {
  const result = parseTaxonomy(text, 'themes.yaml');
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics, null, 2));
  return result.taxonomy;
}

const classifier = createClassifier(load(TAXONOMY_TEXT));
const themesOf = classifier.themesOf;

describe('hard cases from the theme definitions', () => {
  it('a Mamba quantization paper is [quantization, ssm]', () => {
    expect(
      themesOf({
        title: 'Low-Bit Mamba: Post-Training Quantization of Selective State Space Models',
        abstract:
          'Selective state space models such as Mamba match Transformers on language modeling with linear-time inference. ' +
          'Deploying them on edge devices calls for lower precision, yet we find that the selective scan amplifies activation outliers. ' +
          'We propose a post-training recipe that rotates activations and quantizes weights to 4 bits and activations to 8 bits. ' +
          'On Mamba-2.8B it keeps zero-shot accuracy within one point of FP16 while cutting memory by 3.5x.',
      }),
    ).toEqual(['quantization', 'ssm']);
  });

  it('an MoE built of SSM layers is [moe, ssm]', () => {
    expect(
      themesOf({
        title: 'BlackMamba-style Sparse Experts: Scaling State Space Language Models',
        abstract:
          'We interleave Mamba blocks with mixture-of-experts feed-forward layers in which a learned router sends each token to the top-2 of 16 experts. ' +
          'A load balancing loss keeps experts busy. The resulting model trains faster than a dense Mamba of equal compute and keeps linear-time generation.',
      }),
    ).toEqual(['moe', 'ssm']);
  });

  it('a paper that only mentions attention in passing gets no theme', () => {
    expect(
      themesOf({
        title: 'Photorealistic Text-to-Image Synthesis with a Diffusion Transformer',
        abstract:
          'We train a latent diffusion model whose denoiser is a Transformer. Text conditions are injected through cross-attention, ' +
          'and self-attention layers model the dependencies between image patches. A curated data pipeline with dense captions ' +
          'improves text-image alignment, and the model reaches an FID of 7.3 on COCO with a tenth of the usual training budget.',
      }),
    ).toEqual([]);
  });

  it('a survey is labeled by what it surveys', () => {
    expect(
      themesOf({
        title: 'Efficient Large Language Model Inference: A Survey',
        abstract:
          'Large language models are expensive to serve. We survey techniques such as weight and activation quantization, ' +
          'KV cache compression and eviction, sparse attention and speculative decoding, and organise them into a taxonomy.',
      }),
    ).toEqual(['efficient-attention', 'quantization']);
    expect(
      themesOf({
        title: 'A Survey of Vision Transformers for Medical Imaging',
        abstract:
          'Transformers, built on the attention mechanism, have spread to medical imaging. We review applications in segmentation, ' +
          'classification and registration, and discuss datasets and open problems.',
      }),
    ).toEqual([]);
  });

  it('a classic LSTM application is not ssm', () => {
    expect(
      themesOf({
        title: 'Forecasting Urban Traffic Flow with Stacked LSTM Networks',
        abstract:
          'We predict traffic flow at 200 sensors with a stacked LSTM and a GRU baseline trained on two years of data. ' +
          'Recurrent neural networks capture daily periodicity, and the model lowers the error by 12% over ARIMA.',
      }),
    ).toEqual([]);
  });

  it('pruning and distillation alone are not quantization; vector quantization is not either', () => {
    expect(
      themesOf({
        title: 'Structured Pruning and Distillation of Language Models',
        abstract:
          'We remove 50% of attention heads and MLP channels and recover accuracy with knowledge distillation from the dense teacher. ' +
          'The pruned model runs 2x faster with a 1-point accuracy loss.',
      }),
    ).toEqual([]);
    expect(
      themesOf({
        title: 'Image Tokenizers with Vector Quantization',
        abstract:
          'We learn a discrete image tokenizer by vector quantization with a codebook of 16k entries and product quantization of the residual.',
      }),
    ).toEqual([]);
  });

  it('look-alike names do not count: GQA the benchmark, "best performer", LRU caches, human experts', () => {
    expect(
      themesOf({
        title: 'Instruction Tuning a Vision-Language Model on Synthetic Charts',
        abstract:
          'We fine-tune a vision-language model on two million synthetic chart questions. It is the best performer on ChartQA ' +
          'and improves on VQAv2, GQA and TextVQA, with experts judging its answers more faithful.',
      }),
    ).toEqual([]);
    expect(
      themesOf({
        title: 'Learned Eviction for the KV Cache',
        abstract: 'Instead of an LRU eviction policy we learn which KV cache entries to evict, cutting KV cache memory by 4x.',
      }),
    ).toEqual(['efficient-attention']);
  });

  it('title evidence weighs more than the same words in the abstract', () => {
    const inTitle = classifier.classify({ title: 'Grouped-Query Attention for Faster Decoding', abstract: 'We study decoding.' });
    const inAbstract = classifier.classify({ title: 'Faster Decoding', abstract: 'We study grouped-query attention for decoding.' });
    const score = (c: typeof inTitle) => c.scores.find((s) => s.slug === 'efficient-attention')!.score;
    expect(score(inTitle)).toBeGreaterThan(score(inAbstract));
    expect(score(inTitle)).toBe(3 * score(inAbstract));
  });

  it('a mention in passing counts less than a claim', () => {
    const claim = classifier.classify({ title: 'X', abstract: 'We quantize the weights of the model.' });
    const passing = classifier.classify({ title: 'X', abstract: 'Our method is orthogonal to quantization of the model.' });
    const q = (c: typeof claim) => c.scores.find((s) => s.slug === 'quantization')!;
    expect(q(claim).assigned).toBe(true);
    expect(q(passing).assigned).toBe(false);
    expect(q(passing).evidence[0]).toMatchObject({ matched: 'quantization', passing: true });
    // "e.g." does not end the sentence, so it still marks what follows as a mention in passing.
    const eg = classifier.classify({ title: 'X', abstract: 'Compression methods (e.g. quantization) lose accuracy. We fix it.' });
    expect(q(eg).evidence[0]).toMatchObject({ passing: true });
    // A real sentence end does: the cue of the previous sentence does not reach this one.
    const next = classifier.classify({ title: 'X', abstract: 'Unlike prior work. Quantization of all weights to 4 bits.' });
    expect(q(next).evidence.every((e) => !e.passing)).toBe(true);
  });

  it('records evidence, score and margin for every theme', () => {
    const result = classifier.classify({
      title: 'FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness',
      abstract: 'An IO-aware exact attention algorithm that uses tiling to reduce memory reads and writes.',
    });
    expect(result.themes).toEqual(['efficient-attention']);
    expect(result.scores.map((s) => s.slug)).toEqual(['efficient-attention', 'quantization', 'moe', 'ssm']);
    const ea = result.scores[0]!;
    expect(ea.margin).toBe(ea.score - ea.threshold);
    expect(ea.evidence.some((e) => e.field === 'title' && e.matched === 'flashattention')).toBe(true);
    expect(ea.evidence.reduce((sum, e) => sum + e.points, 0)).toBeCloseTo(ea.score);
    const q = result.scores[1]!;
    expect(q).toMatchObject({ score: 0, assigned: false, evidence: [] });
  });
});

describe('the taxonomy file', () => {
  it('lists the four themes for the site, in file order', () => {
    const list = themeList(load(TAXONOMY_TEXT));
    expect(list.map((t) => t.slug)).toEqual(['efficient-attention', 'quantization', 'moe', 'ssm']);
    for (const t of list) {
      expect(t.name.length).toBeGreaterThan(0);
      // A one-line summary for readers (cards) and the criteria for the theme page.
      expect(t.summary.length).toBeGreaterThan(20);
      expect(t.summary.length).toBeLessThanOrEqual(110);
      expect(t.summary).not.toMatch(/\n/);
      expect(t.criteria.length).toBeGreaterThan(80);
      expect(Object.keys(t).sort()).toEqual(['criteria', 'name', 'slug', 'summary']);
    }
  });

  it('a theme written with the older single `description` reads it as criteria, its first sentence as summary', () => {
    const text = 'themes:\n  - slug: x\n    name: X\n    description: >\n      Retrieval first. Papers that merely cite a\n      retriever do not.\n    threshold: 1\n    evidence: [{ weight: 1, phrases: [x] }]\n';
    expect(themeList(load(text))).toEqual([{ slug: 'x', name: 'X', summary: 'Retrieval first.', criteria: 'Retrieval first. Papers that merely cite a retriever do not.' }]);
  });

  it('a fifth theme is added by editing the YAML alone', () => {
    const retrieval = `
  - slug: retrieval
    name: Retrieval
    description: >
      Retrieval-augmented models: a retriever finds passages that condition the generator.
    threshold: 4
    evidence:
      - weight: 4
        phrases:
          - retrieval augmented|rag
          - (?:dense|sparse) retriev\\w*
      - weight: 1
        phrases:
          - retriev\\w*
`;
    const taxonomy = load(TAXONOMY_TEXT.trimEnd() + '\n' + retrieval);
    expect(themeList(taxonomy).map((t) => t.slug)).toEqual(['efficient-attention', 'quantization', 'moe', 'ssm', 'retrieval']);
    const { themesOf: withRetrieval } = createClassifier(taxonomy);
    expect(
      withRetrieval({
        title: 'Retrieval-Augmented Generation with Quantized Readers',
        abstract: 'A dense retriever selects passages for an INT4 quantized reader model.',
      }),
    ).toEqual(['quantization', 'retrieval']);
    expect(withRetrieval({ title: 'Mamba', abstract: 'A selective state space model.' })).toEqual(['ssm']);
  });

  it('reports a YAML syntax error with its line', () => {
    const result = parseTaxonomy('title_weight: 3\nthemes:\n  - slug: a\n   name: [unclosed\n', 'themes.yaml');
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]).toMatchObject({ severity: 'error', file: 'themes.yaml' });
    expect(result.diagnostics[0]!.line).toBeGreaterThanOrEqual(3);
  });

  it('reports a bad field at the line of that field', () => {
    const text = TAXONOMY_TEXT.replace('          - flash ?attention', '          - flash (attention');
    const line = text.split('\n').findIndex((l) => l.includes('flash (attention')) + 1;
    const result = parseTaxonomy(text, 'content/themes.yaml');
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ file: 'content/themes.yaml', line });
    expect(result.diagnostics[0]!.message).toMatch(/regular expression/);
  });

  it('explains an unquoted phrase that YAML read as a mapping', () => {
    const text = 'themes:\n  - slug: x\n    name: X\n    description: d\n    threshold: 1\n    evidence:\n      - weight: 1\n        phrases:\n          - (?: foo)\n';
    const result = parseTaxonomy(text, 'themes.yaml');
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]).toMatchObject({ line: 9 });
    expect(result.diagnostics[0]!.message).toMatch(/put it in quotes/);
  });

  it('rejects a duplicate slug at the line of the second one', () => {
    const theme = (name: string) =>
      `  - slug: moe\n    name: ${name}\n    description: x\n    threshold: 4\n    evidence: [{ weight: 1, phrases: [moe] }]\n`;
    const result = parseTaxonomy(`themes:\n${theme('MoE')}${theme('Again')}`, 'themes.yaml');
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => `${d.line}: ${d.message}`)).toEqual([
      '7: themes.1.slug: duplicate theme slug "moe"',
    ]);
  });

  it('names a missing field and a misspelt key, at the line of their theme', () => {
    const text = `themes:
  - slug: moe
    name: MoE
    description: x
    evidence: [{ weight: 1, phrases: [moe] }]
    treshold: 3
`;
    const result = parseTaxonomy(text, 'themes.yaml');
    expect(result.ok).toBe(false);
    const messages = result.diagnostics.map((d) => `${d.line}: ${d.message}`);
    expect(messages).toHaveLength(2);
    expect(messages.find((m) => m.includes('themes.0.threshold'))).toMatch(/^2: /);
    expect(messages.find((m) => m.includes('treshold'))).toMatch(/^2: /);
  });

  it('rejects a file without a themes list', () => {
    const result = parseTaxonomy('title_weight: 2\n', 'themes.yaml');
    expect(result).toMatchObject({ ok: false, diagnostics: [{ line: 1 }] });
  });
});

describe('properties', () => {
  it('the classifier never throws, is deterministic and only returns known slugs', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ maxLength: 2000 }), (title, abstract) => {
        const a = classifier.classify({ title, abstract });
        const b = classifier.classify({ title, abstract });
        expect(a).toEqual(b);
        for (const t of a.themes) expect(['efficient-attention', 'quantization', 'moe', 'ssm']).toContain(t);
      }),
    );
  });

  it('matching text normalisation is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const once = normalizeForMatching(s);
        expect(normalizeForMatching(once)).toBe(once);
      }),
    );
  });
});
