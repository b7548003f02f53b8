/**
 * remark plugin for digest intros (`<content>/digests/*.mdx`): an intro renders raw HTML only
 * from trusted constructs. A title pasted from the template or a listing can carry `<script>`,
 * `<img onerror=…>` or `{…}`; in MDX those would become live markup or code. Kept: Markdown,
 * math, code, and plain HTML elements from an allowlist with allowlisted attributes (URLs only
 * http(s), mailto or relative). Dropped: `import`/`export`, `{…}` expressions (comments
 * included: they render nothing), raw HTML of `.md` intros, script-like elements with their
 * content, and every other element, whose text children stay as text. Paper notes are not touched.
 */
import type { Root, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';

/** Elements an intro may write: text-level and block formatting, no scripts, frames, forms or styles. */
const TRUSTED_ELEMENTS = new Set([
  'a', 'abbr', 'b', 'blockquote', 'br', 'cite', 'code', 'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em',
  'figcaption', 'figure', 'h2', 'h3', 'h4', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q',
  's', 'samp', 'small', 'span', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'th', 'thead', 'tr',
  'u', 'ul', 'var',
]);
const TRUSTED_ATTRIBUTES = new Set(['href', 'src', 'alt', 'title', 'lang', 'dir', 'open', 'width', 'height', 'colspan', 'rowspan', 'cite']);
const URL_ATTRIBUTES = new Set(['href', 'src', 'cite']);
/** Elements whose content is code or a document, not text: dropped with their children. */
const DROPPED_WITH_CONTENT = new Set(['script', 'style', 'iframe', 'object', 'embed', 'template', 'noscript', 'textarea', 'title', 'svg', 'math']);

/** http(s), mailto, or a relative URL (no scheme); `javascript:`, `data:` and the like are not. */
export function isSafeUrl(value: string): boolean {
  // Browsers ignore ASCII whitespace and control characters inside a scheme ("java\tscript:").
  const compact = value.replace(/[\u0000-\u0020\u007f]+/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact)?.[1]?.toLowerCase();
  return scheme === undefined || scheme === 'http' || scheme === 'https' || scheme === 'mailto';
}

interface JsxAttribute {
  type: string;
  name?: string;
  value?: unknown;
}
interface JsxElement {
  type: 'mdxJsxFlowElement' | 'mdxJsxTextElement';
  name: string | null;
  attributes: JsxAttribute[];
  children: RootContent[];
}

function trustedAttributes(attributes: readonly JsxAttribute[]): JsxAttribute[] {
  return attributes.filter(
    (attribute) =>
      attribute.type === 'mdxJsxAttribute' && // no `{...spread}`
      typeof attribute.name === 'string' &&
      TRUSTED_ATTRIBUTES.has(attribute.name) &&
      (attribute.value === null || attribute.value === undefined || typeof attribute.value === 'string') && // no `{expression}` values
      (!URL_ATTRIBUTES.has(attribute.name) || isSafeUrl(String(attribute.value ?? ''))),
  );
}

/** Rewrites an intro's tree in place: see the file comment. */
export function trustIntroTree(tree: Root): void {
  visit(tree, (node, index, parent) => {
    if (!parent || index === undefined) return;
    const type = node.type as string;
    if (type === 'mdxjsEsm' || type === 'mdxFlowExpression' || type === 'mdxTextExpression' || type === 'html') {
      parent.children.splice(index, 1);
      return index;
    }
    if (type === 'mdxJsxFlowElement' || type === 'mdxJsxTextElement') {
      const element = node as unknown as JsxElement;
      if (element.name && TRUSTED_ELEMENTS.has(element.name)) {
        element.attributes = trustedAttributes(element.attributes);
        return;
      }
      const keep = element.name && DROPPED_WITH_CONTENT.has(element.name.toLowerCase()) ? [] : element.children;
      parent.children.splice(index, 1, ...(keep as never[]));
      return index;
    }
  });
}

/** Whether a file is a digest intro: `<anything>/digests/<name>.md(x)`. */
export function isDigestIntroPath(path: string | undefined): boolean {
  return path !== undefined && /[\\/]digests[\\/][^\\/]+\.mdx?$/.test(path);
}

/** The remark plugin: applies {@link trustIntroTree} to digest intros only. */
export default function remarkTrustedIntro() {
  return (tree: Root, file: { path?: string }) => {
    if (isDigestIntroPath(file.path)) trustIntroTree(tree);
  };
}
