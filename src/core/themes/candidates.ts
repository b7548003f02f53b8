/**
 * Candidate themes for curators: phrases that recur among papers without a theme ("vision
 * transformer" in 14 of them), with their counts and example titles. `npm run themes -- report`
 * prints them; a curator adopts one by adding a theme to themes.yaml. Nothing is changed here.
 *
 * A phrase is 2-3 words of a title or abstract, or a word of a title, that neither starts nor
 * ends with a common word or generic research prose ("propose", "results"). Counted once per paper; a shorter
 * phrase is left out when a longer one containing it covers nearly the same papers, and so is a
 * phrase that is just as frequent among the themed papers (it names nothing new).
 */

export interface CandidatePaper {
  title: string;
  abstract: string;
}

export interface CandidateTheme {
  phrase: string;
  /** Unthemed papers that use the phrase. */
  papers: number;
  /** Up to three of their titles. */
  examples: string[];
}

/** Words that cannot start or end a phrase. */
const STOP = new Set(
  `a an the and or but nor of in on at to for from by with without into onto over under via per as than then that this these those
  is are was were be been being has have had do does did can could may might must shall should will would it its we our us they their
  them he she his her you your i not no yet also both either each every all any some such more most less least many much few very
  which who whom whose what when where why how while whereas if so thus hence however moreover furthermore therefore although though
  up out about across after against along among around before behind below between beyond during inside near off since through toward
  towards upon within one two three first second new novel using based use used show shows shown well only other same further`.split(/\s+/),
);

/** Words of research prose that name no topic. */
const GENERIC = new Set(
  `propose proposed proposes present presents presented introduce introduces introduced approach approaches method methods model models
  framework frameworks paper papers work works result results experiment experiments experimental performance task tasks data dataset
  datasets state art existing previous prior significant significantly extensive demonstrate demonstrates achieve achieves achieved
  outperform outperforms improve improves improved improvement improvements effective effectively efficient efficiency various different
  code available github com https http www large small high low better best strong stronger key main compared compare comparison
  across benchmark benchmarks evaluation evaluate evaluated study studies analysis problem problems challenge challenges number
  while significantly address addresses leverage leverages enables enable allowing allows shows finally specifically recent recently
  et al original standard typically often important various capability capabilities level time times way ways terms real world`.split(/\s+/),
);

const isWord = (word: string) => /^[a-z][a-z0-9]*$/.test(word) && word.length > 1;

/**
 * The distinct phrases of a paper that may name a topic: 2-3 word phrases of its title and
 * abstract, and single words of its title only (single abstract words are mostly prose).
 */
export function paperPhrases(paper: CandidatePaper): Set<string> {
  const phrases = topicPhrases(paper.abstract, 2);
  for (const phrase of topicPhrases(paper.title, 1)) phrases.add(phrase);
  return phrases;
}

/** The distinct phrases of `minWords`-3 words of a text that may name a topic. */
export function topicPhrases(text: string, minWords = 1): Set<string> {
  const phrases = new Set<string>();
  // Sentences and clauses break phrases; hyphens join words as spaces ("mixture-of-experts").
  for (const clause of text.toLowerCase().split(/[.,;:!?()[\]{}"“”]+/)) {
    const words = clause.replace(/[-‐‑–/_]+/g, ' ').split(/\s+/).filter(Boolean);
    for (let start = 0; start < words.length; start += 1) {
      for (let length = 1; length <= 3 && start + length <= words.length; length += 1) {
        const span = words.slice(start, start + length);
        if (!span.every(isWord)) break;
        if (length < minWords) continue;
        const [first, last] = [span[0]!, span.at(-1)!];
        if (STOP.has(first) || STOP.has(last) || GENERIC.has(first) || GENERIC.has(last)) continue;
        phrases.add(span.join(' '));
      }
    }
  }
  return phrases;
}

/**
 * Phrases recurring among `unthemed` (at least `minPapers` of them), most papers first. `themed`
 * holds the other papers: a phrase relatively as common there is not a new theme.
 */
export function candidateThemes(
  unthemed: readonly CandidatePaper[],
  themed: readonly CandidatePaper[],
  { minPapers = 3, limit = 12 }: { minPapers?: number; limit?: number } = {},
): CandidateTheme[] {
  const users = new Map<string, number[]>();
  unthemed.forEach((paper, index) => {
    for (const phrase of paperPhrases(paper)) {
      const list = users.get(phrase);
      if (list) list.push(index);
      else users.set(phrase, [index]);
    }
  });
  const themedCount = new Map<string, number>();
  for (const paper of themed) {
    for (const phrase of paperPhrases(paper)) {
      if (users.has(phrase)) themedCount.set(phrase, (themedCount.get(phrase) ?? 0) + 1);
    }
  }
  const share = (count: number, total: number) => (total === 0 ? 0 : count / total);
  const frequent = [...users].filter(
    ([phrase, papers]) => papers.length >= minPapers && share(papers.length, unthemed.length) > 1.5 * share(themedCount.get(phrase) ?? 0, themed.length),
  );
  // Longest phrases first, so each shorter one can check for a longer one covering it.
  frequent.sort(([a], [b]) => b.split(' ').length - a.split(' ').length);
  const kept: [string, number[]][] = [];
  for (const [phrase, papers] of frequent) {
    const covered = kept.some(([longer, theirs]) => ` ${longer} `.includes(` ${phrase} `) && theirs.length >= 0.75 * papers.length);
    if (!covered) kept.push([phrase, papers]);
  }
  return kept
    .sort(([a, x], [b, y]) => y.length - x.length || b.split(' ').length - a.split(' ').length || a.localeCompare(b))
    .slice(0, limit)
    .map(([phrase, papers]) => ({ phrase, papers: papers.length, examples: papers.slice(0, 3).map((i) => unthemed[i]!.title) }));
}
