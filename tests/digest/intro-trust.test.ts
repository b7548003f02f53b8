/**
 * Issue 14, item 14: `digest new` lists raw titles, and copying one line of its template into the
 * intro ran `<script>alert(1)</script>` on the digest page. Now the template writes titles as MDX
 * text, and an intro renders raw HTML only from trusted constructs (src/core/render/trusted-intro.ts).
 * The site test builds a content folder whose intro holds a copied template line of a hostile
 * title plus hand-written hostile markup, and reads the built page.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import remarkMath from 'remark-math';
import { toString } from 'mdast-util-to-string';
import { introTemplate, titleAsMdxText } from '../../src/core/digest/template.ts';
import { parseWeek } from '../../src/core/digest/week.ts';
import { isSafeUrl, trustIntroTree } from '../../src/core/render/trusted-intro.ts';
import { REPO_ROOT, buildSite, type SiteBuild } from '../helpers/site-build.ts';
import { readPage } from '../helpers/site-check.ts';

const HOSTILE = '<script>alert(1)</script> {alert(2)} [x](javascript:alert(3)) *Net* $O(n^2)$ */ end';

function parseMdx(text: string) {
  return unified().use(remarkParse).use(remarkMdx).use(remarkMath).parse(text);
}

describe('the intro template', () => {
  it('writes a title as MDX text: parsed back, it is the same text and nothing else', () => {
    const tree = parseMdx(titleAsMdxText(HOSTILE.replace(' $O(n^2)$', '')));
    const types = new Set<string>();
    const walk = (node: { type: string; children?: unknown[] }) => {
      types.add(node.type);
      for (const child of (node.children ?? []) as { type: string }[]) walk(child);
    };
    walk(tree);
    expect([...types].sort()).toEqual(['paragraph', 'root', 'text']);
    expect(toString(tree)).toBe(HOSTILE.replace(' $O(n^2)$', ''));
  });

  it('keeps math as math and never ends its comment early', () => {
    const line = titleAsMdxText(HOSTILE);
    expect(line).toContain('$O(n^2)$');
    expect(line).not.toContain('*/');
    const template = introTemplate(parseWeek('2026-W46')!, [
      { slug: 'net', title: HOSTILE, abstract: 'We propose Net.', added: '2026-11-10', themes: [] },
    ]);
    expect(() => parseMdx(template.replace(/^---[\s\S]*?---\n/, ''))).not.toThrow();
  });
});

describe('trusted intro constructs', () => {
  it('keeps allowlisted elements with safe attributes and drops the rest, keeping their text', () => {
    const tree = parseMdx(
      [
        'Hi <mark title="t" onClick="x()">marked</mark> <Highlight>kept text</Highlight> <a href="javascript:alert(1)">bad</a> <a href="../../papers/x/">ok</a>',
        '',
        '<script>alert(2)</script>',
        '',
        '{alert(3)}',
        '',
        'export const x = 1',
      ].join('\n'),
    );
    trustIntroTree(tree);
    const json = JSON.stringify(tree);
    expect(json).not.toMatch(/onClick|javascript:|"name":"script"|"name":"Highlight"|mdxjsEsm|Expression/);
    expect(json).toContain('"name":"mark"');
    expect(json).toContain('../../papers/x/');
    expect(toString(tree)).toContain('kept text');
  });

  it.each([
    ['https://x.org', true], ['mailto:a@b.c', true], ['../../papers/x/', true], ['#notes', true],
    ['javascript:alert(1)', false], [' JaVa\tScRiPt:alert(1)', false], ['data:text/html,x', false], ['vbscript:x', false],
  ])('isSafeUrl(%j) is %s', (url, safe) => {
    expect(isSafeUrl(url)).toBe(safe);
  });
});

describe('a built digest page', () => {
  const CONTENT = '.cache/test-content/hostile-intro';
  let site: SiteBuild;
  beforeAll(async () => {
    const dir = join(REPO_ROOT, CONTENT);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, 'digests'), { recursive: true });
    cpSync(join(REPO_ROOT, 'tests/fixtures/site-content'), dir, { recursive: true });
    const file = join(dir, 'papers/pixart-alpha-fast-training-of-diffusion-transformer.mdx');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, `title: ${JSON.stringify(HOSTILE)}`));
    // What a person does: run `digest new`, copy a line of the comment into the intro.
    const template = introTemplate(parseWeek('2026-W46')!, [
      { slug: 'pixart-alpha-fast-training-of-diffusion-transformer', title: HOSTILE, abstract: '', added: '2026-11-09', themes: [] },
    ]);
    const copied = /^ {4}- (\[.*)$/m.exec(template)![1]!;
    const intro = [
      '---', 'title: "Hostile week"', '---', '',
      `Read ${copied} first.`, '',
      '<script>alert(4)</script>', '',
      'An image: <img src="x" onerror="alert(5)" alt="x" />, a link <a href="javascript:alert(6)">here</a>, {alert(7)}.', '',
      '<iframe src="https://evil.example/"></iframe>', '',
    ].join('\n');
    writeFileSync(join(dir, 'digests/2026-w46.mdx'), intro);
    site = await buildSite({ content: CONTENT });
  }, 600_000);

  it('shows the copied title as text and runs nothing from the intro', () => {
    const $ = readPage(site.outDir, 'digests/2026-w46/index.html');
    const intro = $('.digest-intro');
    expect(intro.text()).toContain('<script>alert(1)</script> {alert(2)}');
    expect(intro.find('a[href$="/papers/pixart-alpha-fast-training-of-diffusion-transformer/"]').length).toBe(1);
    expect(intro.find('script, iframe, [onerror], [onclick]').length).toBe(0);
    expect(intro.find('a[href^="javascript:"]').length).toBe(0);
    const html = readFileSync(join(site.outDir, 'digests/2026-w46/index.html'), 'utf8');
    expect(html).not.toMatch(/alert\((?:4|5|6|7)\)/);
    expect(html).not.toMatch(/<script>alert/);
  });
});
