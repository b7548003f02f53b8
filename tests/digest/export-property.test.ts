/**
 * Whatever a title or abstract contains (Markdown, HTML, Slack syntax, math, stray dollars), the
 * exports link exactly to the paper pages, under site + base, and inject nothing.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import { visit } from 'unist-util-visit';
import { fromHtml } from 'hast-util-from-html';
import { buildDigests } from '../../src/core/digest/digest.ts';
import { digestToHtml, digestToMarkdown, digestToChat, SLACK_WEBHOOK_STYLE } from '../../src/core/digest/export.ts';

const location = { site: 'https://example.org', base: '/rg/' };
const PREFIX = 'https://example.org/rg/';
const nasty = fc.string({
  unit: fc.constantFrom(...'ab Z1.?![]()*_`<>&|$\\#~"\'{}:/', '$x^2$', '\\$', 'http://evil.example/', '<script>', '](http://evil.example/)', '<http://evil.example/|x>', '\n'),
  maxLength: 40,
});

function digestOf(title: string, abstract: string) {
  return buildDigests([{ slug: 'the-paper', title: title.trim() || 'x', abstract, added: '2026-11-25', themes: [] }], [])[0]!;
}

describe('exports of arbitrary text (property)', () => {
  it('Markdown: our absolute links exactly once each, nothing injected', () => {
    fc.assert(
      fc.property(nasty, nasty, (title, abstract) => {
        const md = digestToMarkdown({ digest: digestOf(title, abstract), location });
        const links: string[] = [];
        visit(unified().use(remarkParse).use(remarkGfm).use(remarkMath).parse(md), (node) => {
          if (node.type === 'link') links.push(node.url);
        });
        const ours = [`${PREFIX}digests/2026-w48/`, `${PREFIX}papers/the-paper/`, `${PREFIX}digests/`];
        expect(links.filter((url) => ours.includes(url))).toEqual(ours);
        // Anything else is a bare URL the text itself contains, linked by GFM (never one we made up).
        for (const url of links.filter((u) => !ours.includes(u))) {
          expect(`${title} ${abstract}`, url).toContain(url.replace(/^mailto:/, '').replace(/^http:\/\/(?=www\.)/, '').replace(/[|\\>]+$/, '').slice(0, 12));
        }
      }),
      { numRuns: Number(process.env.DIGEST_PROPERTY_RUNS ?? 300) },
    );
  });

  it('HTML: no element or link the digest did not make', async () => {
    const allowed = new Set(['h1', 'h2', 'p', 'em', 'strong', 'a', 'ul', 'li', 'span', 'code']);
    await fc.assert(
      fc.asyncProperty(nasty, nasty, async (title, abstract) => {
        const html = await digestToHtml({ digest: digestOf(title, abstract), location });
        const hrefs: string[] = [];
        visit(fromHtml(html, { fragment: true }), 'element', (node) => {
          expect(allowed.has(node.tagName) || /^m[a-z]+$|^semantics$|^annotation$/.test(node.tagName), node.tagName).toBe(true);
          if (typeof node.properties?.href === 'string') hrefs.push(node.properties.href);
        });
        expect(hrefs).toEqual([`${PREFIX}digests/2026-w48/`, `${PREFIX}papers/the-paper/`, `${PREFIX}digests/`]);
      }),
      { numRuns: 200 },
    );
  });

  it('Slack: every <...> is one of our links', () => {
    fc.assert(
      fc.property(nasty, nasty, (title, abstract) => {
        const slack = digestToChat({ digest: digestOf(title, abstract), location }, SLACK_WEBHOOK_STYLE);
        const angles = [...slack.matchAll(/<([^>]*)>/g)].map((m) => m[1]!.split('|')[0]);
        expect(angles).toEqual([`${PREFIX}digests/2026-w48/`, `${PREFIX}papers/the-paper/`, `${PREFIX}digests/`]);
      }),
      { numRuns: Number(process.env.DIGEST_PROPERTY_RUNS ?? 300) },
    );
  });
});
