/**
 * src/io/related-cache.ts (issue 17): related papers are computed again exactly when a title, an
 * abstract, a paper or an option changed, and a cached result is the computed one.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { relatedDocuments, type RelatedDocument, type RelatedOptions } from '../../src/core/related/index.ts';
import { cachedRelatedDocuments } from '../../src/io/related-cache.ts';

const work = mkdtempSync(join(tmpdir(), 'lectern-related-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const docs: RelatedDocument[] = [
  { id: 'mamba', title: 'Mamba: linear-time sequence modeling with selective state spaces', abstract: 'Selective state space models scale linearly in sequence length.' },
  { id: 'mamba-2', title: 'Transformers are SSMs', abstract: 'State space duality connects selective state space models and attention.' },
  { id: 'flash', title: 'FlashAttention: fast and memory-efficient exact attention', abstract: 'IO-aware attention kernels cut memory traffic of exact attention.' },
  { id: 'flash-2', title: 'FlashAttention-2', abstract: 'Better parallelism and work partitioning for IO-aware exact attention kernels.' },
];

/** relatedDocuments, counting its calls. */
function counting() {
  const calls = { n: 0 };
  const compute = (documents: readonly RelatedDocument[], options?: RelatedOptions) => {
    calls.n += 1;
    return relatedDocuments(documents, options);
  };
  return { calls, compute };
}

describe('cachedRelatedDocuments', () => {
  it('computes once, then answers the same inputs from the file with the computed lists', () => {
    const file = join(work, 'same.json');
    const { calls, compute } = counting();
    const first = cachedRelatedDocuments(file, docs, { k: 2 }, compute);
    const again = cachedRelatedDocuments(file, docs, { k: 2 }, compute);
    expect(calls.n).toBe(1);
    expect(again).toEqual(first);
    expect(first).toEqual(relatedDocuments(docs, { k: 2 }));
    expect(first.get('flash')?.[0]?.id).toBe('flash-2');
  });

  it('computes again when an abstract, a title, a paper or an option changed, or the file is unreadable', () => {
    const file = join(work, 'changes.json');
    const { calls, compute } = counting();
    cachedRelatedDocuments(file, docs, { k: 2 }, compute);
    const edited = docs.map((doc) => (doc.id === 'mamba' ? { ...doc, abstract: `${doc.abstract} Hardware-aware scan.` } : doc));
    expect(cachedRelatedDocuments(file, edited, { k: 2 }, compute)).toEqual(relatedDocuments(edited, { k: 2 }));
    const retitled = edited.map((doc) => (doc.id === 'flash' ? { ...doc, title: 'FlashAttention' } : doc));
    cachedRelatedDocuments(file, retitled, { k: 2 }, compute);
    cachedRelatedDocuments(file, retitled.slice(1), { k: 2 }, compute);
    cachedRelatedDocuments(file, retitled.slice(1), { k: 3 }, compute);
    expect(calls.n).toBe(5);
    writeFileSync(file, '{"key": "');
    expect(cachedRelatedDocuments(file, retitled.slice(1), { k: 3 }, compute)).toEqual(relatedDocuments(retitled.slice(1), { k: 3 }));
    expect(calls.n).toBe(6);
  });
});
