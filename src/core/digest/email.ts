/**
 * A digest as an e-mail message (`.eml`, RFC 5322): multipart/alternative with a plain-text part
 * (the Markdown export, which reads as text) and an HTML part with inline styles (mail clients
 * drop stylesheets). Math is Unicode text by default (Gmail and Outlook flatten MathML to
 * "O(N2)O(N^2)"); MathML on request. Built with nodemailer's MailComposer, which does the MIME
 * encoding (quoted-printable, encoded headers); no network.
 */
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';
import { digestLabel } from './digest.ts';
import { digestToHast, digestToMarkdown, type ExportInput, type HtmlMath } from './export.ts';

export interface EmailOptions {
  readonly math: HtmlMath;
  /** Addresses for the headers; a person fills them in their mail client when absent. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  /** Fixed for reproducible output (tests); default now. */
  readonly date?: Date | undefined;
}

/** Inline styles per element: readable in Gmail, Outlook and Apple Mail without a stylesheet. */
const INLINE_STYLES: Record<string, string> = {
  h1: 'font-size:22px;line-height:1.3;margin:0 0 8px',
  h2: 'font-size:17px;line-height:1.3;margin:20px 0 6px',
  p: 'margin:0 0 12px',
  ul: 'margin:0 0 12px;padding-left:20px',
  li: 'margin:0 0 6px',
  a: 'color:#0a4aae',
  pre: 'background:#f4f5f7;padding:8px 12px;border-radius:4px;overflow-x:auto;font-size:13px',
  code: 'font-family:Menlo,Consolas,monospace',
};

const BODY_STYLE = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#1b1b1f;max-width:680px";

/** The digest's HTML as a whole document, each element styled inline. */
async function emailHtml(input: ExportInput, math: HtmlMath): Promise<string> {
  // A copy: the tree shares KaTeX's nodes with other outputs (renderTex), and styling changes nodes.
  const body = structuredClone(await digestToHast(input, math));
  visit(body, 'element', (node) => {
    const style = INLINE_STYLES[node.tagName];
    if (style) node.properties = { ...node.properties, style };
  });
  const document: Root = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: 'en' }, [h('head', [h('meta', { charset: 'utf-8' })]), h('body', { style: BODY_STYLE }, body.children)]),
    ],
  };
  return toHtml(document, { upperDoctype: true });
}

export async function digestEmail(input: ExportInput, options: EmailOptions): Promise<string> {
  const html = await emailHtml(input, options.math);
  const mail = new MailComposer({
    from: options.from,
    to: options.to,
    subject: digestLabel(input.digest),
    date: options.date ?? new Date(),
    text: digestToMarkdown(input),
    html,
    textEncoding: 'quoted-printable',
  });
  const message = await mail.compile().build();
  return message.toString('utf8');
}
