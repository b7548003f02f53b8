import rehypeKatex from 'rehype-katex';
import rehypeStringify from 'rehype-stringify';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { expect, test } from 'vitest';
import { rehypeSearchIgnore } from '../../src/core/render/search-ignore.ts';

async function render(markdown: string): Promise<string> {
  const file = await unified().use(remarkParse).use(remarkMath).use(remarkRehype).use(rehypeKatex).use(rehypeSearchIgnore).use(rehypeStringify).process(markdown);
  return String(file);
}

/** The text Pagefind would index: everything outside elements marked data-pagefind-ignore. */
function indexedText(html: string): string {
  let text = html;
  // Remove ignored elements innermost-first until none is left.
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text.replace(/<(\w+)[^>]*data-pagefind-ignore[^>]*>(?:(?!<\1[\s>])[\s\S])*?<\/\1>/, '');
  }
  return text.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
}

test('a formula in notes is indexed once, not three times', async () => {
  const html = await render('Cost is $O(N^2)$ here.');
  expect(html).toContain('katex-mathml');
  const indexed = indexedText(html);
  expect(indexed.match(/N/g)).toHaveLength(1);
  expect(indexed).not.toContain('O(N^2)');
});

test('a heading anchor is kept out of the index; its heading is not', () => {
  const tree = { type: 'root' as const, children: [{ type: 'element' as const, tagName: 'h2', properties: {}, children: [{ type: 'text' as const, value: 'Why' }, { type: 'element' as const, tagName: 'a', properties: { className: ['heading-anchor'] }, children: [{ type: 'text' as const, value: '#' }] }] }] };
  rehypeSearchIgnore()(tree);
  const heading = tree.children[0]!;
  expect(heading.properties).toEqual({});
  expect(heading.children[1]).toMatchObject({ properties: { dataPagefindIgnore: '' } });
});
