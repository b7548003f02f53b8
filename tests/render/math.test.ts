import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Nodes } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { renderCleanText, renderTex, searchAliases } from '../../src/core/render/math.ts';

/** The text a reader sees, as a browser parses the HTML: KaTeX's MathML and hidden search words left out. */
function visibleText(html: string): string {
  const hidden = new Set(['katex-mathml', 'visually-hidden']);
  const textOf = (node: Nodes): string => {
    if (node.type === 'text') return node.value;
    if (node.type === 'element' && (node.properties.className as string[] | undefined)?.some((name) => hidden.has(name))) return '';
    return 'children' in node ? node.children.map(textOf).join('') : '';
  };
  return textOf(fromHtml(html, { fragment: true }));
}

describe('renderCleanText', () => {
  test.each([
    ['PixArt-$\\alpha$: Fast Training', '\\alpha', true],
    ['quadratic $O(n^2)$ cost', 'O(n^2)', true],
    ['up to $5.18\\times$ faster', '5.18\\times', true],
  ])('%s renders its math with KaTeX', (clean, tex, hasMath) => {
    const out = renderCleanText(clean);
    expect(out.hasMath).toBe(hasMath);
    expect(out.html).toContain('class="katex"');
    expect(out.html).toContain(`<annotation encoding="application/x-tex">${tex}</annotation>`);
    expect(out.html).toContain('<span data-pagefind-ignore>');
  });

  test('a literal \\$ is a dollar sign in text, not math', () => {
    const out = renderCleanText('costs \\$1 and \\$2 per run');
    expect(out).toEqual({ html: 'costs $1 and $2 per run', hasMath: false, aliases: '', plain: 'costs $1 and $2 per run' });
  });

  test('math KaTeX rejects becomes its TeX source in <code>, never an exception', () => {
    const out = renderCleanText('broken $\\frac{1}{$ here');
    expect(out.hasMath).toBe(false);
    expect(out.html).toBe('broken <code class="math-source">\\frac{1}{</code> here');
  });

  test('text is escaped: markup in a title is shown, never interpreted', () => {
    const out = renderCleanText(`<script>alert("x")</script> & {braces} 'q'`);
    // hast-util-to-html escapes what HTML text needs: `<` and `&` (as the site's Markdown pages do).
    expect(out.html).toBe(`&#x3C;script>alert("x")&#x3C;/script> &#x26; {braces} 'q'`);
    expect(visibleText(out.html)).toBe(`<script>alert("x")</script> & {braces} 'q'`);
  });

  test('each formula is indexed once, as plain text, in a hidden span', () => {
    const html = renderCleanText('cost $O(n^2)$').html;
    expect(html).toMatch(/<span class="visually-hidden" aria-hidden="true">O\(n²\)<\/span>$/);
  });

  test('property: never throws, and what a reader sees outside math is the text itself', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const clean = text.replace(/[$\\]/g, '');
        const out = renderCleanText(clean);
        expect(out.hasMath).toBe(false);
        expect(visibleText(out.html)).toBe(clean);
        expect(out.html).not.toMatch(/<(?!\/?code)/);
      }),
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        const out = renderCleanText(text);
        expect(typeof out.html).toBe('string');
        expect(out.html).not.toMatch(/<script|<img|<iframe|\son\w+=/i);
      }),
    );
  });
});

describe('renderTex', () => {
  test('returns null for TeX KaTeX cannot parse', () => {
    expect(renderTex('\\frac{')).toBeNull();
    expect(toHtml({ type: 'root', children: renderTex('\\alpha')! })).toContain('class="katex"');
  });
});

describe('searchAliases', () => {
  test.each([
    ['PixArt-α: Fast Training', 'alpha'],
    ['PixArt-$\\alpha$', 'alpha'],
    ['$\\beta$-VAE and β again with $\\Omega(n)$', 'beta Omega'],
    ['FlashAttention-2', ''],
  ])('%s -> "%s"', (clean, aliases) => {
    expect(searchAliases(clean)).toBe(aliases);
  });
});
