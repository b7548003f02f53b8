/**
 * The layout's import rules, checked on every source file (issue 13 "Done when"):
 * - src/core is pure: no Astro, no file, network or process I/O;
 * - pages, components, layouts, src/lib and the middleware never import build hooks
 *   (src/integrations): hooks own their inputs, nothing hands them work on the side;
 * - no globalThis hand-offs anywhere in src/;
 * - a route in src/pages serves visitors: each static endpoint (`papers/feed.json`) is a URL the
 *   site links to (the URL module, a page, a component or a client script names it), so no route
 *   exists only to hand a build hook its data through the output (hooks read the content);
 * - the site never imports the command-line tools or the tests, and scripts never import tests;
 * - outside .astro files, HTML is built as hast trees (hastscript `h()`) and written by
 *   hast-util-to-html, never by string templates: no string literal holds an HTML tag.
 * The rules are also run on a few made-up files, so a broken checker cannot pass silently.
 */
import { globSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

interface SourceFile {
  /** Repo-relative path, `src/lib/papers.ts`. */
  path: string;
  text: string;
}

/** Module specifiers a file imports (static, dynamic, re-exports); for .astro files, of the frontmatter and scripts. */
function importsOf(file: SourceFile): string[] {
  const code = file.path.endsWith('.astro')
    ? [/^---\n([\s\S]*?)\n---/.exec(file.text)?.[1] ?? '', ...[...file.text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!)].join('\n')
    : file.text;
  return ts.preProcessFile(code, true, true).importedFiles.map((ref) => ref.fileName);
}

/** A specifier as a repo-relative path when it is relative, else as written (`astro:content`, `node:fs`). */
function target(from: string, specifier: string): string {
  return specifier.startsWith('.') ? normalize(join(dirname(from), specifier)) : specifier;
}

const FORBIDDEN_IN_CORE = /^(?:astro(?::|\/|$)|(?:node:)?(?:fs|fs\/promises|net|http|https|child_process|worker_threads)$)/;
const SITE_SIDE = /^src\/(?:lib|pages|components|layouts|client)\/|^src\/middleware\.ts$/;

/** A route file in src/pages that is one fixed URL, not a page: `src/pages/papers/feed.json.ts` -> `papers/feed.json`. */
const STATIC_ENDPOINT = /^src\/pages\/([^[\]]+\.[a-z]+)\.ts$/;
/** Where the site's links come from: the URL module, pages, components, layouts, client scripts, src/lib. */
const LINKS_TO_ROUTES = /^src\/(?:core\/urls\.ts$|pages\/|components\/|layouts\/|client\/|lib\/)/;
/** URLs fetched by convention, not through a link. */
const WELL_KNOWN = new Set(['robots.txt']);

/** An HTML tag, opening or closing, of an element lectern could write. */
const HTML_TAG = /<\/?(?:a|abbr|article|b|body|br|button|code|div|em|footer|form|h[1-6]|head|header|html|i|iframe|img|input|li|link|main|math|meta|nav|ol|p|pre|script|section|span|strong|style|svg|table|td|th|tr|ul)(?=[\s>/])/i;
/** Files whose strings are source code with markup in it, not HTML: the benchmark writes an Astro page for its baseline project. */
const WRITES_ASTRO_SOURCE = new Set(['scripts/bench/baseline.ts']);

/** Lines of string and template literals in a TypeScript file that hold an HTML tag. */
function htmlTemplateLines(file: SourceFile): number[] {
  const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true);
  const lines: number[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) && HTML_TAG.test(node.text)) {
      lines.push(source.getLineAndCharacterOfPosition(node.getStart()).line + 1);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...new Set(lines)];
}

export function violations(files: readonly SourceFile[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    for (const specifier of importsOf(file)) {
      const to = target(file.path, specifier);
      const say = (rule: string) => found.push(`${file.path} imports ${specifier}: ${rule}`);
      if (file.path.startsWith('src/core/') && FORBIDDEN_IN_CORE.test(specifier)) say('src/core has no Astro and no I/O');
      if (file.path.startsWith('src/core/') && /^src\/(?!core\/)/.test(to)) say('src/core imports only src/core');
      if (SITE_SIDE.test(file.path) && to.startsWith('src/integrations/')) say('the site never reaches into build hooks');
      if (file.path.startsWith('src/') && /^(?:scripts|tests)\//.test(to)) say('the site never imports scripts or tests');
      if (file.path.startsWith('scripts/') && to.startsWith('tests/')) say('scripts never import tests');
    }
    if (file.path.startsWith('src/') && /\bglobalThis\b/.test(file.text)) found.push(`${file.path} uses globalThis: hand work over through inputs, not a global`);
    if (/\.(?:ts|mjs)$/.test(file.path) && !WRITES_ASTRO_SOURCE.has(file.path)) {
      for (const line of htmlTemplateLines(file)) found.push(`${file.path}:${line} writes HTML in a string: build it with h() and hast-util-to-html`);
    }
  }
  const linking = files.filter((file) => LINKS_TO_ROUTES.test(file.path));
  for (const route of files) {
    const url = STATIC_ENDPOINT.exec(route.path)?.[1];
    if (!url || WELL_KNOWN.has(url)) continue;
    if (!linking.some((file) => file !== route && file.text.includes(url))) {
      found.push(`${route.path} serves ${url}, which no page links to: a build hook reads the content itself, not a route's output`);
    }
  }
  return found;
}

function repoFiles(): SourceFile[] {
  const paths = globSync(['src/**/*.{ts,mjs,astro}', 'scripts/**/*.ts', 'astro.config.mjs'], { cwd: ROOT });
  return paths.map((path) => ({ path: relative('.', path), text: readFileSync(join(ROOT, path), 'utf8') }));
}

describe('the import rules', () => {
  it('hold for every source file', () => {
    const files = repoFiles();
    expect(files.length).toBeGreaterThan(100);
    expect(violations(files)).toEqual([]);
  });

  it.each([
    ['src/core/papers/x.ts', "import { readFileSync } from 'node:fs';", 'src/core has no Astro and no I/O'],
    ['src/core/papers/x.ts', "import { getCollection } from 'astro:content';", 'src/core has no Astro and no I/O'],
    ['src/core/papers/x.ts', "const net = await import('node:net');", 'src/core has no Astro and no I/O'],
    ['src/core/papers/x.ts', "import { getPapers } from '../../lib/papers.ts';", 'src/core imports only src/core'],
    ['src/lib/x.ts', "import { handOff } from '../integrations/og-images.ts';", 'the site never reaches into build hooks'],
    ['src/middleware.ts', "export { onRequest } from './integrations/og-images.ts';", 'the site never reaches into build hooks'],
    ['src/pages/x.astro', "---\nimport { jobs } from '../integrations/og-images.ts';\n---\n<p>x</p>", 'the site never reaches into build hooks'],
    ['src/lib/x.ts', "import { launchBrowser } from '../../scripts/lib/browser.ts';", 'the site never imports scripts or tests'],
    ['scripts/bench/x.ts', "import { buildSite } from '../../tests/helpers/site-build.ts';", 'scripts never import tests'],
    ['src/lib/x.ts', '(globalThis as any)[Symbol.for("jobs")] = [];', 'uses globalThis'],
    ['src/core/feed/x.ts', 'const html = `<p>${cleanTextToHtml(paper.abstract)}</p>`;', 'src/core/feed/x.ts:1 writes HTML in a string'],
    ['src/core/digest/x.ts', "out.push('<ul>');", 'writes HTML in a string'],
  ])('catch %s: %s', (path, text, rule) => {
    expect(violations([{ path, text }])).toEqual([expect.stringContaining(rule)]);
  });

  it('catch a route that only hands a build hook its data (the citation jobs list it once had)', () => {
    const route = { path: 'src/pages/citation-jobs.json.ts', text: "export const GET = async () => new Response(JSON.stringify(await jobs()));" };
    const hook = { path: 'src/integrations/citation-files.ts', text: "const jobs = JSON.parse(await readFile(join(outDir, 'citation-jobs.json'), 'utf8'));" };
    expect(violations([route, hook])).toEqual([expect.stringContaining('src/pages/citation-jobs.json.ts serves citation-jobs.json, which no page links to')]);
  });

  it('allow what the layout allows', () => {
    expect(
      violations([
        { path: 'src/core/papers/x.ts', text: "import { z } from 'zod';\nimport { createHash } from 'node:crypto';\nimport { slug } from './slug.ts';" },
        { path: 'src/lib/x.ts', text: "import { getCollection } from 'astro:content';\nimport { readPaper } from '../core/content/index.ts';" },
        { path: 'src/integrations/x.ts', text: "import { lecternConfig } from '../config.ts';\nimport { writeFileAtomic } from '../io/atomic.ts';" },
        { path: 'scripts/x.ts', text: "import { loadPapers } from '../src/io/content.ts';" },
        { path: 'src/pages/papers/feed.json.ts', text: 'export const GET = feed;' },
        { path: 'src/core/urls.ts', text: "export const feedPaths = { papersJson: (): string => 'papers/feed.json' };" },
        { path: 'src/pages/robots.txt.ts', text: 'export const GET = robots;' },
        { path: 'src/pages/themes/[name].[format].ts', text: 'export const GET = citationFile;' },
        { path: 'src/core/digest/x.ts', text: "const link = `<${url}|${label}>`; // a Slack link\nconst hint = 'Rename the file to <date>.mdx';\nconst p = h('p', text);" },
      ]),
    ).toEqual([]);
  });
});

/** The folders and root files of src/, scripts/ and content/ that README's "Layout" block does not name. */
function unnamedInLayout(readme: string, entries: readonly string[]): string[] {
  const block = /## Layout\n+```\n([\s\S]*?)\n```/.exec(readme)?.[1] ?? '';
  const named = new Set(block.split('\n').flatMap((line) => line.match(/[\w.-]+(?:\/[\w.<>{}-]+)*\/?/g) ?? []).map((word) => word.replace(/\/$/, '')));
  return entries.filter((entry) => !named.has(entry) && !named.has(entry.split('/').at(-1)!));
}

describe("README's layout section", () => {
  const entries = ['src', 'scripts', 'content'].flatMap((top) =>
    globSync(`${top}/*`, { cwd: ROOT }).filter((entry) => top !== 'content' || !entry.includes('.')).filter((entry) => !/\.d\.ts$/.test(entry)),
  );

  it('names every folder and file at the top of src/, scripts/ and content/', () => {
    expect(entries.length).toBeGreaterThan(15);
    expect(unnamedInLayout(readFileSync(join(ROOT, 'README.md'), 'utf8'), entries)).toEqual([]);
  });

  it('notices a folder it does not name', () => {
    expect(unnamedInLayout('## Layout\n\n```\nsrc/core/   pure\n  lib/  helpers\n```\n', ['src/core', 'src/lib', 'src/widgets'])).toEqual(['src/widgets']);
  });
});
