/**
 * LaTeX residue in pasted titles and abstracts -> clean text (DESIGN.md §1).
 *
 * Contract of "clean text" (what `title` and `abstract` hold in frontmatter):
 * plain Unicode text in which `$...$` delimits inline TeX math that KaTeX accepts, and a literal
 * dollar sign is written `\$`. Nothing else is markup: renderers escape everything that is not
 * math. `splitMath` is the one tokenizer of this syntax; `toPlainText` gives readable text
 * without any markup (search, meta descriptions, feeds, images, citations).
 *
 * `normalizeText` never throws, is idempotent, and emits only math that `isValidMath` accepts.
 */
import { isValidMath, joinMath, MAX_MATH_LENGTH, splitMath } from './math.ts';
import { restoreBackslashes } from './backslashes.ts';
import { MATH_CLOSE, MATH_OPEN, texToText } from './tex.ts';

export { isValidMath, joinMath, splitMath };
export type { CleanSegment } from './math.ts';

/**
 * Control characters, bidi overrides, zero-width characters and the two private-use characters
 * texToText marks math symbols with: never meaningful in a title.
 */
const INVISIBLE = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uE000\uE001\uFEFF]/g;
const HAS_INVISIBLE = new RegExp(INVISIBLE.source);

/**
 * Anything `normalizeOnce` may change beyond whitespace and invisible characters; text without
 * it (most abstracts) skips the full pass. Backslash-less control words (`geq`, `propto`) are
 * only restored in text that shows other TeX residue, which in practice they come with.
 * Substring checks and one character class: a regex alternation is far slower on 2 KB.
 */
const TRIGGER_CHARS = /[\\{}$^~_<>`]/;

function mayChange(s: string): boolean {
  return (
    TRIGGER_CHARS.test(s) ||
    s.includes('--') ||
    s.includes("''") ||
    s.includes('[email') ||
    (s.includes('times') && /\dtimes/.test(s)) ||
    (s.includes('sim') && /sim\d/.test(s)) ||
    (s.includes('approx') && /approx\d/.test(s))
  );
}

/** Math spans kept per text; past that (no real abstract comes close) they are read as text. */
const MAX_MATH_SPANS = 200;

/** `$`s that are not escaped, with the escapes themselves (to skip them). */
const DOLLARS = /\\[\s\S]|\$/g;

/** Math spans that are really prose between two stray dollars. */
const PROSE = /(?:^|[^\\A-Za-z])[a-z]{3,} +[a-z]{3,} +[a-z]{3,}/;

function sanitize(raw: string): string {
  let s = typeof raw === 'string' ? raw : String(raw ?? '');
  if (/[^\x20-\x7e]/.test(s)) {
    if (!s.isWellFormed()) s = s.toWellFormed();
    if (HAS_INVISIBLE.test(s)) s = s.replace(INVISIBLE, '');
    // code points below U+0300 are all in NFC already
    if (/[^\u0000-\u02ff]/.test(s)) s = s.normalize('NFC');
    if (/[^\S ]/.test(s) || s.includes('  ')) s = s.replace(/\s+/g, ' ');
  } else if (s.includes('  ')) {
    s = s.replace(/ {2,}/g, ' ');
  }
  return s.trim();
}

/** A math symbol for `textRun`'s caller to make a math span (see texToText's `marks`). */
function mark(tex: string): string {
  return MATH_OPEN + tex + MATH_CLOSE;
}

/** Word-level fixes on converted text: lost backslashes, ASCII stand-ins, scrape artefacts. */

function polishOne(match: string, offset: number, whole: string): string {
  const before = whole[offset - 1];
  switch (match) {
    case 'times': // `40times`, `512times512`: a lost `\times`
      return isDigit(before) ? mark('\\times') : match;
    case 'sim': // `sim2×`: a lost `\sim`
      return before !== undefined && /\w/.test(before) ? match : mark('\\sim');
    case 'approx': // `approx50`
      return before !== undefined && /\w/.test(before) ? match : mark('\\approx');
    case '<=':
      return '≤';
    case '>=':
      return '≥';
    case '``':
      return '“';
    case "''":
      return '”';
    case '--':
    case '---': {
      const after = whole[offset + match.length];
      if (before === '-' || after === '-') return match;
      if (match === '---') return '—';
      // `--flag` at a word start is a command-line option, not a dash
      return isSpace(before) && after !== undefined && /[A-Za-z]/.test(after) ? match : '–';
    }
    default: // Cloudflare's e-mail obfuscation replaced text such as `mAP@0.25`
      return '[…]';
  }
}

function polish(text: string): string {
  // one literal-led regex per rule behind a substring check: far faster than one alternation;
  // the order matters (`sim2times` -> `sim2\times` -> `\sim2\times`)
  let t = text;
  if (t.includes('times')) t = t.replace(/times(?![a-z])/g, polishOne);
  if (t.includes('sim')) t = t.replace(/sim(?=\d+(?:\.\d+)?(?!\w))/g, polishOne);
  if (t.includes('approx')) t = t.replace(/approx(?=\d)/g, polishOne);
  if (t.includes('=')) t = t.replace(/[<>]=/g, polishOne);
  if (t.includes('[email')) t = t.replace(/\[email[ \u00a0]protected\]/g, polishOne);
  if (t.includes('--')) t = t.replace(/---?/g, polishOne);
  if (t.includes('``')) t = t.replace(/``/g, '“');
  if (t.includes("''")) t = t.replace(/''/g, '”');
  return t;
}

/**
 * Converts a raw text run (between math spans) to final plain text, `$` still unescaped, in
 * which math symbols (`\times`, `\alpha`, a lost `40times`) are TeX between MATH_OPEN and
 * MATH_CLOSE.
 */
function textRun(raw: string): string {
  return polish(texToText(raw, 'text', 0, true)).normalize('NFC');
}

const MARKED = new RegExp(`${MATH_OPEN}([^${MATH_OPEN}${MATH_CLOSE}]*)${MATH_CLOSE}`, 'g');

type Part = { kind: 'text'; text: string } | { kind: 'math'; tex: string };

/** Joins two formulas into one span: `\lambda` + `\cdot` -> `\lambda\cdot`, `\alpha` + `x` -> `\alpha x`. */
function joinTex(a: string, b: string): string {
  return /\\[A-Za-z]+$/.test(a) && /^[A-Za-z]/.test(b) ? `${a} ${b}` : a + b;
}

function isSpace(ch: string | undefined): boolean {
  return ch === undefined || ch === ' ';
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

/** One pass over text that `sanitize` has seen and `mayChange` flagged. */
function normalizeOnce(sanitized: string): string {
  let s = sanitized.replace(/(?<!\\)\${2,}/g, '$');
  s = restoreBackslashes(s);

  // Pair unescaped dollars into math candidates: the opening `$` is followed and the closing
  // one preceded by a non-space (Pandoc's rule), so `5.18\times$ latency ... 42.9%$ energy`
  // pairs nothing; a price (`$5 and $6`) is not a formula either.
  const dollars: number[] = [];
  for (const m of s.matchAll(DOLLARS)) if (m[0] === '$') dollars.push(m.index);

  const runs: Array<{ kind: 'text'; raw: string } | { kind: 'math'; tex: string }> = [];
  let pending = '';
  let last = 0;
  let mathCount = 0;
  for (let k = 0; k < dollars.length; k += 1) {
    const open = dollars[k]!;
    const close = dollars[k + 1];
    if (close === undefined) break;
    const content = s.slice(open + 1, close);
    const pairs =
      !isSpace(s[open + 1]) &&
      !isSpace(s[close - 1]) &&
      !(isDigit(s[close + 1]) && isDigit(content[0])) &&
      content.length <= MAX_MATH_LENGTH &&
      !(PROSE.test(content) && !content.includes('\\'));
    if (!pairs) continue; // this `$` stays in the text run; texToText decides what it is
    pending += s.slice(last, open);
    if (mathCount >= MAX_MATH_SPANS || !isValidMath(content)) {
      pending += content; // not math KaTeX can read (or too many formulas): its text
    } else {
      if (pending) runs.push({ kind: 'text', raw: pending });
      pending = '';
      runs.push({ kind: 'math', tex: content });
      mathCount += 1;
    }
    last = close + 1;
    k += 1;
  }
  pending += s.slice(last);
  if (pending) runs.push({ kind: 'text', raw: pending });

  // Text runs -> text and math symbols (`5.18\times` -> `5.18$\times$`); a formula that
  // directly follows another joins it, since `$a$$b$` would read back as display math.
  const parts: Part[] = [];
  const pushText = (text: string) => {
    const prev = parts.at(-1);
    if (!text) return;
    if (prev?.kind === 'text') prev.text += text;
    else parts.push({ kind: 'text', text });
  };
  const pushMath = (tex: string, marked: boolean) => {
    const prev = parts.at(-1);
    if (prev?.kind === 'math') {
      const joined = joinTex(prev.tex, tex);
      if (isValidMath(joined)) {
        prev.tex = joined;
        return;
      }
      if (!marked) pushText(' '); // two formulas that do not join stay two
    }
    if (!marked || (prev?.kind !== 'math' && mathCount < MAX_MATH_SPANS && isValidMath(tex))) {
      parts.push({ kind: 'math', tex });
      if (marked) mathCount += 1;
    } else {
      pushText(texToText(tex, 'math').normalize('NFC')); // a symbol that cannot be math: its text
    }
  };
  for (const run of runs) {
    if (run.kind === 'math') {
      pushMath(run.tex, false);
      continue;
    }
    const text = textRun(run.raw);
    let at = 0;
    for (const m of text.matchAll(MARKED)) {
      pushText(text.slice(at, m.index));
      pushMath(m[1]!, true);
      at = m.index + m[0].length;
    }
    pushText(text.slice(at));
  }

  let out = '';
  let lastTex = '';
  for (const part of parts) {
    if (part.kind === 'math') {
      out += `$${part.tex}$`;
      lastTex = part.tex;
      continue;
    }
    const text = part.text.replace(/\$/g, '\\$');
    // keep `$2x$` + `3` from reading back as a price on the next pass
    out += lastTex && isDigit(lastTex[0]) && isDigit(text[0]) ? ` ${text}` : text;
    lastTex = '';
  }
  return (/[^\S ]/.test(out) || out.includes('  ') ? out.replace(/\s+/g, ' ') : out).trim();
}

/** Last resort if the normalizer itself fails: plain text with every TeX character and dollar removed. */
function fallback(raw: string): string {
  try {
    return sanitize(raw)
      .replace(/[\\{}^$]/g, '')
      .replace(/\s+/g, ' ')
      .trim();
  } catch {
    return '';
  }
}

/**
 * Pasted title/abstract (with LaTeX residue) -> clean text. Never throws; idempotent;
 * every math span of the result is KaTeX-valid.
 */
export function normalizeText(raw: string): string {
  try {
    // One pass settles nearly everything; a few context-sensitive cases (a `~` before what
    // turns out to be text, `^` before a brace) settle on the next, so iterate to a fixed point.
    const clean = sanitize(raw);
    if (!mayChange(clean)) return clean; // no TeX residue: most abstracts stop here
    let out = normalizeOnce(clean);
    for (let pass = 0; pass < 3; pass += 1) {
      const next = sanitize(out);
      const again = mayChange(next) ? normalizeOnce(next) : next;
      if (again === out) break;
      out = again;
    }
    const mathOk = !out.includes('$') || splitMath(out).every((seg) => seg.kind === 'text' || isValidMath(seg.tex));
    return mathOk ? out : fallback(raw);
  } catch {
    return fallback(raw);
  }
}

/**
 * Clean text -> readable plain Unicode text without markup: math is spelled out
 * (`PixArt-$\alpha$` -> "PixArt-α", `$O(n^2)$` -> "O(n²)"), literal dollars are plain `$`.
 */
export function toPlainText(clean: string): string {
  return splitMath(clean)
    .map((seg) => (seg.kind === 'text' ? seg.value : texToText(seg.tex, 'math').normalize('NFC')))
    .join('')
    .replace(/ {2,}/g, ' ')
    .trim();
}
