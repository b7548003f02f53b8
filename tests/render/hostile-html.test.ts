/**
 * Issue 13 §4 (HTML built with hast) and issue 14 items 4 and 14: whatever a title, abstract or
 * digest summary holds, the HTML lectern writes from it (paper pages' title and abstract, the
 * digest's HTML export in both math modes, every feed's item content and description) parses, as
 * a browser parses it (hast-util-from-html), to a tree of lectern's own elements only, with no
 * event-handler attribute and no link that is not http(s). The text is hast text nodes escaped by
 * hast-util-to-html; a template that let one through unescaped fails here.
 */
import fc from 'fast-check';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { buildDigests } from '../../src/core/digest/digest.ts';
import { digestToHast, digestToHtml } from '../../src/core/digest/export.ts';
import { digestRssItems, paperJsonFeed, paperRssItems } from '../../src/core/feed/index.ts';
import { renderCleanText } from '../../src/core/render/math.ts';

const location = { site: 'https://example.org', base: '/rg/' };
const themes = [{ slug: 'ssm', name: 'State-space <models> & "RNNs"' }];

/** Elements lectern writes: its own HTML, KaTeX's HTML and MathML, and the SVG KaTeX draws some symbols with. */
const LECTERN_HTML = new Set(['h1', 'h2', 'p', 'em', 'strong', 'a', 'ul', 'li', 'span', 'code']);
const KATEX = new Set(['math', 'semantics', 'annotation', 'svg', 'path', 'line']);
const isLecternElement = (tag: string) => LECTERN_HTML.has(tag) || KATEX.has(tag) || /^m[a-z]+$/.test(tag);

/** Pieces of hostile text: markup, entities, quotes, attribute breaks, TeX that KaTeX may render or reject. */
const piece = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom(
    '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<a href="javascript:alert(1)">x</a>', '</p>', '</li></ul>',
    '<!--', '-->', '<![CDATA[', ']]>', '<svg onload=alert(1)>', '<math><mi xlink:href="javascript:x">y</mi></math>',
    '"', "'", '&', '&lt;', '&amp;', '&#60;', '<', '>', '=', ' onmouseover=alert(1) ', '`',
    'https://evil.example/"onmouseover="alert(1)', 'javascript:alert(1)', 'http://a.b/<x>',
    '$', '\\$', '$x^2$', '$\\alpha<b$', '$\\href{javascript:alert(1)}{x}$', '$\\url{javascript:x}$',
    '$\\htmlClass{x}{y}$', '$\\text{<img src=x onerror=1>}$', '$\\frac{1}{$', '$\\sqrt{x}$', '$\\widehat{a}$', '\n',
  ),
);
const hostile = fc.array(piece, { maxLength: 10 }).map((parts) => parts.join(''));

/** What in `html` lectern did not write: a foreign element, an on* attribute, a non-http(s) link. */
function foreignMarkup(html: string): string[] {
  const problems: string[] = [];
  visit(fromHtml(html, { fragment: true }), (node) => {
    if (node.type === 'comment' || node.type === 'doctype') problems.push(node.type);
    if (node.type !== 'element') return;
    const element = node as Element;
    if (!isLecternElement(element.tagName)) problems.push(`<${element.tagName}>`);
    for (const [name, value] of Object.entries(element.properties)) {
      if (/^on/i.test(name)) problems.push(`${name} on <${element.tagName}>`);
      if (/^(?:href|src|xLinkHref|action|formAction)$/.test(name) && !/^https?:\/\//.test(String(value))) problems.push(`${name}="${value}"`);
    }
  });
  return problems;
}

/** An RSS description is HTML of text alone: no element at all. */
function elementsIn(html: string): string[] {
  const tags: string[] = [];
  visit(fromHtml(html, { fragment: true }), 'element', (node) => void tags.push(node.tagName));
  return tags;
}

describe('HTML from hostile text holds only what lectern writes (property)', () => {
  it('the check finds markup written unescaped', () => {
    expect(foreignMarkup('<p>x<img src=x onerror=alert(1)></p>')).toEqual(['<img>', 'src="x"', 'onError on <img>']);
    expect(foreignMarkup('<a href="javascript:alert(1)">x</a><!-- c -->')).toEqual(['href="javascript:alert(1)"', 'comment']);
    expect(foreignMarkup('<span class="katex"><math><mi>x</mi></math></span> &#x3C;script>')).toEqual([]);
  });

  it('paper pages, the digest export and every feed', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, hostile, hostile, async (title, abstract, summary) => {
        const paper = { slug: 'the-paper', title: title.trim() || 'x', abstract, added: '2026-11-25', themes: ['ssm'] };
        const outputs: Record<string, string> = {
          'page title': renderCleanText(paper.title).html,
          'page abstract': renderCleanText(abstract, { linkUrls: true }).html,
        };
        const [digest] = buildDigests([paper], themes, new Map([['2026-w48', { title: `Week ${title}`, summary }]]));
        outputs['digest export'] = await digestToHtml({ digest: digest!, location });
        outputs['digest export, math as text'] = await digestToHtml({ digest: digest!, location }, 'text');
        const [paperItem] = paperRssItems([paper], themes, location);
        const [digestItem] = digestRssItems([{ digest: digest!, tree: await digestToHast({ digest: digest!, location }) }], location);
        outputs['paper RSS content'] = paperItem!.content!;
        outputs['digest RSS content'] = digestItem!.content!;
        outputs['JSON Feed content_html'] = paperJsonFeed({ title: 't', description: 'd', papers: [paper], themes, location }).items[0]!.content_html;
        for (const [output, html] of Object.entries(outputs)) expect(foreignMarkup(html), `${output}: ${html}`).toEqual([]);
        expect(elementsIn(paperItem!.description!), 'paper RSS description').toEqual([]);
        expect(elementsIn(digestItem!.description!), 'digest RSS description').toEqual([]);
      }),
      { numRuns: Number(process.env.HOSTILE_HTML_RUNS ?? 300) },
    );
  });
});
