/**
 * BibTeX field values from plain Unicode text, safe for BibTeX, Biber and LaTeX.
 *
 * Every character that means something to them is written as a command (`%` -> `\%`, `{` ->
 * `\textbraceleft{}`: BibTeX counts braces even after a backslash, so `\{` could unbalance a
 * field; `<` -> `\textless{}`, which OT1 fonts would print as `¡`), and character pairs TeX joins
 * into ligatures (`--`, `''`, `,,`) are kept apart. Greek letters and a few math symbols become TeX math (`α` -> `{$\alpha$}`), which
 * pdfLaTeX prints without extra packages; every other character stays UTF-8 (accents, CJK,
 * Hangul, emoji), as biblatex and modern LaTeX read it.
 */

const SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  $: '\\$',
  '%': '\\%',
  '&': '\\&',
  '#': '\\#',
  _: '\\_',
  '^': '\\textasciicircum{}',
  '~': '\\textasciitilde{}',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '`': '\\textasciigrave{}',
};

const MATH: Record<string, string> = {
  α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', ε: 'varepsilon', ϵ: 'epsilon', ζ: 'zeta', η: 'eta',
  θ: 'theta', ϑ: 'vartheta', ι: 'iota', κ: 'kappa', λ: 'lambda', μ: 'mu', ν: 'nu', ξ: 'xi', π: 'pi',
  ρ: 'rho', σ: 'sigma', ς: 'varsigma', τ: 'tau', υ: 'upsilon', φ: 'varphi', ϕ: 'phi', χ: 'chi',
  ψ: 'psi', ω: 'omega', Γ: 'Gamma', Δ: 'Delta', Θ: 'Theta', Λ: 'Lambda', Ξ: 'Xi', Π: 'Pi',
  Σ: 'Sigma', Υ: 'Upsilon', Φ: 'Phi', Ψ: 'Psi', Ω: 'Omega', '×': 'times', '≤': 'leq', '≥': 'geq',
  '±': 'pm', '→': 'rightarrow', '←': 'leftarrow', '∞': 'infty', '≈': 'approx', '≠': 'neq', '·': 'cdot',
};

/** Control characters and lone surrogates cannot be typeset; they become a space. */
const UNPRINTABLE = /[\p{Cc}\p{Surrogate}]/gu;

function escapeChar(char: string): string {
  // A pair TeX would join into one glyph (`--` en dash, `''` quote, `,,` low quote) is kept apart.
  if (char === '-' || char === "'" || char === ',') return `${char}{}`;
  const math = MATH[char];
  return math ? `{$\\${math}$}` : (SPECIAL[char] ?? char);
}

/** Escapes text for a braced BibTeX field value. */
export function bibtexEscape(text: string): string {
  return text.replace(UNPRINTABLE, ' ').replace(/[-',](?=[-',])|[\\{}$%&#_^~<>`]|[^\x00-\x7f]/gu, escapeChar);
}

/**
 * A title: escaped, with every word that has a capital after its first letter braced
 * (`{FlashAttention}`, `{LLM}`, `{MoE}`, `{xLSTM}`), so styles that lower-case titles keep
 * those as written. Plain capitalised words ("Linear", "Mamba") stay free for the style.
 */
export function bibtexTitle(text: string): string {
  return text
    .replace(UNPRINTABLE, ' ')
    .split(/([\p{L}\p{N}]+)/u)
    .map((part, i) => {
      const escaped = bibtexEscape(part);
      return i % 2 === 1 && /^.+\p{Lu}/u.test(part) ? `{${escaped}}` : escaped;
    })
    .join('');
}

/**
 * A URL or DOI in a verbatim field: printed as is, so only what could break the field or the
 * LaTeX `\url` it lands in is percent-encoded.
 */
export function bibtexVerbatim(value: string): string {
  return value.replace(UNPRINTABLE, '').replace(/[{}\\\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** A name as BibTeX reads one: "Family, Given", "Family, Suffix, Given", or a braced literal. */
export interface BibtexName {
  family?: string;
  given?: string;
  suffix?: string;
  literal?: string;
}

/** Braces a name part that BibTeX would otherwise split (a comma, or "and" as a word). */
function namePart(part: string): string {
  const escaped = bibtexEscape(part.trim());
  return /,|(?:^|\s)and(?:\s|$)/i.test(part) ? `{${escaped}}` : escaped;
}

/** `Dao, Tri and van der Berg, Jan and {Qwen Team}`. */
export function bibtexNames(names: readonly BibtexName[]): string {
  return names
    .map((name) => {
      if (name.literal !== undefined || !name.given) return `{${bibtexEscape((name.literal ?? name.family ?? '').trim())}}`;
      const family = namePart(name.family ?? '');
      return name.suffix ? `${family}, ${namePart(name.suffix)}, ${namePart(name.given)}` : `${family}, ${namePart(name.given)}`;
    })
    .join(' and ');
}

export const BIBTEX_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;

/** A field of an entry: a braced value, or a bare month macro. */
export type BibtexField = readonly [name: string, value: string, form?: 'braced' | 'macro'];

/** One entry; `comments` go on `%` lines above it (BibTeX skips text outside entries). */
export function bibtexEntry(type: string, key: string, fields: readonly BibtexField[], comments: readonly string[] = []): string {
  const lines = fields.map(([name, value, form = 'braced']) => `  ${name} = ${form === 'macro' ? value : `{${value}}`}`);
  // An `@` would start an entry even on a `%` line: BibTeX has no comment syntax, only skipped text.
  const commentLines = comments.map((comment) => `% ${comment.replace(/[\r\n@]+/g, ' ')}\n`).join('');
  return `${commentLines}@${type}{${key},\n${lines.join(',\n')}\n}\n`;
}
