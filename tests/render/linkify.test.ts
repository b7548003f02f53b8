import { load } from 'cheerio';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ElementContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { linkifyText, renderCleanText } from '../../src/core/render/math.ts';

/** The links in some HTML (nodes are serialised as the pages serialise them), and its text. */
function read(html: string | ElementContent[]) {
  const $ = load(typeof html === 'string' ? html : toHtml({ type: 'root', children: html }), null, false);
  return {
    links: $('a').map((_, a) => [[$(a).attr('href'), $(a).text(), $(a).attr('rel')]]).get() as string[][],
    elements: $('*').map((_, el) => (el as { tagName: string }).tagName).get(),
    text: $.root().text(),
  };
}

describe('URLs in abstracts become links', () => {
  it.each([
    ['Code: https://github.com/state-spaces/mamba.', 'https://github.com/state-spaces/mamba'],
    ['(see https://github.com/NX-AI/flashrnn)', 'https://github.com/NX-AI/flashrnn'],
    ['at https://en.wikipedia.org/wiki/Attention_(machine_learning), too', 'https://en.wikipedia.org/wiki/Attention_(machine_learning)'],
    ['http://github.com/hustvl/MaTVLM.', 'http://github.com/hustvl/MaTVLM'],
    ['https://github.com/ibm/tsfm/#notebooks-links', 'https://github.com/ibm/tsfm/#notebooks-links'],
    ['https://github.com/huawei-noah/CV-Backbones, and', 'https://github.com/huawei-noah/CV-Backbones'],
  ])('%j links %j', (text, url) => {
    const { links, text: shown } = read(linkifyText(text));
    expect(links).toEqual([[url, url, 'noopener']]);
    expect(shown).toBe(text);
  });

  it.each([
    'javascript:alert(1)',
    'see http:// here',
    'https://localhost/admin',
    'ftp://example.org/file',
    'data:text/html,<script>alert(1)</script>',
  ])('leaves %j as text', (text) => {
    const { links, text: shown } = read(linkifyText(text));
    expect(links).toEqual([]);
    expect(shown).toBe(text);
  });

  it('stops a URL at a quote or angle bracket, so nothing leaks into an attribute', () => {
    const { links, elements } = read(linkifyText('https://example.org/"onmouseover="alert(1) <img src=x onerror=alert(2)>'));
    expect(links).toEqual([['https://example.org/', 'https://example.org/', 'noopener']]);
    expect(elements).toEqual(['a']);
  });

  it('links URLs next to math and leaves the math rendered', () => {
    const rendered = renderCleanText('We reach $5\\times$ speed; code at https://github.com/x/y. Cost $O(n^2)$.', { linkUrls: true });
    const $ = load(rendered.html, null, false);
    expect($('a').attr('href')).toBe('https://github.com/x/y');
    expect($('.katex annotation').map((_, el) => $(el).text()).get()).toEqual(['5\\times', 'O(n^2)']);
    expect(renderCleanText('code at https://github.com/x/y').html).not.toContain('<a');
  });

  it('adds only links: the text is unchanged and every link is http(s) (property)', () => {
    const chunk = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('https://', 'http://a.b/', 'https://github.com/x_(y)', '.', ')', '(', '"', '<', '&amp;', ' ', 'javascript:'),
    );
    fc.assert(
      fc.property(fc.array(chunk, { maxLength: 12 }).map((parts) => parts.join('')), (text) => {
        const { links, elements, text: shown } = read(linkifyText(text));
        expect(shown).toBe(text);
        expect(elements.every((tag) => tag === 'a')).toBe(true);
        for (const [href] of links) expect(href).toMatch(/^https?:\/\/[^\s"<>]+$/);
      }),
      { numRuns: 500 },
    );
  });
});
