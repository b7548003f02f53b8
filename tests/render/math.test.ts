import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { renderCleanText, renderTex, searchAliases } from '../../src/core/render/math.ts';
import { escapeHtml } from '../../src/core/text.ts';

/** The text a reader sees: tags stripped, KaTeX's MathML and hidden search words left out. */
function visibleText(html: string): string {
  return html
    .replace(/<span class="katex-mathml">[\s\S]*?<\/math><\/span>/g, '')
    .replace(/<span class="visually-hidden"[^>]*>[^<]*<\/span>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
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
    expect(out.html).toContain(`<annotation encoding="application/x-tex">${escapeHtml(tex)}</annotation>`);
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
    expect(out.html).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; {braces} &#39;q&#39;');
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
    expect(renderTex('\\alpha')).toContain('katex');
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
