import { compile } from '@mdx-js/mdx';
import remarkMath from 'remark-math';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlainMarkdown } from '../src/core/papers/notes.ts';

const NOTES = `## Why we read it

FlashAttention cuts memory traffic; cost stays $O(n^2)$ but IO drops.

$$
C(n) = \\sum_{i=1}^{n} \\frac{d_k}{\\sqrt{i}}
$$

\`\`\`python
def f(x): return {"a": x < 1}
\`\`\`

- Open question: \`a < b\` at **7B**?
- See [the paper](https://arxiv.org/abs/2205.14135).
`;

describe('notes that render as plain Markdown', () => {
  it('accepts Markdown with math and code, whatever the code and math contain', () => {
    expect(isPlainMarkdown(NOTES)).toBe(true);
    expect(isPlainMarkdown('Inline $\\{a, b\\}$ and `<div>` are fine.')).toBe(true);
    expect(isPlainMarkdown('- item\n\n  continued paragraph')).toBe(true);
  });

  it('sends anything MDX reads differently to MDX', () => {
    expect(isPlainMarkdown('A <Chart /> here.')).toBe(false);
    expect(isPlainMarkdown('Costs x < y.')).toBe(false);
    expect(isPlainMarkdown('An {expression}.')).toBe(false);
    expect(isPlainMarkdown("import Chart from './chart.astro';\n\n<Chart />")).toBe(false);
    expect(isPlainMarkdown('export const x = 1;')).toBe(false);
    expect(isPlainMarkdown('<!-- a comment -->')).toBe(false);
    expect(isPlainMarkdown('<https://example.org>')).toBe(false);
    expect(isPlainMarkdown('Text\n\n    indented code')).toBe(false);
  });

  // A body classified as plain Markdown never fails as MDX and never yields raw HTML in Markdown.
  it('classifies only bodies that compile as MDX and render without raw HTML as Markdown', async () => {
    const markdown = unified().use(remarkParse).use(remarkMath).use(remarkRehype).use(rehypeStringify);
    const word = fc.constantFrom('attention', 'a < b', '{x}', '$k$', '`code`', '**bold**', '#', '-', '\n\n', '    ', '<br>', 'x', '$$', '\n');
    await fc.assert(
      fc.asyncProperty(fc.array(word, { maxLength: 12 }), async (words) => {
        const body = words.join(' ');
        if (!isPlainMarkdown(body)) return;
        await expect(compile(body, { remarkPlugins: [remarkMath] })).resolves.toBeDefined();
        expect(String(await markdown.process(body))).not.toMatch(/<(?!\/?(?:p|h\d|ul|ol|li|em|strong|code|pre|span|hr|br|div)\b)/);
      }),
      { numRuns: 300 },
    );
  });
});
