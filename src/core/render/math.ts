/**
 * Clean text (TEAM.md "Clean text contract") -> HTML with math rendered by KaTeX at build time.
 *
 * Text segments are text nodes; `$...$` segments become KaTeX HTML+MathML. Math KaTeX rejects
 * is shown as its TeX source in a <code> element, never an exception. The HTML is a hast tree,
 * serialised once by hast-util-to-html. Pure: no I/O.
 */
import katex from 'katex';
import type { ElementContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { splitMath, toPlainText } from '../normalize/index.ts';
import { acronymAliases } from '../search/acronyms.ts';
import { text } from './hast.ts';

export interface RenderedText {
  /** Safe HTML: escaped text and KaTeX markup (set:html on the pages). */
  html: string;
  /** True when at least one math segment rendered through KaTeX (the page needs its CSS). */
  hasMath: boolean;
  /** Search words the text lacks (`searchAliases`: Greek letter names, acronyms' other form), for a hidden span on the paper page. */
  aliases: string;
  /** The text as plain Unicode, math readable (`toPlainText`): for meta tags, cards, citations. */
  plain: string;
}

/**
 * The most recently used renderings: papers repeat formulas ($O(n^2)$, $\alpha$), and parsing
 * KaTeX's string costs about as much again as rendering it. Bounded, because a parsed formula
 * takes 20-90 KiB of heap.
 */
const recentTex = new Map<string, ElementContent[] | null>();
const RECENT_TEX_LIMIT = 256;

/**
 * KaTeX's rendering of one TeX expression as hast nodes (`htmlAndMathml` for pages, `mathml` for
 * feeds and mail), or null when KaTeX cannot parse it. KaTeX only writes strings; its string is
 * parsed into a tree (as rehype-katex does), so every output is a tree one serialiser writes.
 * The nodes are shared between calls: put them in trees, never change them.
 */
export function renderTex(tex: string, output: 'htmlAndMathml' | 'mathml' = 'htmlAndMathml'): ElementContent[] | null {
  const key = `${output} ${tex}`;
  let nodes = recentTex.get(key);
  if (nodes === undefined) {
    try {
      const html = katex.renderToString(tex, { throwOnError: true, strict: 'ignore', output });
      nodes = fromHtml(html, { fragment: true }).children as ElementContent[];
    } catch {
      nodes = null;
    }
    if (recentTex.size >= RECENT_TEX_LIMIT) recentTex.delete(recentTex.keys().next().value!);
  } else {
    recentTex.delete(key); // re-inserted below: the Map's order is least recently used first
  }
  recentTex.set(key, nodes);
  return nodes;
}

/** An http(s) URL in running text, up to whitespace or a character URLs do not contain unescaped. */
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'`{}|\\^]+/gi;

/** Drops what ends a sentence rather than the URL: final punctuation, a closing bracket without its opener. */
function trimUrl(candidate: string): string {
  let url = candidate.replace(/[.,;:!?*]+$/, '');
  for (const [open, close] of [['(', ')'], ['[', ']']] as const) {
    while (url.endsWith(close) && url.split(open).length < url.split(close).length) url = url.slice(0, -1).replace(/[.,;:!?*]+$/, '');
  }
  return url;
}

/** Text nodes with every http(s) URL in the text a link (`rel="noopener"`); anything else stays text. */
export function linkifyText(value: string): ElementContent[] {
  const nodes: ElementContent[] = [];
  let last = 0;
  for (const match of value.matchAll(URL_IN_TEXT)) {
    const url = trimUrl(match[0]);
    let parsed: URL | null = null;
    try {
      parsed = new URL(url);
    } catch {
      parsed = null;
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol) || !parsed.hostname.includes('.')) continue;
    if (match.index > last) nodes.push(text(value.slice(last, match.index)));
    nodes.push(h('a', { href: parsed.href, rel: 'noopener' }, url));
    last = match.index + url.length;
  }
  if (last < value.length) nodes.push(text(value.slice(last)));
  return nodes;
}

/**
 * Renders clean text. Each math segment is wrapped in `<span data-pagefind-ignore>` (the KaTeX
 * markup repeats the formula three times) followed by a visually hidden, aria-hidden span with
 * its plain text, so search indexes the formula once, as readable text. With `linkUrls`, URLs in
 * the text (never inside math) become links.
 */
export function renderCleanText(clean: string, options: { linkUrls?: boolean } = {}): RenderedText {
  let hasMath = false;
  const nodes = splitMath(clean).flatMap((segment): ElementContent[] => {
    if (segment.kind === 'text') return options.linkUrls ? linkifyText(segment.value) : [text(segment.value)];
    const rendered = renderTex(segment.tex);
    if (rendered === null) return [h('code.math-source', segment.tex)];
    hasMath = true;
    return [
      h('span', { dataPagefindIgnore: true }, rendered),
      h('span.visually-hidden', { ariaHidden: 'true' }, toPlainText(`$${segment.tex}$`)),
    ];
  });
  const plain = toPlainText(clean);
  return { html: toHtml({ type: 'root', children: nodes }), hasMath, aliases: plainAliases(plain), plain };
}

/** Greek letters by their TeX names, so "alpha" finds "α". */
const GREEK: Record<string, string> = {
  α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', ε: 'epsilon', ϵ: 'epsilon', ζ: 'zeta', η: 'eta',
  θ: 'theta', ϑ: 'theta', ι: 'iota', κ: 'kappa', λ: 'lambda', μ: 'mu', ν: 'nu', ξ: 'xi',
  π: 'pi', ρ: 'rho', σ: 'sigma', ς: 'sigma', τ: 'tau', υ: 'upsilon', φ: 'phi', ϕ: 'phi',
  χ: 'chi', ψ: 'psi', ω: 'omega', Γ: 'Gamma', Δ: 'Delta', Θ: 'Theta', Λ: 'Lambda', Ξ: 'Xi',
  Π: 'Pi', Σ: 'Sigma', Υ: 'Upsilon', Φ: 'Phi', Ψ: 'Psi', Ω: 'Omega',
};

/**
 * The words people type for clean text that it does not hold: the names of its Greek letters, in
 * text or math (`PixArt-α` and `PixArt-$\alpha$` -> "alpha"), and the other form of its acronyms
 * (`Sparse MoE` -> "mixture of experts", see core/search/acronyms.ts). Empty when none.
 */
export function searchAliases(clean: string): string {
  return plainAliases(toPlainText(clean));
}

function plainAliases(plain: string): string {
  return [greekNames(plain), acronymAliases(plain)].filter(Boolean).join(' ');
}

/** The Greek and Coptic block, where every letter of GREEK lies: most texts have none. */
const ANY_GREEK = /[\u0370-\u03ff]/;

function greekNames(plain: string): string {
  if (!ANY_GREEK.test(plain)) return '';
  const names = new Set<string>();
  for (const ch of plain) {
    const name = GREEK[ch];
    if (name) names.add(name);
  }
  return [...names].join(' ');
}
