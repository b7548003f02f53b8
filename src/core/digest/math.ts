/**
 * TEMPORARY: splits clean text into text and `$...$` math segments until
 * src/core/normalize/index.ts exports `splitMath` (then this file goes).
 */
export type MathSegment =
  | { kind: 'text'; value: string; source: string }
  | { kind: 'math'; value: string; source: string };

export function splitMath(text: string): MathSegment[] {
  const segments: MathSegment[] = [];
  let buffer = '';
  let i = 0;
  const flush = () => {
    if (buffer) segments.push({ kind: 'text', value: buffer.replace(/\\\$/g, '$'), source: buffer });
    buffer = '';
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\\' && text[i + 1] === '$') {
      buffer += '\\$';
      i += 2;
      continue;
    }
    if (ch === '$') {
      let j = i + 1;
      while (j < text.length && !(text[j] === '$' && text[j - 1] !== '\\')) j += 1;
      if (j < text.length && j > i + 1) {
        flush();
        segments.push({ kind: 'math', value: text.slice(i + 1, j), source: text.slice(i, j + 1) });
        i = j + 1;
        continue;
      }
    }
    buffer += ch;
    i += 1;
  }
  flush();
  return segments;
}

/** TEMPORARY: math segments as their TeX without backslashes, until normalize exports toPlainText. */
export function toPlainText(clean: string): string {
  return splitMath(clean)
    .map((segment) => (segment.kind === 'math' ? segment.value.replace(/\\/g, '') : segment.value))
    .join('');
}
