/**
 * Tables for turning TeX residue into readable Unicode (used by ./tex.ts). Pure data.
 */

/** Control words that stand for one Unicode symbol, in text and in math. */
export const SYMBOLS: Readonly<Record<string, string>> = {
  // Greek
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ϵ', varepsilon: 'ε', zeta: 'ζ',
  eta: 'η', theta: 'θ', vartheta: 'ϑ', iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν',
  xi: 'ξ', omicron: 'ο', pi: 'π', varpi: 'ϖ', rho: 'ρ', varrho: 'ϱ', sigma: 'σ', varsigma: 'ς',
  tau: 'τ', upsilon: 'υ', phi: 'ϕ', varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω',
  Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Upsilon: 'Υ',
  Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω',
  // relations and operators
  times: '×', div: '÷', cdot: '·', pm: '±', mp: '∓', ast: '∗', star: '⋆', circ: '∘',
  bullet: '•', sim: '~', approx: '≈', simeq: '≃', cong: '≅', equiv: '≡', propto: '∝',
  leq: '≤', le: '≤', geq: '≥', ge: '≥', neq: '≠', ne: '≠', ll: '≪', gg: '≫', lesssim: '≲',
  gtrsim: '≳', prec: '≺', succ: '≻', in: '∈', notin: '∉', ni: '∋', subset: '⊂', subseteq: '⊆',
  supset: '⊃', supseteq: '⊇', cap: '∩', cup: '∪', setminus: '∖', wedge: '∧', land: '∧',
  vee: '∨', lor: '∨', neg: '¬', lnot: '¬', forall: '∀', exists: '∃', emptyset: '∅',
  varnothing: '∅', infty: '∞', partial: '∂', nabla: '∇', sum: '∑', prod: '∏', int: '∫',
  oint: '∮', sqrt: '√', ell: 'ℓ', hbar: 'ℏ', Re: 'ℜ', Im: 'ℑ', aleph: 'ℵ', top: '⊤',
  bot: '⊥', perp: '⊥', parallel: '∥', mid: '|', vert: '|', Vert: '‖', lVert: '‖', rVert: '‖',
  lvert: '|', rvert: '|', langle: '⟨', rangle: '⟩', lceil: '⌈', rceil: '⌉', lfloor: '⌊',
  rfloor: '⌋', oplus: '⊕', otimes: '⊗', odot: '⊙', dagger: '†', ddagger: '‡', dag: '†',
  ddag: '‡', prime: '′', degree: '°', checkmark: '✓', cmark: '✓', xmark: '✗',
  // arrows
  to: '→', rightarrow: '→', leftarrow: '←', gets: '←', leftrightarrow: '↔',
  Rightarrow: '⇒', Leftarrow: '⇐', Leftrightarrow: '⇔', implies: '⇒', iff: '⇔',
  mapsto: '↦', uparrow: '↑', downarrow: '↓', longrightarrow: '⟶',
  // dots
  ldots: '…', dots: '…', cdots: '⋯', textellipsis: '…', vdots: '⋮', ddots: '⋱',
  // text symbols
  textasciitilde: '~', textasciicircum: 'ˆ', textbar: '|', textless: '<', textgreater: '>',
  textendash: '–', textemdash: '—', textquotesingle: "'", textquotedblleft: '“',
  textquotedblright: '”', textquoteleft: '‘', textquoteright: '’', textregistered: '®',
  texttrademark: '™', copyright: '©', textcopyright: '©', S: '§', P: '¶', pounds: '£',
  textsterling: '£', euro: '€', texteuro: '€', textdegree: '°', textmu: 'µ', textbullet: '•',
  textdagger: '†', textperiodcentered: '·', textunderscore: '_', textdollar: '$',
  // letters
  i: 'ı', j: 'ȷ', o: 'ø', O: 'Ø', ss: 'ß', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', aa: 'å', AA: 'Å',
  l: 'ł', L: 'Ł',
  // words
  LaTeX: 'LaTeX', TeX: 'TeX', ie: 'i.e.', eg: 'e.g.', etal: 'et al.', etc: 'etc.', vs: 'vs.',
  wrt: 'w.r.t.', aka: 'a.k.a.', cf: 'cf.', resp: 'resp.',
};

/** Accent commands -> combining mark (applied to the next letter, then NFC). */
export const ACCENTS: Readonly<Record<string, string>> = {
  "'": '\u0301', '`': '\u0300', '^': '\u0302', '"': '\u0308', '~': '\u0303', '=': '\u0304',
  '.': '\u0307', u: '\u0306', v: '\u030C', H: '\u030B', c: '\u0327', k: '\u0328', r: '\u030A',
  d: '\u0323', b: '\u0331',
  // math-mode accents
  acute: '\u0301', grave: '\u0300', hat: '\u0302', widehat: '\u0302', ddot: '\u0308',
  tilde: '\u0303', widetilde: '\u0303', bar: '\u0304', overline: '\u0305', dot: '\u0307',
  breve: '\u0306', check: '\u030C', vec: '\u20D7',
};

/** `\mathbb{R}` and friends. */
export const DOUBLE_STRUCK: Readonly<Record<string, string>> = {
  R: 'ℝ', N: 'ℕ', Z: 'ℤ', Q: 'ℚ', C: 'ℂ', P: 'ℙ', E: '𝔼', '1': '𝟙',
};

/** Commands whose braced argument is shown as is (formatting, fonts, boxes). */
export const KEEP_ARGUMENT = new Set([
  'textbf', 'textit', 'emph', 'texttt', 'textsc', 'textrm', 'textsf', 'textnormal', 'textup',
  'textsl', 'textmd', 'underline', 'uline', 'mbox', 'hbox', 'text', 'textsuperscript',
  'mathrm', 'mathbf', 'mathit', 'mathsf', 'mathtt', 'mathcal', 'mathbb', 'mathfrak',
  'mathscr', 'mathnormal', 'boldsymbol', 'bm', 'pmb', 'operatorname', 'url', 'footnote',
  'mathop', 'textcolor', 'color', 'colorbox',
]);

/** Commands dropped together with their braced argument (references, layout). */
export const DROP_WITH_ARGUMENT = new Set([
  'cite', 'citep', 'citet', 'citealp', 'citeauthor', 'citeyear', 'ref', 'eqref', 'autoref',
  'cref', 'Cref', 'label', 'vspace', 'hspace', 'phantom', 'hphantom', 'vphantom',
  'includegraphics',
]);

/** Commands producing no text of their own (font switches, spacing, sizing). */
export const SILENT = new Set([
  'bf', 'it', 'em', 'rm', 'sf', 'tt', 'sc', 'sl', 'bfseries', 'itshape', 'mdseries', 'upshape',
  'rmfamily', 'sffamily', 'ttfamily', 'scshape', 'normalfont', 'tiny', 'scriptsize',
  'footnotesize', 'small', 'normalsize', 'large', 'Large', 'LARGE', 'huge', 'Huge',
  'centering', 'noindent', 'xspace', 'left', 'right', 'big', 'Big', 'bigg', 'Bigg', 'bigl',
  'bigr', 'Bigl', 'Bigr', 'displaystyle', 'textstyle', 'scriptstyle', 'limits', 'nolimits',
  'nonumber', 'notag', 'relax', 'protect', 'mathstrut', 'strut', 'boldmath', 'unboldmath',
  'global', 'displaylimits',
]);

/** Commands that stand for a space. */
export const SPACES = new Set(['quad', 'qquad', 'newline', 'par', 'linebreak', 'enspace', 'thinspace', 'medspace', 'thickspace']);

/** Control symbols (backslash + one non-letter) -> replacement. */
export const CONTROL_SYMBOLS: Readonly<Record<string, string>> = {
  '%': '%', '&': '&', '#': '#', _: '_', $: '$', ',': ' ', ';': ' ', ':': ' ', '>': ' ', ' ': ' ',
  '\\': ' ', '!': '', '-': '', '/': '', '@': '', '{': '', '}': '', '|': '‖',
};

const SUPERSCRIPT_CHARS: Readonly<Record<string, string>> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸',
  '9': '⁹', '-': '⁻', '+': '⁺', '−': '⁻',
};

const SUBSCRIPT_CHARS: Readonly<Record<string, string>> = {
  '0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈',
  '9': '₉', '-': '₋', '+': '₊', '−': '₋',
};

/** Superscript form of a signed integer such as "2" or "-1", or null when there is none. */
export function toSuperscript(s: string): string | null {
  if (!/^[-+−]?\d+$/.test(s)) return null;
  let out = '';
  for (const ch of s) out += SUPERSCRIPT_CHARS[ch];
  return out;
}

/** Subscript form of a signed integer, or null when there is none. */
export function toSubscript(s: string): string | null {
  if (!/^[-+−]?\d+$/.test(s)) return null;
  let out = '';
  for (const ch of s) out += SUBSCRIPT_CHARS[ch];
  return out;
}

/**
 * Control words of SYMBOLS that are math (Greek, relations and operators, arrows, dots): in a
 * text run of a title or abstract they become an inline math span (`5.18\times` ->
 * `5.18$\times$`); the others (text symbols, letters, words) stay text. Each one alone is
 * KaTeX-valid (tested).
 */
export const MATH_SYMBOLS: ReadonlySet<string> = new Set(
  (
    'alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi ' +
    'omicron pi varpi rho varrho sigma varsigma tau upsilon phi chi psi omega varphi ' +
    'Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega ' +
    'times div cdot pm mp ast star circ bullet sim approx simeq cong equiv propto leq le geq ge ' +
    'neq ne ll gg lesssim gtrsim prec succ in notin ni subset subseteq supset supseteq cap cup ' +
    'setminus wedge land vee lor neg lnot forall exists emptyset varnothing infty partial nabla ' +
    'sum prod int oint ell hbar Re Im aleph top bot perp parallel mid langle rangle lceil rceil ' +
    'lfloor rfloor oplus otimes odot ' +
    'to rightarrow leftarrow gets leftrightarrow Rightarrow Leftarrow Leftrightarrow implies iff ' +
    'mapsto uparrow downarrow longrightarrow ldots cdots vdots ddots'
  ).split(' '),
);
