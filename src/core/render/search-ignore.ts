/**
 * A rehype plugin for notes: keeps markup that repeats or decorates the text out of the search
 * index. KaTeX writes each formula three times (MathML, its TeX annotation and the visible HTML),
 * so the MathML copy is marked ignored and the formula is indexed once, as shown; a heading's "#"
 * anchor is not a word anyone searches for.
 */
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

const IGNORED_CLASSES = ['katex-mathml', 'heading-anchor'];

function isIgnored(node: Element): boolean {
  const classes = node.properties?.className;
  return Array.isArray(classes) && classes.some((name) => IGNORED_CLASSES.includes(String(name)));
}

export function rehypeSearchIgnore() {
  return (tree: Root): void => {
    visit(tree, 'element', (node) => {
      if (isIgnored(node)) node.properties = { ...node.properties, dataPagefindIgnore: '' };
    });
  };
}
