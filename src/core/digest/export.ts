/**
 * A digest as text to paste elsewhere: Markdown (e-mail, GitHub), HTML (e-mail, the digest
 * feed's item content) and Slack mrkdwn. Every link is absolute (site URL + base path); relative
 * links in the human intro are resolved against the digest page's URL.
 *
 * Math: Markdown keeps `$...$` (GitHub and most Markdown tools render it); HTML uses KaTeX's
 * MathML output, which feed readers and mail clients show without a stylesheet; Slack has no
 * math, so formulas become readable plain text.
 */
import katex from 'katex';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import remarkStringify from 'remark-stringify';
import rehypeKatex from 'rehype-katex';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { Root as MdastRoot, RootContent as MdastNode, PhrasingContent } from 'mdast';
import type { Root as HastRoot } from 'hast';
import { joinMath, splitMath, toPlainText } from '../normalize/index.ts';
import { digestSections, type DigestPaper, type DigestSection, type WeekDigest } from './digest.ts';
import { absoluteUrl, sitePaths, type SiteLocation } from './urls.ts';
import { weekId, parseWeek } from './week.ts';

export const EXPORT_FORMATS = ['md', 'html', 'slack'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportInput {
  readonly digest: WeekDigest;
  /** The intro's Markdown/MDX body, when the week has an intro file. */
  readonly introBody?: string | null | undefined;
  readonly location: SiteLocation;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/* ---------- clean text (title, summary) in each format ---------- */

/** Titles and summaries are one line wherever they go (a line break would end a list item or a Slack link). */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Markdown: text escaped, math kept as `$...$`, literal dollars as `\$`. */
export function cleanTextToMarkdown(clean: string): string {
  return splitMath(oneLine(clean))
    .map((segment) =>
      segment.kind === 'text'
        ? plainTextToMarkdown(segment.value)
        : // Markdown math has no escapes: a `$` inside the formula would end it, so such a formula is text.
          segment.tex.includes('$')
          ? plainTextToMarkdown(toPlainText(joinMath([segment])))
          : `$${segment.tex}$`,
    )
    .join('');
}

/**
 * Markdown for plain text (no math): every Markdown-significant character escaped. A bare URL in
 * the text stays a URL (GitHub-flavoured Markdown links it, which no escape prevents).
 */
export function plainTextToMarkdown(text: string): string {
  // `{` and `}` too: in MDX (a digest intro) they open JavaScript expressions.
  return text.replace(/[\\`*_[\]<>{}|~$#]/g, (ch) => `\\${ch}`);
}

/** HTML: text escaped, math as MathML (or its TeX source in <code> when KaTeX rejects it). */
export function cleanTextToHtml(clean: string): string {
  return splitMath(oneLine(clean))
    .map((segment) => {
      if (segment.kind === 'text') return escapeHtml(segment.value);
      try {
        return katex.renderToString(segment.tex, { output: 'mathml', throwOnError: true, strict: 'ignore' });
      } catch {
        return `<code>${escapeHtml(segment.tex)}</code>`;
      }
    })
    .join('');
}

/** Slack mrkdwn: readable plain text with `&`, `<`, `>` escaped as Slack requires. */
export function cleanTextToSlack(clean: string): string {
  return escapeSlack(toPlainText(oneLine(clean)));
}

function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A Slack link; its label cannot contain `|`. */
function slackLink(url: string, label: string): string {
  return `<${url}|${label.replace(/\|/g, '∣')}>`;
}

/* ---------- the intro body ---------- */

const MDX_CODE = new Set(['mdxjsEsm', 'mdxFlowExpression', 'mdxTextExpression']);
const MDX_ELEMENTS = new Set(['mdxJsxFlowElement', 'mdxJsxTextElement']);

/**
 * Parses the intro as MDX (falling back to Markdown), then drops what only the site can run: imports/exports and `{...}`
 * expressions (including `{/* comments *\/}`) go, JSX elements are replaced by their children.
 */
function parseIntro(body: string): MdastRoot {
  let tree: MdastRoot;
  try {
    tree = unified().use(remarkParse).use(remarkMdx).use(remarkGfm).use(remarkMath).parse(body);
  } catch {
    // Not valid MDX (e.g. a `.md` intro with a stray `{`): read it as plain Markdown.
    tree = unified().use(remarkParse).use(remarkGfm).use(remarkMath).parse(body);
  }
  visit(tree, (node, index, parent) => {
    if (!parent || index === undefined) return;
    if (MDX_CODE.has(node.type)) {
      parent.children.splice(index, 1);
      return index;
    }
    if (MDX_ELEMENTS.has(node.type)) {
      parent.children.splice(index, 1, ...((node as { children?: MdastNode[] }).children ?? []) as never[]);
      return index;
    }
  });
  return tree;
}

/** Resolves every link and image URL in the intro against the digest page's absolute URL. */
function absolutiseLinks(tree: MdastRoot, pageUrl: string): MdastRoot {
  visit(tree, (node) => {
    if (node.type === 'link' || node.type === 'image' || node.type === 'definition') {
      try {
        node.url = new URL(node.url, pageUrl).href;
      } catch {
        // Leave a URL that cannot be resolved as the author wrote it.
      }
    }
  });
  return tree;
}

function introToMarkdown(body: string, pageUrl: string): string {
  const processor = unified().use(remarkGfm).use(remarkMath).use(remarkStringify, { bullet: '-' });
  return processor.stringify(absolutiseLinks(parseIntro(body), pageUrl)).trim();
}

async function introToHtml(body: string, pageUrl: string): Promise<string> {
  const processor = unified()
    .use(remarkRehype) // raw HTML and JSX in the intro are dropped, never passed through
    .use(rehypeKatex, { output: 'mathml', strict: 'ignore' })
    .use(rehypeStringify);
  const hast = (await processor.run(absolutiseLinks(parseIntro(body), pageUrl))) as HastRoot;
  return processor.stringify(hast).trim();
}

/** Minimal mdast -> Slack mrkdwn: paragraphs, headings, emphasis, code, links, lists, math as text. */
function introToSlack(body: string, pageUrl: string): string {
  const tree = absolutiseLinks(parseIntro(body), pageUrl);
  const inline = (nodes: readonly PhrasingContent[]): string =>
    nodes
      .map((node): string => {
        switch (node.type) {
          case 'text':
            return escapeSlack(node.value.replace(/\s*\n\s*/g, ' ')); // soft line breaks are spaces in Slack
          case 'strong':
            return `*${inline(node.children)}*`;
          case 'emphasis':
            return `_${inline(node.children)}_`;
          case 'delete':
            return `~${inline(node.children)}~`;
          case 'inlineCode':
            return `\`${node.value}\``;
          case 'inlineMath':
            return escapeSlack(toPlainText(`$${node.value}$`));
          case 'link':
            return slackLink(node.url, inline(node.children) || node.url);
          case 'break':
            return '\n';
          default:
            return 'children' in node ? inline(node.children as PhrasingContent[]) : '';
        }
      })
      .join('');
  const block = (node: MdastNode, indent = ''): string => {
    switch (node.type) {
      case 'paragraph':
        return indent + inline(node.children);
      case 'heading':
        return `*${inline(node.children)}*`;
      case 'code':
      case 'math':
        return `\`\`\`\n${node.value}\n\`\`\``;
      case 'blockquote':
        return node.children.map((child) => `> ${block(child)}`).join('\n');
      case 'list':
        return node.children
          .map((item, i) => {
            const marker = node.ordered ? `${(node.start ?? 1) + i}.` : '•';
            return item.children.map((child, j) => (j === 0 ? `${indent}${marker} ${block(child)}` : block(child, `${indent}   `))).join('\n');
          })
          .join('\n');
      case 'thematicBreak':
        return '———';
      default:
        return '';
    }
  };
  return tree.children.map((node) => block(node)).filter(Boolean).join('\n\n');
}

/* ---------- the digest ---------- */

function paperCount(count: number): string {
  return `${count} paper${count === 1 ? '' : 's'}`;
}

function dateLine(digest: WeekDigest): string {
  return `${digest.id}, ${digest.start} to ${digest.end}: ${paperCount(digest.papers.length)}`;
}

function neighbours(digest: WeekDigest, location: SiteLocation): { label: string; url: string }[] {
  const links: { label: string; url: string }[] = [];
  const add = (label: string, slug: string | null) => {
    const week = slug ? parseWeek(slug) : null;
    if (slug && week) links.push({ label: `${label}: ${weekId(week)}`, url: absoluteUrl(location, sitePaths.digest(slug)) });
  };
  add('Previous week', digest.previous);
  add('Next week', digest.next);
  return links;
}

function paperUrl(paper: DigestPaper, location: SiteLocation): string {
  return absoluteUrl(location, sitePaths.paper(paper.slug));
}

/** A paper's themes other than the one its section lists. */
function otherThemes(paper: DigestPaper, section: DigestSection) {
  return paper.themeRefs.filter((ref) => ref.slug !== section.theme?.slug);
}

export function digestToMarkdown({ digest, introBody, location }: ExportInput): string {
  const pageUrl = absoluteUrl(location, sitePaths.digest(digest.slug));
  const out: string[] = [`# [${plainTextToMarkdown(digest.title)}](${pageUrl})`, '', `_${dateLine(digest)}_`];
  if (introBody?.trim()) out.push('', introToMarkdown(introBody, pageUrl));
  for (const section of digestSections(digest)) {
    out.push('', `## ${plainTextToMarkdown(section.name)} (${section.papers.length})`, '');
    for (const paper of section.papers) {
      const themes = otherThemes(paper, section).map((ref) => `[${plainTextToMarkdown(ref.name)}](${absoluteUrl(location, sitePaths.theme(ref.slug))})`);
      out.push(
        `- **[${cleanTextToMarkdown(paper.title)}](${paperUrl(paper, location)})**: ${cleanTextToMarkdown(paper.summary)}` +
          (themes.length ? ` (${themes.join(', ')})` : ''),
      );
    }
  }
  const links = neighbours(digest, location).map((link) => `[${link.label}](${link.url})`);
  links.push(`[All digests](${absoluteUrl(location, sitePaths.digests())})`);
  out.push('', links.join(' · '));
  return `${out.join('\n')}\n`;
}

export async function digestToHtml({ digest, introBody, location }: ExportInput): Promise<string> {
  const pageUrl = absoluteUrl(location, sitePaths.digest(digest.slug));
  const out: string[] = [
    `<h1><a href="${escapeHtml(pageUrl)}">${escapeHtml(digest.title)}</a></h1>`,
    `<p><em>${escapeHtml(dateLine(digest))}</em></p>`,
  ];
  if (introBody?.trim()) out.push(await introToHtml(introBody, pageUrl));
  for (const section of digestSections(digest)) {
    out.push(`<h2>${escapeHtml(section.name)} (${section.papers.length})</h2>`, '<ul>');
    for (const paper of section.papers) {
      const themes = otherThemes(paper, section)
        .map((ref) => `<a href="${escapeHtml(absoluteUrl(location, sitePaths.theme(ref.slug)))}">${escapeHtml(ref.name)}</a>`)
        .join(', ');
      out.push(
        `<li><strong><a href="${escapeHtml(paperUrl(paper, location))}">${cleanTextToHtml(paper.title)}</a></strong>: ` +
          `${cleanTextToHtml(paper.summary)}${themes ? ` (${themes})` : ''}</li>`,
      );
    }
    out.push('</ul>');
  }
  const links = neighbours(digest, location).map((link) => `<a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a>`);
  links.push(`<a href="${escapeHtml(absoluteUrl(location, sitePaths.digests()))}">All digests</a>`);
  out.push(`<p>${links.join(' · ')}</p>`);
  return `${out.join('\n')}\n`;
}

export function digestToSlack({ digest, introBody, location }: ExportInput): string {
  const pageUrl = absoluteUrl(location, sitePaths.digest(digest.slug));
  const out: string[] = [`*${slackLink(pageUrl, escapeSlack(digest.title))}*`, `_${escapeSlack(dateLine(digest))}_`];
  if (introBody?.trim()) out.push('', introToSlack(introBody, pageUrl));
  for (const section of digestSections(digest)) {
    out.push('', `*${escapeSlack(section.name)}* (${section.papers.length})`);
    for (const paper of section.papers) {
      const themes = otherThemes(paper, section).map((ref) => escapeSlack(ref.name)).join(', ');
      out.push(
        `• ${slackLink(paperUrl(paper, location), cleanTextToSlack(paper.title))}: ${cleanTextToSlack(paper.summary)}` +
          (themes ? ` _(${themes})_` : ''),
      );
    }
  }
  const links = neighbours(digest, location).map((link) => slackLink(link.url, escapeSlack(link.label)));
  links.push(slackLink(absoluteUrl(location, sitePaths.digests()), 'All digests'));
  out.push('', links.join(' · '));
  return `${out.join('\n').trimEnd()}\n`;
}

/** The digest in the given format. */
export async function exportDigest(format: ExportFormat, input: ExportInput): Promise<string> {
  switch (format) {
    case 'md':
      return digestToMarkdown(input);
    case 'html':
      return digestToHtml(input);
    case 'slack':
      return digestToSlack(input);
  }
}
