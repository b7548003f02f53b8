/**
 * The clean-text math syntax: tokenizer (`splitMath`), its inverse (`joinMath`) and the KaTeX
 * validity check every math span of clean text must pass. Pure.
 */
import katex from 'katex';

export type CleanSegment = { kind: 'text'; value: string } | { kind: 'math'; tex: string };

/**
 * Splits clean text into text and math segments. `\$` is a literal dollar (unescaped in the
 * text segment); `$...$` with non-empty content is math (inside it, `\x` escapes are kept as
 * TeX, so `\$` does not close it). Total on any string: a `$` with no closing partner, or an
 * empty `$$`, is literal text.
 */
export function splitMath(clean: string): CleanSegment[] {
  const segments: CleanSegment[] = [];
  let text = '';
  let i = 0;
  let closable = true;
  const n = clean.length;
  while (i < n) {
    const dollar = clean.indexOf('$', i);
    if (dollar === -1) {
      text += clean.slice(i);
      break;
    }
    if (dollar > 0 && clean[dollar - 1] === '\\') {
      text += clean.slice(i, dollar - 1) + '$';
      i = dollar + 1;
      continue;
    }
    text += clean.slice(i, dollar);
    let close = -1;
    if (closable) {
      for (let j = dollar + 1; j < n; j += 1) {
        const c = clean[j];
        if (c === '\\') j += 1;
        else if (c === '$') {
          close = j;
          break;
        }
      }
      if (close === -1) closable = false;
    }
    if (close > dollar + 1) {
      if (text) segments.push({ kind: 'text', value: text });
      text = '';
      segments.push({ kind: 'math', tex: clean.slice(dollar + 1, close) });
      i = close + 1;
    } else {
      text += '$';
      i = dollar + 1;
    }
  }
  if (text) segments.push({ kind: 'text', value: text });
  return segments;
}

/** Inverse of `splitMath` for segments it produced from normalized text. */
export function joinMath(segments: readonly CleanSegment[]): string {
  return segments.map((s) => (s.kind === 'text' ? s.value.replace(/\$/g, '\\$') : `$${s.tex}$`)).join('');
}

/** Commands that define macros: they could leak state between KaTeX calls, so never math. */
const DEFINITIONS = /\\(?:def|gdef|edef|xdef|let|futurelet|global|newcommand|renewcommand|providecommand|expandafter)(?![A-Za-z])/;

/** Longest math span kept as math; longer ones are residue, not formulas. */
export const MAX_MATH_LENGTH = 500;

const validity = new Map<string, boolean>();

/**
 * True when KaTeX renders `tex` with `throwOnError: true` (the renderers' options: strict
 * 'ignore'). Results are cached; macro definitions and overlong spans are never valid.
 */
export function isValidMath(tex: string): boolean {
  const cached = validity.get(tex);
  if (cached !== undefined) return cached;
  let ok = tex.trim() !== '' && tex.length <= MAX_MATH_LENGTH && !DEFINITIONS.test(tex);
  if (ok) {
    try {
      katex.renderToString(tex, { throwOnError: true, strict: 'ignore', maxExpand: 100 });
    } catch {
      ok = false;
    }
  }
  if (validity.size >= 10_000) validity.clear();
  validity.set(tex, ok);
  return ok;
}
