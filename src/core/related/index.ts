/**
 * Related papers by TF-IDF cosine similarity of title and abstract.
 *
 * Computed once per build for all papers. Memory is O(total terms + N * k): sparse,
 * L2-normalised document vectors, an inverted index (term -> documents that contain it) and the
 * k best neighbours per paper; never an N x N matrix. Each paper is compared only with papers
 * that share one of its strongest terms (its `queryTerms` highest-weighted terms), through the
 * inverted index, with one reused score array, so the work is at most N * queryTerms *
 * maxPostings, linear in N. Terms in more than `maxDocumentFrequency` of the papers ("model",
 * "performance") carry almost no weight and are not indexed at all.
 */

export interface RelatedOptions {
  /** Neighbours per paper (default 5). */
  k?: number;
  /** Smallest cosine similarity worth showing (default 0.05). */
  minScore?: number;
  /** Title terms count this many times (default 2): a title says what a paper is about. */
  titleWeight?: number;
  /** Highest-weighted terms of a paper used to look for neighbours (default 40). */
  queryTerms?: number;
  /** Terms in more than this share of the documents are ignored (default 0.5). */
  maxDocumentFrequency?: number;
  /**
   * Neighbours are looked up only through terms in at most this many documents (default 1,000).
   * Such terms still count in the similarity of papers found through rarer terms. This bounds the
   * work per paper, so the whole computation grows linearly with N instead of quadratically.
   */
  maxPostings?: number;
}

export interface RelatedDocument {
  readonly id: string;
  /** Plain text (math as readable text). */
  readonly title: string;
  readonly abstract: string;
}

export interface Neighbour {
  readonly id: string;
  /** Cosine similarity in (0, 1]. */
  readonly score: number;
}

/** Function words and the boilerplate of ML abstracts; they say nothing about the topic. */
const STOPWORDS = new Set(
  (
    'a about above after again against all also although am an and any are as at be because been before being ' +
    'below between both but by can could did do does doing down during each either few for from further had has ' +
    'have having he her here hers him his how however i if in into is it its itself just less many may me more ' +
    'most much must my no nor not now of off on once one only or other our ours out over own per same she should ' +
    'since so some such than that the their theirs them then there these they this those through thus to too ' +
    'two under until up upon us use used uses using very via was we well were what when where whether which ' +
    'while who whom why will with within without would yet you your ' +
    'paper propose proposed proposes present presents introduce introduces show shows shown demonstrate ' +
    'demonstrates approach approaches method methods results result achieve achieves achieved based new novel ' +
    'existing work works code available https http www com github io org'
  ).split(' '),
);

/**
 * Terms of a text: lower-case words (accents folded, light plural stemming, stopwords and bare
 * numbers dropped), and the parts of camel-case names as well as the name ("MambaMixer" gives
 * mambamixer, mamba, mixer).
 */
export function tokenize(text: string): string[] {
  const folded = /[^\x00-\x7f]/.test(text) ? text.normalize('NFKD').replace(/\p{M}+/gu, '') : text;
  const words: string[] = [];
  const add = (part: string) => {
    const word = stem(part.toLowerCase());
    if (word.length >= 2 && !STOPWORDS.has(word) && !/^\d+$/.test(word)) words.push(word);
  };
  for (const match of folded.matchAll(/[\p{L}\p{N}]+/gu)) {
    const raw = match[0];
    add(raw);
    // Only names with an inner capital are split (cheap test first: most words have none).
    if (/\p{Lu}/u.test(raw.slice(1))) {
      const parts = raw.split(/(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u);
      if (parts.length > 1) for (const part of parts) add(part);
    }
  }
  return words;
}

/** A light plural stem so "experts"/"expert" and "models"/"model" meet; no full stemmer needed. */
function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

interface SparseVector {
  terms: Int32Array;
  weights: Float64Array;
}

/**
 * The `k` most similar documents of every document, best first (ties by id), keyed by id.
 * Deterministic: the same documents in any order give the same lists.
 */
export function relatedDocuments(documents: readonly RelatedDocument[], options: RelatedOptions = {}): Map<string, Neighbour[]> {
  const { k = 5, minScore = 0.05, titleWeight = 2, queryTerms = 40, maxDocumentFrequency = 0.5, maxPostings = 1000 } = options;
  const docs = [...documents].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const n = docs.length;
  const vocabulary = new Map<string, number>();
  const documentFrequency: number[] = [];

  // Term counts per document.
  const counts = docs.map((doc) => {
    const tf = new Map<number, number>();
    const add = (text: string, weight: number) => {
      for (const token of tokenize(text)) {
        let term = vocabulary.get(token);
        if (term === undefined) {
          term = vocabulary.size;
          vocabulary.set(token, term);
          documentFrequency.push(0);
        }
        tf.set(term, (tf.get(term) ?? 0) + weight);
      }
    };
    add(doc.title, titleWeight);
    add(doc.abstract, 1);
    for (const term of tf.keys()) documentFrequency[term]! += 1;
    return tf;
  });

  // Sublinear tf * smoothed idf, L2-normalised; frequent and unique terms dropped.
  const maxDf = Math.max(2, Math.floor(maxDocumentFrequency * n));
  const vectors: SparseVector[] = counts.map((tf) => {
    const entries: Array<[number, number]> = [];
    for (const [term, count] of tf) {
      const df = documentFrequency[term]!;
      if (df < 2 || df > maxDf) continue; // a term no other paper has cannot relate two papers
      entries.push([term, (1 + Math.log(count)) * Math.log((1 + n) / (1 + df))]);
    }
    let squares = 0;
    for (const [, w] of entries) squares += w * w;
    const norm = Math.sqrt(squares) || 1;
    entries.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    return {
      terms: Int32Array.from(entries, ([t]) => t),
      weights: Float64Array.from(entries, ([, w]) => w / norm),
    };
  });

  // Inverted index: term -> (document, weight) postings.
  const postingDocs: number[][] = Array.from({ length: vocabulary.size }, () => []);
  const postingWeights: number[][] = Array.from({ length: vocabulary.size }, () => []);
  vectors.forEach((vector, doc) => {
    for (let i = 0; i < vector.terms.length; i++) {
      postingDocs[vector.terms[i]!]!.push(doc);
      postingWeights[vector.terms[i]!]!.push(vector.weights[i]!);
    }
  });

  const scores = new Float64Array(n);
  const touched: number[] = [];
  const result = new Map<string, Neighbour[]>();
  vectors.forEach((vector, doc) => {
    let used = 0;
    for (let i = 0; i < vector.terms.length && used < queryTerms; i++) {
      const term = vector.terms[i]!;
      const weight = vector.weights[i]!;
      const docsWithTerm = postingDocs[term]!;
      if (docsWithTerm.length > maxPostings) continue;
      used += 1;
      const weights = postingWeights[term]!;
      for (let j = 0; j < docsWithTerm.length; j++) {
        const other = docsWithTerm[j]!;
        if (other === doc) continue;
        if (scores[other] === 0) touched.push(other);
        scores[other]! += weight * weights[j]!;
      }
    }
    // Keep the k best in a small sorted array (k is tiny).
    const best: Array<{ doc: number; score: number }> = [];
    for (const other of touched) {
      const score = scores[other]!;
      scores[other] = 0;
      if (score < minScore) continue;
      if (best.length === k && !better(score, other, best[k - 1]!)) continue;
      let at = best.length;
      while (at > 0 && better(score, other, best[at - 1]!)) at--;
      best.splice(at, 0, { doc: other, score });
      if (best.length > k) best.pop();
    }
    touched.length = 0;
    result.set(
      docs[doc]!.id,
      best.map(({ doc: other, score }) => ({ id: docs[other]!.id, score: Math.min(1, score) })),
    );
  });
  return result;
}

/**
 * What the neighbours computed here depend on besides the documents and options: the code and
 * the stopwords. A cache of `relatedDocuments` results (src/io/related-cache.ts) keys on it, so
 * an edit to any function listed here makes every cached result stale; a helper added to the
 * computation must be listed too.
 */
export const RELATED_CODE: readonly string[] = [relatedDocuments, tokenize, stem, better].map(String).concat([...STOPWORDS].join(' '));

/** Higher score first; equal scores by lower index (ids are sorted) so results are deterministic. */
function better(score: number, doc: number, than: { doc: number; score: number }): boolean {
  return score > than.score || (score === than.score && doc < than.doc);
}
