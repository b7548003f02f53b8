/**
 * How closely a query matches a paper's title, to put an exact or near-exact title match first.
 *
 * Pagefind ranks by words across the page and only knows a result's title once its fragment is
 * loaded, so it can rank "FlashAttention-2: ..." above "FlashAttention: ..." for "flashattention".
 * The search page loads the first results' fragments anyway (to show them); it then orders them by
 * this score, keeping Pagefind's order among equals.
 */

/** Words of a text for comparison: lower case, letters and digits only, no plural "s". */
export function titleWords(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[\u0300-\u036f]/g, '')
      .match(/[\p{L}\p{N}]+/gu)
      ?.map((word) => (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word)) ?? []
  );
}

const startsWith = (words: string[], prefix: string[]) => prefix.every((word, i) => words[i] === word);

/**
 * 3: the query is the title, or the title's name before its colon or dash ("Mamba" in "Mamba:
 * Linear-Time ..."); 2: the title starts with the query; 1: every query word is in the title;
 * 0: otherwise. Both sides compare by `titleWords`, so "llm.int8" matches "LLM.int8():"; a
 * query or name compares with its spaces removed too, so "flash attention" is "FlashAttention".
 */
export function titleMatchScore(query: string, title: string): number {
  const q = titleWords(query);
  if (q.length === 0) return 0;
  const t = titleWords(title);
  const name = titleWords(title.split(/:\s|\s[–—-]\s/)[0] ?? '');
  const same = (a: string[]) => a.join('') === q.join('');
  if (same(t) || same(name)) return 3;
  if (startsWith(t, q)) return 2;
  const titleSet = new Set(t);
  return q.every((word) => titleSet.has(word)) ? 1 : 0;
}

/** `items` ordered by title match score, highest first; equal scores keep their order. */
export function orderByTitleMatch<T>(query: string, items: readonly T[], titleOf: (item: T) => string): T[] {
  return items
    .map((item, index) => ({ item, index, score: titleMatchScore(query, titleOf(item)) }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map(({ item }) => item);
}
