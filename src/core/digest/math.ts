/**
 * TEMPORARY: a copy of the clean-text tokenizer's interface until src/core/normalize/index.ts
 * (splitMath, joinMath, toPlainText) is committed; then this file re-exports from there.
 */
export type CleanSegment = { kind: 'text'; value: string } | { kind: 'math'; tex: string };

export function splitMath(clean: string): CleanSegment[] {
  const segments: CleanSegment[] = [];
  let text = '';
  let i = 0;
  while (i < clean.length) {
    const ch = clean[i]!;
    if (ch === '\\' && clean[i + 1] === '$') {
      text += '$';
      i += 2;
      continue;
    }
    if (ch === '$') {
      let j = i + 1;
      while (j < clean.length && clean[j] !== '$') j += clean[j] === '\\' ? 2 : 1;
      if (j < clean.length && j > i + 1) {
        if (text) segments.push({ kind: 'text', value: text });
        text = '';
        segments.push({ kind: 'math', tex: clean.slice(i + 1, j) });
        i = j + 1;
        continue;
      }
    }
    text += ch;
    i += 1;
  }
  if (text) segments.push({ kind: 'text', value: text });
  return segments;
}

export function joinMath(segments: readonly CleanSegment[]): string {
  return segments.map((s) => (s.kind === 'text' ? s.value.replace(/\$/g, '\\$') : `$${s.tex}$`)).join('');
}

export function toPlainText(clean: string): string {
  return splitMath(clean)
    .map((segment) => (segment.kind === 'math' ? segment.tex.replace(/\\/g, '') : segment.value))
    .join('');
}
