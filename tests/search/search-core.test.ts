/** Acronym aliases and title matching (src/core/search), on seed titles and abstracts. */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { acronymAliases } from '../../src/core/search/acronyms.ts';
import { orderByTitleMatch, titleMatchScore } from '../../src/core/search/title-match.ts';

describe('acronymAliases', () => {
  test.each([
    ['Sparse MoE as the New Dropout: Scaling Dense and Self-Slimmable Transformers', 'mixture of experts'],
    ['Emergent Mixture-of-Experts: Can Dense Pre-trained Transformers Benefit from Emergent Modular Structures?', 'MoE'],
    ['MemMamba: Rethinking Memory Patterns in State Space Model', 'SSM'],
    ['Mamba: Linear-Time Sequence Modeling with Selective State Spaces', 'SSM'],
    ['Characterizing State Space Model (SSM) and SSM-Transformer Hybrid Language Model Performance', ''],
    ['Quamba: A Post-Training Quantization Recipe for Selective State Space Models', 'SSM PTQ'],
    ['Structured SSMs and KV caches', 'state space key value'],
    ['FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness', ''],
    ['Model-based reinforcement learning', 'RL'],
    // A word that merely contains an acronym is not the acronym.
    ['MoDeGPT: Modular Decomposition', ''],
  ])('%s -> "%s"', (text, aliases) => {
    expect(acronymAliases(text)).toBe(aliases);
  });
});

describe('titleMatchScore', () => {
  test.each([
    ['flashattention', 'FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness', 3],
    ['flashattention', 'FlashAttention-2: Faster Attention with Better Parallelism and Work Partitioning', 2],
    ['flash attention', 'FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness', 3],
    ['flashattention-2', 'FlashAttention-2: Faster Attention with Better Parallelism and Work Partitioning', 3],
    ['mamba', 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces', 3],
    ['mamba', 'A Survey of Mamba', 1],
    ['llm.int8', 'LLM.int8(): 8-bit Matrix Multiplication for Transformers at Scale', 3],
    ['Music Transformer', 'Music Transformer', 3],
    ['transformer in transformer', 'Transformer in Transformer', 3],
    ['gated linear attention', 'Gated Linear Attention Transformers with Hardware-Efficient Training', 2],
    ['gated linear attention', 'ViG: Linear-complexity Visual Sequence Learning with Gated Linear Attention', 1],
    ['vpnext', 'VPNeXt – Rethinking Dense Decoding for Plain Vision Transformer', 3],
    ['kv cache', 'Stochastic KV Routing: Enabling Adaptive Depth-Wise Cache Sharing', 1],
    ['mixture of experts', 'Sparse MoE as the New Dropout', 0],
    ['', 'Anything', 0],
  ])('"%s" vs "%s" -> %i', (query, title, score) => {
    expect(titleMatchScore(query, title)).toBe(score);
  });

  test('a title matches itself exactly, whatever its punctuation and case', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }).filter((title) => /[\p{L}\p{N}]/u.test(title)), (title) => {
        expect(titleMatchScore(title.toUpperCase(), title)).toBe(3);
      }),
    );
  });
});

test('orderByTitleMatch puts the exact title first and keeps the search order among equals', () => {
  const results = ['FlashAttention-2: Faster Attention', 'The I/O Complexity of Attention, or How Optimal is Flash Attention?', 'FlashAttention: Fast and Memory-Efficient Exact Attention'];
  expect(orderByTitleMatch('flashattention', results, (title) => title)).toEqual([results[2], results[0], results[1]]);
  expect(orderByTitleMatch('unrelated words', results, (title) => title)).toEqual(results);
});
