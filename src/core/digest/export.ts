/**
 * A digest as text to paste elsewhere: Markdown (e-mail, GitHub), HTML (e-mail, the digest
 * feed's item content) and Slack mrkdwn. Every link is absolute (site URL + base path); relative
 * links in the human intro are resolved against the digest page's URL.
 *
 * Math: Markdown keeps `$...$` (GitHub and most Markdown tools render it); HTML uses KaTeX's
 * MathML output, which feed readers and mail clients show without a stylesheet; Slack has no
 * math, so formulas become readable plain text.
 */
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import remarkStringify from 'remark-stringify';
import rehypeKatex from 'rehype-katex';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { Root as MdastRoot, RootContent as MdastNode, PhrasingContent } from 'mdast';
import type { ElementContent, Root as HastRoot, RootContent as HastNode } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { joinMath, splitMath, toPlainText } from '../normalize/index.ts';
import { digestSections, type DigestPaper, type DigestSection, type WeekDigest } from './digest.ts';
import { absoluteUrl, sitePaths, type SiteLocation } from '../urls.ts';
import { weekId, parseWeek } from './week.ts';
import { digestEmail } from './email.ts';
import { plural } from '../text.ts';
import { renderTex } from '../render/math.ts';
import { joinNodes, text } from '../render/hast.ts';

/** `slack`: paste into Slack's composer; `slack-webhook`: mrkdwn for a webhook or bot; `email`: see email.ts. */
export const EXPORT_FORMATS = ['md', 'html', 'slack', 'slack-webhook', 'discord', 'email'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportInput {
  readonly digest: WeekDigest;
  /** The intro's Markdown/MDX body, when the week has an intro file. */
  readonly introBody?: string | null | undefined;
  readonly location: SiteLocation;
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

/** `mathml`: KaTeX MathML (feed readers); `text`: readable Unicode text, Θ(N² d² / M) (mail clients flatten MathML). */
export type HtmlMath = 'mathml' | 'text';

/** HTML nodes for clean text: text, math as MathML (or its TeX source in <code> when KaTeX rejects it). */
export function cleanTextToHast(clean: string, math: HtmlMath = 'mathml'): ElementContent[] {
  if (math === 'text') return [text(toPlainText(oneLine(clean)))];
  return splitMath(oneLine(clean)).flatMap((segment) =>
    segment.kind === 'text' ? [text(segment.value)] : (renderTex(segment.tex, 'mathml') ?? [h('code', segment.tex)]),
  );
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

/** The intro as hast nodes, without the blank text around them. */
async function introToHast(body: string, pageUrl: string, math: HtmlMath): Promise<HastNode[]> {
  const processor = unified()
    .use(remarkRehype) // raw HTML and JSX in the intro are dropped, never passed through
    .use(rehypeKatex, { output: 'mathml', strict: 'ignore' });
  const tree = absolutiseLinks(parseIntro(body), pageUrl);
  if (math === 'text') {
    visit(tree, (node, index, parent) => {
      if ((node.type === 'inlineMath' || node.type === 'math') && parent && index !== undefined) {
        const text = { type: 'text' as const, value: toPlainText(`$${node.value}$`) };
        parent.children.splice(index, 1, (node.type === 'math' ? { type: 'paragraph', children: [text] } : text) as never);
      }
    });
  }
  const nodes = ((await processor.run(tree)) as HastRoot).children;
  const blank = (node: HastNode | undefined) => node?.type === 'text' && !node.value.trim();
  while (blank(nodes[0])) nodes.shift();
  while (blank(nodes.at(-1))) nodes.pop();
  return nodes;
}

/**
 * How a chat service writes text. Slack's webhook mrkdwn (`*b*`, `<url|label>`, `&<>` escaped),
 * the same pasted into Slack's composer (no `<url|label>`: a label and its bare URL), and
 * Discord's Markdown (`**b**`, `[label](<url>)`; the angle brackets stop a preview per link).
 */
export interface ChatStyle {
  readonly bold: (text: string) => string;
  readonly italic: (text: string) => string;
  readonly strike: (text: string) => string;
  readonly link: (url: string, label: string) => string;
  /** Plain text as the service reads it (escapes). */
  readonly text: (plain: string) => string;
  /** Whole messages stay under this many characters. */
  readonly limit: number;
  /** The message's first line: the digest's title linked to its page. */
  readonly heading: (url: string, title: string) => string;
}

export const SLACK_WEBHOOK_STYLE: ChatStyle = {
  bold: (text) => `*${text}*`,
  italic: (text) => `_${text}_`,
  strike: (text) => `~${text}~`,
  link: slackLink,
  text: escapeSlack,
  heading: (url, title) => `*${slackLink(url, title)}*`,
  // Slack truncates a message's text above 40,000 characters but suggests about 4,000; a section block holds 3,000.
  limit: 3000,
};

export const SLACK_PASTE_STYLE: ChatStyle = {
  ...SLACK_WEBHOOK_STYLE,
  link: (url, label) => (label === url ? url : `${label} ${url}`),
  text: (plain) => plain,
  heading: (url, title) => `*${title}*\n${url}`,
  limit: 4000,
};

export const DISCORD_STYLE: ChatStyle = {
  bold: (text) => `**${text}**`,
  italic: (text) => `*${text}*`,
  strike: (text) => `~~${text}~~`,
  link: (url, label) => `[${label.replace(/[[\]]/g, '')}](<${url}>)`,
  text: (plain) => plain.replace(/[\\*_~`|[\]<>#]/g, (ch) => `\\${ch}`),
  heading: (url, title) => `**[${title.replace(/[[\]]/g, '')}](<${url}>)**`,
  // Discord rejects a webhook message over 2,000 characters.
  limit: 2000,
};

/** Minimal mdast -> chat text: paragraphs, headings, emphasis, code, links, lists, math as text. */
function introToChat(body: string, pageUrl: string, style: ChatStyle): string {
  const tree = absolutiseLinks(parseIntro(body), pageUrl);
  const inline = (nodes: readonly PhrasingContent[]): string =>
    nodes
      .map((node): string => {
        switch (node.type) {
          case 'text':
            return style.text(node.value.replace(/\s*\n\s*/g, ' ')); // soft line breaks are spaces in chat
          case 'strong':
            return style.bold(inline(node.children));
          case 'emphasis':
            return style.italic(inline(node.children));
          case 'delete':
            return style.strike(inline(node.children));
          case 'inlineCode':
            return `\`${node.value}\``;
          case 'inlineMath':
            return style.text(toPlainText(`$${node.value}$`));
          case 'link':
            return style.link(node.url, inline(node.children) || node.url);
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
        return style.bold(inline(node.children));
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
  return plural(count, 'paper');
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

/** The digest as an HTML fragment tree: one block a line, as people paste it (see `digestToHtml`). */
export async function digestToHast({ digest, introBody, location }: ExportInput, math: HtmlMath = 'mathml'): Promise<HastRoot> {
  const pageUrl = absoluteUrl(location, sitePaths.digest(digest.slug));
  const blocks: HastNode[][] = [
    [h('h1', [h('a', { href: pageUrl }, digest.title)])],
    [h('p', [h('em', dateLine(digest))])],
  ];
  if (introBody?.trim()) blocks.push(await introToHast(introBody, pageUrl, math));
  for (const section of digestSections(digest)) {
    const items = section.papers.map((paper) => {
      const themes = otherThemes(paper, section).map((ref) => h('a', { href: absoluteUrl(location, sitePaths.theme(ref.slug)) }, ref.name));
      return h('li', [
        h('strong', [h('a', { href: paperUrl(paper, location) }, cleanTextToHast(paper.title, math))]),
        text(': '),
        ...cleanTextToHast(paper.summary, math),
        ...(themes.length ? [text(' ('), ...joinNodes(themes, ', '), text(')')] : []),
      ]);
    });
    blocks.push([h('h2', `${section.name} (${section.papers.length})`)], [h('ul', [text('\n'), ...joinNodes(items, '\n'), text('\n')])]);
  }
  const links = neighbours(digest, location).map((link) => h('a', { href: link.url }, link.label));
  links.push(h('a', { href: absoluteUrl(location, sitePaths.digests()) }, 'All digests'));
  blocks.push([h('p', joinNodes(links, ' · '))]);
  return { type: 'root', children: blocks.flatMap((block) => [...block, text('\n')]) };
}

/** The digest as an HTML fragment (the `html` export and the digest feed's item content). */
export async function digestToHtml(input: ExportInput, math: HtmlMath = 'mathml'): Promise<string> {
  return toHtml(await digestToHast(input, math));
}

/** `ALISA: Accelerating …` -> `ALISA`: the name before a colon, when the title has one that short. */
export function shortTitle(title: string): string {
  const head = /^([^:]{2,40}):\s/.exec(title)?.[1];
  return head && !head.includes('$') ? head : title;
}

/**
 * The digest as a chat message in `style`. Full: every section with each paper's linked title,
 * summary and other themes. Compact: the intro's first paragraph, the featured papers linked,
 * then each section's short titles on one line; sections that do not fit `style.limit` are
 * shortened to a count (the digest page link has them all).
 */
export function digestToChat({ digest, introBody, location }: ExportInput, style: ChatStyle, compact = false): string {
  const pageUrl = absoluteUrl(location, sitePaths.digest(digest.slug));
  const head = [style.heading(pageUrl, style.text(digest.title)), style.italic(style.text(dateLine(digest)))];
  const intro = introBody?.trim() ? introToChat(introBody, pageUrl, style) : '';
  const links = neighbours(digest, location).map((link) => style.link(link.url, style.text(link.label)));
  links.push(style.link(absoluteUrl(location, sitePaths.digests()), 'All digests'));
  const footer = links.join(' · ');
  const paperLink = (paper: DigestPaper, label = paper.title) => style.link(paperUrl(paper, location), style.text(toPlainText(oneLine(label))));
  if (!compact) {
    const out = [...head];
    if (intro) out.push('', intro);
    for (const section of digestSections(digest)) {
      out.push('', `${style.bold(style.text(section.name))} (${section.papers.length})`);
      for (const paper of section.papers) {
        const themes = otherThemes(paper, section).map((ref) => style.text(ref.name)).join(', ');
        out.push(`• ${paperLink(paper)}: ${style.text(toPlainText(oneLine(paper.summary)))}${themes ? ` ${style.italic(`(${themes})`)}` : ''}`);
      }
    }
    out.push('', footer);
    return `${out.join('\n').trimEnd()}\n`;
  }
  const firstParagraph = intro.split('\n\n')[0] ?? '';
  const sections = digestSections(digest).map((section) => {
    const name = `${style.bold(style.text(section.name))} (${section.papers.length})`;
    const list =
      section.anchor === 'featured'
        ? section.papers.map((paper) => `• ${paperLink(paper)}`).join('\n')
        : section.papers.map((paper) => style.text(toPlainText(oneLine(shortTitle(paper.title))))).join(' · ');
    return { name, list, anchor: section.anchor, count: section.papers.length };
  });
  const render = () =>
    [
      ...head,
      ...(firstParagraph ? ['', firstParagraph + (intro.length > firstParagraph.length ? ` ${style.link(pageUrl, '(more)')}` : '')] : []),
      ...sections.flatMap((section) => ['', section.anchor === 'featured' ? `${section.name}\n${section.list}` : `${section.name}: ${section.list}`]),
      '',
      footer,
    ].join('\n');
  // Longest lists first become "N papers on the page" until the message fits.
  for (const section of [...sections].sort((a, b) => b.list.length - a.list.length)) {
    if (render().length <= style.limit) break;
    section.list = style.link(`${pageUrl}#${section.anchor}`, `${section.count} on the page`);
  }
  return `${render().trimEnd()}\n`;
}

/** Splits a message at line ends (at spaces inside an overlong line) into parts of at most `limit` characters. */
export function splitMessage(text: string, limit: number): string[] {
  const parts: string[] = [];
  let current = '';
  const push = () => {
    if (current.trim()) parts.push(current.trimEnd());
    current = '';
  };
  for (const rawLine of text.trimEnd().split('\n')) {
    let line = rawLine;
    while (line.length > limit) {
      const cut = line.lastIndexOf(' ', limit) > 0 ? line.lastIndexOf(' ', limit) : limit;
      push();
      parts.push(line.slice(0, cut));
      line = line.slice(cut).trimStart();
    }
    const next = current ? `${current}\n${line}` : line;
    if (next.length > limit) {
      push();
      current = line;
    } else {
      current = next;
    }
  }
  push();
  return parts;
}

export type WebhookService = 'slack' | 'discord';

/**
 * The JSON bodies to POST to an incoming webhook, one per message, each under the service's
 * limits: Slack gets a Block Kit section per part (mrkdwn, 3,000 characters) with the same `text`
 * as the notification fallback; Discord gets `content` (2,000 characters).
 */
export function webhookPayloads(input: ExportInput, service: WebhookService, compact = false): Record<string, unknown>[] {
  const style = service === 'slack' ? SLACK_WEBHOOK_STYLE : DISCORD_STYLE;
  const parts = splitMessage(digestToChat(input, style, compact), style.limit);
  return service === 'slack'
    ? parts.map((part) => ({ text: part, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: part } }] }))
    : parts.map((part) => ({ content: part, allowed_mentions: { parse: [] } }));
}

export interface ExportOptions {
  /** Chat formats: intro, featured papers and short titles by theme, in one message. */
  readonly compact?: boolean;
  /** HTML and e-mail math. Default: MathML for `html`, text for `email`. */
  readonly math?: HtmlMath;
}

/** The digest in the given format (`email`: an RFC 5322 message, see email.ts). */
export async function exportDigest(format: ExportFormat, input: ExportInput, options: ExportOptions = {}): Promise<string> {
  const { compact = false } = options;
  switch (format) {
    case 'md':
      return digestToMarkdown(input);
    case 'html':
      return digestToHtml(input, options.math ?? 'mathml');
    case 'slack':
      return digestToChat(input, SLACK_PASTE_STYLE, compact);
    case 'slack-webhook':
      return digestToChat(input, SLACK_WEBHOOK_STYLE, compact);
    case 'discord':
      return digestToChat(input, DISCORD_STYLE, compact);
    case 'email':
      return digestEmail(input, { math: options.math ?? 'text' });
  }
}
