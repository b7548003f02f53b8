/**
 * Puts back backslashes that got lost on the way from the authors' TeX to the listing, where
 * the intent is unambiguous (DESIGN.md §1): `mathcal{O}` -> `\mathcal{O}`, `{bf 1}` ->
 * `{\bf 1}`, `M geq d` -> `M \geq d`, and Greek names inside formulas (`eta_2propto d` ->
 * `\eta_2\propto d`, `eta/lambdacdot d` -> `\eta/\lambda\cdot d`). Words inside URLs are
 * left alone. Pure; index scans instead of one big regex alternation, which is slow on 2 KB.
 */

/** Control words that are never English words. */
const BARE_WORDS = ['varepsilon', 'langle', 'rangle', 'propto', 'geq', 'leq'];

/** Commands that take a braced argument: `mathcal{O}`. */
const BRACE_COMMANDS = new Set(['mathcal', 'mathbf', 'mathrm', 'mathbb', 'textbf', 'textit', 'texttt', 'emph']);

/** Font switches at the start of a group: `{bf 1}`. */
const GROUP_SWITCH = /^(?:bf|it|em|rm|tt|sc) /;

const GREEK = new Set(
  (
    'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma tau ' +
    'upsilon phi chi psi omega ell Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega'
  ).split(' '),
);

/** Operators that appear glued to a Greek name: `lambdacdot`. */
const GLUED_OPERATORS = ['cdot', 'propto'];

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** True when `ch` would join a control word or a word (so the name is not standalone). */
function joins(ch: string | undefined): boolean {
  return ch !== undefined && (ch === '\\' || /[\p{L}\p{M}]/u.test(ch));
}

/** Longest name looked for; bounds the scans so that no input makes them quadratic. */
const MAX_NAME = 12;

/** Start of the run of ASCII letters ending just before `end` (at most MAX_NAME + 1 back). */
function runStart(s: string, end: number): number {
  let i = end;
  while (i > 0 && end - i <= MAX_NAME && isAsciiLetter(s.charCodeAt(i - 1))) i -= 1;
  return i;
}

/** True when `offset` is inside a URL (the word around it has a scheme or `www.`). */
function inUrl(s: string, offset: number): boolean {
  const tail = s.slice(Math.max(0, offset - 2000), offset);
  const word = tail.slice(tail.lastIndexOf(' ') + 1);
  return word.includes('://') || word.includes('www.');
}

/** A Greek name ending just before `end` and starting a word, or -1. */
function greekBefore(s: string, end: number): number {
  const start = runStart(s, end);
  return start < end && GREEK.has(s.slice(start, end)) && !joins(s[start - 1]) ? start : -1;
}

/** Length of a Greek name starting at `start` and ending a word (or glued to an operator), or 0. */
function greekAt(s: string, start: number): number {
  let end = start;
  while (end < s.length && end - start <= MAX_NAME && isAsciiLetter(s.charCodeAt(end))) end += 1;
  for (let k = end; k > start; k -= 1) {
    if (!GREEK.has(s.slice(start, k))) continue;
    if (k === end ? !joins(s[k]) : GLUED_OPERATORS.some((op) => s.startsWith(op, k))) return k - start;
  }
  return 0;
}

function indexesOf(s: string, needle: string): number[] {
  const found: number[] = [];
  for (let i = s.indexOf(needle); i !== -1; i = s.indexOf(needle, i + needle.length)) found.push(i);
  return found;
}

/** Returns `s` with the lost backslashes restored (see the module comment). */
export function restoreBackslashes(s: string): string {
  const at = new Set<number>();
  const add = (i: number) => {
    if (!inUrl(s, i)) at.add(i);
  };

  for (const word of BARE_WORDS) {
    for (const i of indexesOf(s, word)) {
      if (!joins(s[i - 1]) && !joins(s[i + word.length])) add(i);
    }
  }
  for (const i of indexesOf(s, '{')) {
    const start = runStart(s, i);
    if (start < i && BRACE_COMMANDS.has(s.slice(start, i)) && !joins(s[start - 1])) add(start);
    if (GROUP_SWITCH.test(s.slice(i + 1, i + 4))) add(i + 1);
  }
  for (const marker of ['_', '^']) {
    for (const i of indexesOf(s, marker)) {
      const start = greekBefore(s, i);
      if (start !== -1) add(start);
    }
  }
  for (const op of GLUED_OPERATORS) {
    for (const i of indexesOf(s, op)) {
      const start = runStart(s, i);
      if (start < i && GREEK.has(s.slice(start, i)) && !joins(s[start - 1])) {
        add(start);
        add(i);
      }
    }
  }
  for (const i of indexesOf(s, '/')) {
    const start = greekBefore(s, i);
    const length = start === -1 ? 0 : greekAt(s, i + 1);
    if (length > 0) {
      add(start);
      add(i + 1);
    }
  }
  if (at.size === 0) return s;
  let out = '';
  let last = 0;
  for (const i of [...at].sort((a, b) => a - b)) {
    out += s.slice(last, i) + '\\';
    last = i;
  }
  return out + s.slice(last);
}
