/**
 * TeX residue -> readable Unicode text. Pure, total (never throws on a string).
 *
 * `texToText(s, 'text')` reads the text between math spans of a pasted title or abstract:
 * control words become their symbol (`\alpha` -> α, `\times` -> ×, `\ie` -> i.e.), accents
 * compose (`Nystr\"om` -> Nyström), formatting commands and braces vanish keeping their
 * content (`{\bf LeJEPA}` -> LeJEPA), a backslash before a digit is a lost dollar (`\300` ->
 * $300), a stray `$` is dropped unless a digit follows (then it is a literal dollar), and
 * commands known only to the authors' preamble keep their name (`\proj` -> proj).
 * `texToText(s, 'math')` reads the inside of a math span the same way, with `_` and `^`
 * as sub/superscripts and `\frac`, `\sqrt` spelled out, for plain-text uses (search, feeds).
 *
 * With `marks` (text mode, the normalizer's text runs), a math-symbol control word (MATH_SYMBOLS)
 * outside any argument is not spelled out but kept as TeX between MATH_OPEN and MATH_CLOSE,
 * with a sub/superscript that directly follows it (`\eta_2`, `\varepsilon^{-2}`): the caller
 * makes it an inline math span.
 *
 * Outside marks the output never contains a backslash or a brace; in text mode a `$` in the
 * output is a literal dollar sign (the caller escapes it).
 */
import {
  ACCENTS,
  CONTROL_SYMBOLS,
  DOUBLE_STRUCK,
  DROP_WITH_ARGUMENT,
  KEEP_ARGUMENT,
  MATH_SYMBOLS,
  SILENT,
  SPACES,
  SYMBOLS,
  toSubscript,
  toSuperscript,
} from './symbols.ts';

export type TexMode = 'text' | 'math';

/** Private-use characters around a math symbol kept as TeX (see `marks`); never in clean input. */
export const MATH_OPEN = '\uE000';
export const MATH_CLOSE = '\uE001';

/** A sub/superscript right after a math symbol, kept with it: one letter or digit, or a short plain group. */
const SCRIPT_AFTER = /[_^](?:[A-Za-z0-9]|\{[A-Za-z0-9+\-.,=]{1,16}\})/y;

/** End of the (at most two) scripts following a math symbol that ends at `k`. */
function scriptsEnd(s: string, k: number): number {
  let end = k;
  for (let n = 0; n < 2; n += 1) {
    SCRIPT_AFTER.lastIndex = end;
    const m = SCRIPT_AFTER.exec(s);
    if (!m) break;
    end += m[0].length;
  }
  return end;
}

/** Nesting depth after which groups are flattened instead of read (keeps the stack small). */
const MAX_DEPTH = 8;

const SPECIAL_TEXT = /[\\{}$^~]/g;
const SPECIAL_MATH = /[\\{}$^_~]/g;
const LETTERS = /[A-Za-z]+/y;
const URL_TAIL = /https?:\/\/\S*$/;
const SINGLE_ARG = /[^\\{}$^_~\s]/u;

interface Arg {
  /** Raw TeX of the argument (group content without its braces). */
  raw: string;
  /** Index just after the argument. */
  end: number;
}

/** Reads one macro argument at `i` (spaces skipped): a `{group}`, a control sequence or one code point. */
function readArg(s: string, i: number): Arg {
  while (s[i] === ' ') i += 1;
  if (i >= s.length) return { raw: '', end: i };
  const ch = s[i]!;
  if (ch === '{') {
    let depth = 0;
    for (let j = i; j < s.length; j += 1) {
      const c = s[j];
      if (c === '\\') {
        j += 1;
      } else if (c === '{') {
        depth += 1;
      } else if (c === '}') {
        depth -= 1;
        if (depth === 0) return { raw: s.slice(i + 1, j), end: j + 1 };
      }
    }
    return { raw: s.slice(i + 1), end: s.length };
  }
  if (ch === '}') return { raw: '', end: i };
  if (ch === '\\') {
    LETTERS.lastIndex = i + 1;
    const m = LETTERS.exec(s);
    const end = m ? i + 1 + m[0].length : Math.min(i + 2, s.length);
    return { raw: s.slice(i, end), end };
  }
  const cp = s.codePointAt(i)!;
  return { raw: String.fromCodePoint(cp), end: i + (cp > 0xffff ? 2 : 1) };
}

/** Skips an optional `[...]` argument. */
function skipOptional(s: string, i: number): number {
  let j = i;
  while (s[j] === ' ') j += 1;
  if (s[j] !== '[') return i;
  const close = s.indexOf(']', j);
  return close === -1 ? i : close + 1;
}

/** Wraps a fraction operand in parentheses unless it is a single token. */
function operand(text: string): string {
  return /^√?[\p{L}\p{N}.]+$/u.test(text) || text.length <= 1 ? text : `(${text})`;
}

function applyAccent(base: string, mark: string): string {
  if (!base) return '';
  const cp = base.codePointAt(0)!;
  const first = String.fromCodePoint(cp);
  const letter = first === 'ı' ? 'i' : first === 'ȷ' ? 'j' : first;
  return letter + mark + base.slice(first.length);
}

/** A sub/superscript in readable form: Unicode digits when possible, else `^x` / `^(...)`. */
function script(marker: '^' | '_', text: string): string {
  const t = text.trim();
  if (!t) return '';
  const unicode = marker === '^' ? toSuperscript(t) : toSubscript(t);
  if (unicode) return unicode;
  return [...t].length === 1 && SINGLE_ARG.test(t) ? marker + t : `${marker}(${t})`;
}

/** Flattens deeply nested input without parsing it further. */
function flatten(s: string, mode: TexMode): string {
  const t = s.replace(/\\[A-Za-z]+|\\.?|[{}^_]/g, (m) => {
    if (m.length > 1 && m[0] === '\\') {
      const name = m.slice(1);
      return SYMBOLS[name] ?? (/^[A-Za-z]+$/.test(name) ? name : CONTROL_SYMBOLS[name] ?? '');
    }
    return '';
  });
  return mode === 'text' ? t.replace(/\$(?!\d)/g, '') : t.replace(/\$/g, '');
}

/** True when the raw text just before `i` ends with a URL (`.../CG-Taylor/{here.}`). */
function urlBefore(s: string, i: number): boolean {
  const tail = s.slice(Math.max(0, i - 300), i);
  return tail.includes('://') && URL_TAIL.test(tail);
}

/**
 * True when a `~` after the raw character `prev` and before raw input at `k` is a TeX tie.
 * (Reads the input, never `out`: indexing a string being built by `+=` flattens it each time.)
 */
function isTie(prev: string | undefined, s: string, k: number): boolean {
  while (s[k] === '{' || s[k] === '}') k += 1;
  return prev !== undefined && prev !== ' ' && /[A-Za-z(\[\\$]/.test(s[k] ?? '');
}

/** Converts TeX residue to readable text (see the module comment). */
export function texToText(s: string, mode: TexMode, depth = 0, marks = false): string {
  if (depth > MAX_DEPTH) return flatten(s, mode);
  const special = mode === 'text' ? SPECIAL_TEXT : SPECIAL_MATH;
  const n = s.length;
  let out = '';
  let i = 0;
  while (i < n) {
    special.lastIndex = i;
    const m = special.exec(s);
    const j = m ? m.index : n;
    if (j > i) out += s.slice(i, j);
    if (!m) break;
    i = j;
    const ch = s[i]!;
    const next = s[i + 1];

    if (ch === '\\') {
      if (next === undefined) break;
      if (/[A-Za-z]/.test(next)) {
        LETTERS.lastIndex = i + 1;
        const name = LETTERS.exec(s)![0];
        let k = i + 1 + name.length;
        const accent = name.length === 1 || /^(acute|grave|hat|widehat|ddot|tilde|widetilde|bar|overline|dot|breve|check|vec)$/.test(name)
          ? ACCENTS[name]
          : undefined;
        if (accent !== undefined && (s[k] === '{' || s[k] === ' ')) {
          const arg = readArg(s, k);
          out += applyAccent(texToText(arg.raw, mode, depth + 1), accent);
          i = arg.end;
          continue;
        }
        if (name === 'href') {
          const url = readArg(s, k);
          const label = readArg(s, url.end);
          const urlText = texToText(url.raw, mode, depth + 1).replace(/\s+/g, '');
          const labelText = texToText(label.raw, mode, depth + 1).trim();
          out += labelText && labelText !== urlText ? `${labelText} (${urlText})` : urlText;
          i = label.end;
          continue;
        }
        if (name === 'frac' || name === 'dfrac' || name === 'tfrac') {
          const a = readArg(s, k);
          const b = readArg(s, a.end);
          out +=
            operand(texToText(a.raw, mode, depth + 1).trim()) + '/' + operand(texToText(b.raw, mode, depth + 1).trim());
          i = b.end;
          continue;
        }
        if (name === 'sqrt') {
          k = skipOptional(s, k);
          const a = readArg(s, k);
          out += '√' + operand(texToText(a.raw, mode, depth + 1).trim());
          i = a.end;
          continue;
        }
        if (name === 'mathbb') {
          const arg = readArg(s, k);
          out += DOUBLE_STRUCK[arg.raw.trim()] ?? texToText(arg.raw, mode, depth + 1);
          i = arg.end;
          continue;
        }
        if (DROP_WITH_ARGUMENT.has(name)) {
          k = skipOptional(s, k);
          i = readArg(s, k).end;
          continue;
        }
        if (name === 'textcolor' || name === 'colorbox' || name === 'color') {
          i = readArg(s, k).end;
          continue;
        }
        if (KEEP_ARGUMENT.has(name)) {
          i = k;
          continue;
        }
        if (SILENT.has(name)) {
          while (s[k] === ' ') k += 1;
          i = k;
          continue;
        }
        if (SPACES.has(name)) {
          out += ' ';
          i = k;
          continue;
        }
        if (marks && mode === 'text' && MATH_SYMBOLS.has(name)) {
          const end = scriptsEnd(s, k);
          out += MATH_OPEN + s.slice(i, end) + MATH_CLOSE;
          i = end;
          continue;
        }
        const symbol = SYMBOLS[name];
        // a `~` that would read as a TeX tie next time becomes the tilde operator
        out += symbol === '~' && isTie(s[i - 1], s, k) ? '∼' : symbol ?? name;
        i = k;
        continue;
      }
      // control symbol: backslash + one non-letter
      const accent = ACCENTS[next];
      if (accent !== undefined && /[A-Za-z{\\]/.test(s[i + 2] ?? '')) {
        const arg = readArg(s, i + 2);
        out += applyAccent(texToText(arg.raw, mode, depth + 1), accent);
        i = arg.end;
        continue;
      }
      if (next >= '0' && next <= '9') {
        // `\300,000`: the dollar of a TeX `\$300,000` got lost on the way.
        if (mode === 'text') out += '$';
        i += 1;
        continue;
      }
      const replacement = CONTROL_SYMBOLS[next];
      if (replacement !== undefined) {
        out += replacement;
        i += 2;
        continue;
      }
      i += 1; // a lone backslash: drop it, keep what follows
      continue;
    }

    if (ch === '{') {
      if (mode === 'text' && next !== ' ' && urlBefore(s, i)) out += ' ';
      i += 1;
      continue;
    }
    if (ch === '}') {
      i += 1;
      continue;
    }
    if (ch === '$') {
      // an unpaired dollar: literal before a digit (a price), else residue of lost math
      if (mode === 'text' && next !== undefined && next >= '0' && next <= '9') out += '$';
      i += 1;
      continue;
    }
    if (ch === '~') {
      if (mode === 'math') {
        out += ' ';
      } else {
        // TeX's non-breaking space (`models~(LLMs)`); `~57K` and `10~30%` mean "about"/"to".
        out += isTie(s[i - 1], s, i + 1) ? ' ' : '~';
      }
      i += 1;
      continue;
    }
    // ^ (and _ in math)
    const marker = ch as '^' | '_';
    const k = i + 1;
    if (s[k] === '{') {
      const arg = readArg(s, k);
      out += script(marker, texToText(arg.raw, mode, depth + 1));
      i = arg.end;
      continue;
    }
    const num = /^[-+]?\d+/.exec(s.slice(k, k + 40));
    if (num) {
      out += script(marker, num[0]);
      i = k + num[0].length;
      continue;
    }
    if (mode === 'math' && s[k] === '\\') {
      const arg = readArg(s, k);
      out += script(marker, texToText(arg.raw, mode, depth + 1));
      i = arg.end;
      continue;
    }
    const cp = s.codePointAt(k);
    const single = cp === undefined ? '' : String.fromCodePoint(cp);
    if (single && SINGLE_ARG.test(single)) {
      out += marker + single;
      i = k + single.length;
    } else {
      // nothing to raise: a marker before a closing brace goes, otherwise it stays as text
      if (s[k] !== '}') out += marker;
      i += 1;
    }
  }
  return out;
}
