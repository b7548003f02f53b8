/**
 * The one-sentence summary of a paper: the first sentence of its clean abstract.
 *
 * Works on clean text (src/core/normalize contract): `$...$` is math and is never cut, `\$` is a
 * literal dollar. A sentence ends at `.`, `!` or `?` (plus closing quotes or brackets) followed by
 * white space and a character that can start a sentence, except after common abbreviations
 * ("e.g.", "i.e.", "et al.", "cf.", "Fig.", ...), single initials, and inside numbers ("3.5").
 */
import { joinMath, splitMath, type CleanSegment } from '../normalize/index.ts';

/** Abbreviations a sentence of an ML abstract does not end with (compared lower-case, without the final dot). */
const ABBREVIATIONS = new Set([
  'e.g', 'i.e', 'et al', 'al', 'etc', 'cf', 'vs', 'viz', 'a.k.a', 'aka', 'w.r.t', 'resp', 'approx',
  'fig', 'figs', 'eq', 'eqs', 'sec', 'secs', 'tab', 'no', 'nos', 'ref', 'refs', 'dr', 'mr', 'ms', 'prof',
  'st', 'jr', 'inc', 'ltd', 'co', 'corp', 'ca', 'u.s', 'e.t.c',
]);

/** Summaries longer than this are cut at a word boundary (outside math) and end in "…". */
export const SUMMARY_MAX_CHARS = 320;

const CLOSERS = `"'”’)]`;

/** Where the run of letters and dots that ends just before `text[index]` starts (`index` when there is none). */
function wordStart(text: string, index: number): number {
  let start = index;
  for (;;) {
    const before = text.codePointAt(start - 1);
    // A letter outside the basic plane is two UTF-16 units: look at the pair's first unit.
    const pair = start >= 2 ? text.codePointAt(start - 2) : undefined;
    if (pair !== undefined && pair > 0xffff && /\p{L}/u.test(String.fromCodePoint(pair))) start -= 2;
    else if (before !== undefined && start >= 1 && (before === 0x2e || /\p{L}/u.test(String.fromCodePoint(before)))) start -= 1;
    else return start;
  }
}

/** Whether a sentence ends at `text[index]` (a `.`, `!` or `?`) given the plain text around it. */
function endsSentence(text: string, index: number): number | null {
  let end = index + 1;
  while (end < text.length && CLOSERS.includes(text[end]!)) end += 1;
  const rest = text.slice(end);
  const next = /^\s+(\S)/u.exec(rest);
  if (!next) return null; // no white space after it: "3.5", "arXiv.org", or the end of this piece
  const starter = next[1]!;
  // A new sentence starts with a capital, a digit, math, or an opening quote/bracket.
  if (!/[\p{Lu}\p{N}$"'“‘(\[]/u.test(starter)) return null;
  if (text[index] === '.') {
    const word = text.slice(wordStart(text, index), index);
    const lower = word.toLowerCase();
    if (ABBREVIATIONS.has(lower)) return null;
    if (/^et\s+al$/i.test(text.slice(Math.max(0, index - 6), index).trim())) return null;
    const before = text[index - word.length - 1];
    // An initial ("J. Smith"), but not the end of "R&D." or "Q/A.".
    if (/^\p{Lu}$/u.test(word) && (before === undefined || /[\s(]/u.test(before))) return null;
  }
  return end;
}

/**
 * The first sentence of `text`, with its math intact. Returns the whole text when it has no
 * sentence boundary, cut at {@link SUMMARY_MAX_CHARS} on a word boundary outside math.
 * The result is clean text (math as `$...$`, literal dollars as `\$`).
 */
export function firstSentence(text: string, maxChars = SUMMARY_MAX_CHARS): string {
  const segments = splitMath(text.replace(/\s+/g, ' ').trim());
  for (const [k, segment] of segments.entries()) {
    if (segment.kind !== 'text') continue;
    const piece = segment.value;
    // What follows this piece matters too: the next sentence may start with math.
    const lookahead = piece + joinMath(segments.slice(k + 1, k + 2));
    for (let i = 0; i < piece.length; i += 1) {
      const ch = piece[i]!;
      if (ch !== '.' && ch !== '!' && ch !== '?') continue;
      const end = endsSentence(lookahead, i);
      if (end !== null) {
        const head = [...segments.slice(0, k), { kind: 'text' as const, value: piece.slice(0, Math.min(end, piece.length)) }];
        return clip(head, maxChars);
      }
    }
  }
  return clip(segments, maxChars);
}

/** Clean text cut at the last space before `maxChars` that is outside math, ending in "…" when cut. */
export function clipCleanText(clean: string, maxChars: number): string {
  return clip(splitMath(clean), maxChars);
}

/** Joins segments back into clean text, cut at the last space before `maxChars` that is outside math. */
function clip(segments: readonly CleanSegment[], maxChars: number): string {
  const whole = joinMath(segments).trim();
  if (whole.length <= maxChars) return whole;
  let best: CleanSegment[] | null = null;
  const kept: CleanSegment[] = [];
  let length = 0;
  for (const segment of segments) {
    if (length >= maxChars) break;
    if (segment.kind === 'text') {
      // Escaped dollars take two characters in clean text; count conservatively.
      const room = maxChars - length - (segment.value.split('$').length - 1);
      const space = segment.value.lastIndexOf(' ', room);
      if (space > 0 || (space === 0 && kept.length > 0)) best = [...kept, { kind: 'text', value: segment.value.slice(0, space) }];
    }
    kept.push(segment);
    length += joinMath([segment]).length;
  }
  if (!best) return whole;
  return `${joinMath(best).replace(/[\s,;:]+$/u, '')}…`;
}

/**
 * The sentences of `text` in order (each as {@link firstSentence} finds it, uncut), math intact.
 * One pass: finding one first sentence at a time went over the rest of the text again for each
 * sentence, most of the time a build spent on summaries.
 */
export function sentences(text: string): string[] {
  const segments = splitMath(text.replace(/\s+/g, ' ').trim());
  const out: string[] = [];
  let current: CleanSegment[] = [];
  for (const [k, segment] of segments.entries()) {
    if (segment.kind !== 'text') {
      current.push(segment);
      continue;
    }
    const piece = segment.value;
    // What follows this piece matters too: the next sentence may start with math.
    const lookahead = piece + joinMath(segments.slice(k + 1, k + 2));
    let start = 0;
    for (let i = 0; i < piece.length; i += 1) {
      const ch = piece[i]!;
      if (ch !== '.' && ch !== '!' && ch !== '?') continue;
      const end = endsSentence(lookahead, i);
      if (end === null) continue;
      const cut = Math.min(end, piece.length);
      current.push({ kind: 'text', value: piece.slice(start, cut) });
      out.push(joinMath(current).trim());
      current = [];
      start = cut;
      i = cut - 1;
    }
    if (start < piece.length) current.push({ kind: 'text', value: piece.slice(start) });
  }
  const last = joinMath(current).trim();
  if (last) out.push(last);
  return out;
}

/**
 * Openings that state what a paper contributes, strongest first. Abstracts usually open with
 * background ("Transformers have achieved remarkable success…") and state the contribution
 * later ("In this paper, we propose…", "We present X, a…", "X is a…").
 */
const CONTRIBUTION_CUES: readonly RegExp[] = [
  /\b(?:this|our) (?:paper|work|report|study|survey|review|article|note|technical report)\b/iu,
  /\bhere,? we\b/iu,
  /\bwe (?:\w+ly )?(?:propose|present|introduce|develop|design|devise|build|train|release|open-source|describe|formulate|derive|prove|resolve|offer|contribute|put forward)\b/iu,
  /^(?:to (?:address|tackle|bridge|overcome|solve|fill|mitigate|alleviate)[^,]*, )?we (?:\w+ly )?(?:show|find|demonstrate|study|investigate|explore|analy[sz]e|examine|identify|revisit|establish|reveal|observe|provide|leverage|extend|adapt|apply|focus|address|tackle|take|make|use|employ|bridge)\b/iu,
  /^(?:[\p{Lu}][\p{L}\p{N}-]*(?:[- ][\p{Lu}\p{N}][\p{L}\p{N}-]*)*|\$[^$]+\$[\p{L}\p{N}-]*|[\p{L}\p{N}]+-\$[^$]+\$)(?: \([^)]*\))?,? (?:is|are) (?:a|an|the|our)\b/u,
  /^(?:to (?:address|tackle|bridge|overcome|solve|fill|mitigate|alleviate|this end)[^,]*, )?we\b/iu,
];

/**
 * Background sentences that happen to match a weak cue ("We are witnessing…", "X is a popular
 * architecture…"): statements about the field, not about this paper.
 */
const BACKGROUND_CUES: readonly RegExp[] = [
  /\b(?:have|has) (?:achieved|become|shown|demonstrated|emerged|gained|attracted|revolutionized)\b/iu,
  /\b(?:is|are) (?:a|an) (?:popular|promising|common|widely|fundamental|key|crucial|critical|core|powerful)\b/iu,
  /\bwe (?:are witnessing|have seen|have witnessed)\b/iu,
];

/**
 * The one-line summary of a paper: the person's `tldr` when there is one, else the abstract's
 * sentence that states the contribution (the first sentence matching the strongest cue in
 * {@link CONTRIBUTION_CUES}), else the first sentence. Clean text; math is never cut.
 */
export function paperSummary(abstract: string, tldr?: string | null, maxChars = SUMMARY_MAX_CHARS): string {
  if (tldr?.trim()) return tldr.replace(/\s+/g, ' ').trim();
  return clip(splitMath(summarySentence(abstract)), maxChars);
}

/**
 * The uncut summary sentence of each abstract seen, computed once: a build asks for it three
 * times per paper (its digest, its page's description and its page's summary), 0.4 ms each.
 */
const summarySentences = new Map<string, string>();

function summarySentence(abstract: string): string {
  let sentence = summarySentences.get(abstract);
  if (sentence === undefined) {
    sentence = withoutLeadIn(contributionSentence(abstract));
    summarySentences.set(abstract, sentence);
  }
  return sentence;
}

/** The words that open one step of a list: "First,", "Second,", "Finally,". */
const LIST_STEP_WORD = '(?:Then|Next|Finally|Lastly|(?:First|Second|Third|Fourth)(?:ly)?)';

/**
 * "Second, even though this change prevents X, we design Y": one step of a list the abstract
 * introduced earlier, which reads as a summary only when no other sentence states the contribution.
 */
const LIST_STEP = new RegExp(`^${LIST_STEP_WORD},`, 'u');

/** A clause that leads in to "we" ("To address these challenges, we …"). */
const LEAD_IN_CLAUSE = /^(?:In this (?:paper|work|study|survey|review|report)|In this technical report|Here|To (?:this end|address|tackle|bridge|overcome|solve|fill|mitigate|alleviate|answer)[^,$]{0,60}|(?:Motivated|Inspired) by[^,$]{0,60}|In light of[^,$]{0,60}|Based on[^,$]{0,60}|Instead|Consequently|In contrast[^,$]{0,60}),\s+(?=we\b)/iu;

/** A single linking word before a lower-case word ("However, an analysis …"). */
const LINKING_WORD = new RegExp(`^(?:However|Furthermore|Moreover|Additionally|In addition|Therefore|Thus|Hence|Meanwhile|Accordingly|Specifically|Besides|Notably|Importantly|Overall|Also|${LIST_STEP_WORD}),\\s+(?=\\p{Ll})`, 'u');

/**
 * "To address these challenges, we propose X" -> "We propose X", "However, an analysis in this
 * work shows Y" -> "An analysis in this work shows Y": the lead-in only links the sentence to the
 * abstract's earlier ones, which a summary does not show. A clause ("To address …,") goes only
 * before "we"; a single linking word goes before anything but math.
 */
export function withoutLeadIn(sentence: string): string {
  const leadIn = LEAD_IN_CLAUSE.exec(sentence) ?? LINKING_WORD.exec(sentence);
  if (!leadIn) return sentence;
  const rest = sentence.slice(leadIn[0].length);
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/** The abstract's sentence that states the contribution, uncut; the first sentence when none does. */
export function contributionSentence(abstract: string): string {
  const all = sentences(abstract);
  // A question ("Is FlashAttention I/O optimal?") asks; the answer is the contribution.
  const candidates = all.filter((sentence) => !sentence.endsWith('?') && !BACKGROUND_CUES.some((cue) => cue.test(sentence)));
  const standalone = candidates.filter((sentence) => !LIST_STEP.test(sentence));
  for (const pool of [standalone, candidates]) {
    for (const cue of CONTRIBUTION_CUES) {
      const found = pool.find((sentence) => cue.test(sentence));
      if (found) return found;
    }
  }
  return all[0] ?? '';
}
