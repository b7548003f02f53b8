import { describe, expect, it } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import { buildDigests } from '../../src/core/digest/digest.ts';
import { cleanTextToMarkdown, exportDigest } from '../../src/core/digest/export.ts';
import { absoluteUrl, normaliseBase } from '../../src/core/urls.ts';

const themes = [{ slug: 'ssm', name: 'State-space models' }];
const digests = buildDigests(
  [
    { slug: 'pixart-alpha', title: 'PixArt-$\\alpha$: fast <T2I> & [more]', abstract: 'We reach $O(n. m^2)$ cost, e.g. for 1.5 x. More.', added: '2026-11-25', themes: ['ssm'] },
    { slug: 'plain', title: 'Plain *title* | pipe', abstract: 'A \\$5 model. Yes.', added: '2026-11-24', themes: [] },
    { slug: 'older', title: 'Older', abstract: 'Old.', added: '2026-11-10', themes: [] },
    { slug: 'newer', title: 'Newer', abstract: 'New.', added: '2026-12-02', themes: [] },
  ],
  themes,
);
const digest = digests.find((d) => d.id === '2026-W48')!;
const intro = [
  'See [the paper](../../papers/pixart-alpha/), [a theme](/rg/themes/ssm/), [anchor](#x) and $E=mc^2$.',
  '',
  '```py',
  'print("<hi>")',
  '```',
  '',
  '<script>alert(1)</script>',
  '',
  '{/* a comment for the editor */}',
  '',
  'Best of the week: <Highlight>FlashAttention</Highlight>.',
].join('\n');
const location = { site: 'https://example.github.io', base: '/rg/' };
const prefix = 'https://example.github.io/rg/';

function markdownLinks(markdown: string): string[] {
  const urls: string[] = [];
  visit(unified().use(remarkParse).use(remarkGfm).use(remarkMath).parse(markdown), (node) => {
    if (node.type === 'link' || node.type === 'image' || node.type === 'definition') urls.push(node.url);
  });
  return urls;
}

describe('absolute URLs', () => {
  it('respect site and base path however they are written', () => {
    expect(normaliseBase('rg')).toBe('/rg/');
    expect(normaliseBase('/')).toBe('/');
    expect(absoluteUrl({ site: 'https://x.org/', base: '/' }, 'papers/a/')).toBe('https://x.org/papers/a/');
    expect(absoluteUrl({ site: 'https://x.org', base: '/rg' }, '/papers/a/')).toBe('https://x.org/rg/papers/a/');
    expect(absoluteUrl({ site: 'https://x.org', base: '/rg/' })).toBe('https://x.org/rg/');
  });
});

describe('digest export', () => {
  it('Markdown: every link is absolute under site + base, math kept, text escaped', async () => {
    const md = await exportDigest('md', { digest, introBody: intro, location });
    const links = markdownLinks(md);
    expect(links.length).toBeGreaterThanOrEqual(8);
    for (const url of links) expect(url.startsWith(prefix), url).toBe(true);
    expect(links).toContain(`${prefix}papers/pixart-alpha/`);
    expect(links).toContain(`${prefix}papers/plain/`);
    expect(links).toContain(`${prefix}themes/ssm/`);
    expect(links).toContain(`${prefix}digests/2026-w46/`); // previous week
    expect(links).toContain(`${prefix}digests/2026-w49/`); // next week
    expect(links).toContain(`${prefix}digests/2026-w48/#x`);
    expect(md).toContain('$\\alpha$');
    expect(md).toContain('$O(n. m^2)$ cost, e.g. for 1.5 x.');
    expect(md).not.toContain('More.');
    expect(md).toContain('\\[more\\]');
    expect(md).toContain('## State-space models (1)');
    expect(md).toContain('## Other (1)');
    expect(md).not.toContain('a comment for the editor');
    expect(md).toContain('Best of the week: FlashAttention.');
  });

  it('reads an intro that is not valid MDX as Markdown', async () => {
    const md = await exportDigest('md', { digest, introBody: 'Costs {a lot. [See](../../papers/plain/)', location });
    expect(md).toContain(`${prefix}papers/plain/`);
  });

  it('HTML: well-formed fragment, absolute links, MathML math, no script from the intro', async () => {
    const html = await exportDigest('html', { digest, introBody: intro, location });
    const tree = fromHtml(html, { fragment: true });
    const hrefs: string[] = [];
    visit(tree, 'element', (node) => {
      expect(node.tagName).not.toBe('script');
      const href = node.properties?.href;
      if (typeof href === 'string') hrefs.push(href);
    });
    expect(hrefs.length).toBeGreaterThanOrEqual(8);
    for (const url of hrefs) expect(url.startsWith(prefix), url).toBe(true);
    expect(html).toContain('<math');
    expect(html).toContain(': fast &#x3C;T2I> &#x26; [more]</a>'); // text, escaped by the serialiser as the intro is
    expect(html).toContain('print("&#x3C;hi>")'); // code is text, escaped
    expect(html).not.toContain('<hi>');
  });

  it('Slack webhook: <url|label> links, escaped &<>, readable math, no raw dollars', async () => {
    const slack = await exportDigest('slack-webhook', { digest, introBody: intro, location });
    const links = [...slack.matchAll(/<([^|>]+)\|[^>]*>/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThanOrEqual(6);
    for (const url of links) expect(url.startsWith(prefix), url).toBe(true);
    expect(slack).toContain('&lt;T2I&gt; &amp; [more]');
    expect(slack).toContain('Plain *title* ∣ pipe');
    expect(slack).not.toMatch(/\$\\alpha\$/);
    expect(slack).toContain('A $5 model.');
    expect(slack).toContain('*State-space models* (1)'); // the section names the theme; no chip repeats it
  });

  it('a digest without an intro still exports its papers', async () => {
    const md = await exportDigest('md', { digest, location: { site: 'https://x.org', base: '/' } });
    expect(markdownLinks(md).every((url) => url.startsWith('https://x.org/'))).toBe(true);
    expect(md).toContain('[PixArt-$\\alpha$: fast \\<T2I\\> & \\[more\\]](https://x.org/papers/pixart-alpha/)');
  });

  it('escapes Markdown syntax in text but not in math', () => {
    expect(cleanTextToMarkdown('a_b *c* $a_b*c$ \\$1')).toBe('a\\_b \\*c\\* $a_b*c$ \\$1');
  });
});
