/**
 * Small helpers for HTML built as hast trees (hastscript `h()`), which hast-util-to-html
 * serialises once at the edge: text is escaped by the serialiser, never by hand.
 */
import type { ElementContent, Text } from 'hast';

/** A text node: what a string child of `h()` becomes, for arrays of nodes built outside `h()`. */
export function text(value: string): Text {
  return { type: 'text', value };
}

/** `[a, b, c]` with `separator` between them: `a, b, c`. */
export function joinNodes(nodes: readonly ElementContent[], separator: string): ElementContent[] {
  return nodes.flatMap((node, i) => (i === 0 ? [node] : [text(separator), node]));
}
