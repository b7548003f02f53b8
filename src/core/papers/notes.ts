/**
 * Whether a paper's notes body can be rendered as plain Markdown with the same result as MDX.
 *
 * Notes are MDX, but MDX costs a compiled JS module per paper (about 14 ms of bundling and
 * 0.6 MB of build memory each, measured at 1,000 notes). Most notes use only Markdown: headings,
 * lists, emphasis, links, code blocks and math. For those, Markdown and MDX produce the same HTML
 * with the same remark/rehype plugins, so the loader renders them at content sync (cached by
 * content digest) and only notes that use MDX syntax become modules.
 *
 * Conservative: anything MDX parses differently from Markdown sends the body to MDX. Outside
 * code and math that is `<` (JSX/HTML, autolinks, comments), `{`/`}` (expressions),
 * `import`/`export` lines (ESM), and indented code (MDX has none).
 */
export function isPlainMarkdown(body: string): boolean {
  const prose = body
    .replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '') // fenced code blocks
    .replace(/^\$\$[ \t]*\n[\s\S]*?^\$\$[ \t]*$/gm, '') // display math blocks
    .replace(/(`+)[^`]*?\1/g, '') // inline code
    .replace(/(?<![\\$])\$(?!\$)[^$\n]+?(?<!\\)\$/g, ''); // inline math
  if (/[<{}]/.test(prose)) return false;
  if (/^(?:import|export)\s/m.test(prose)) return false;
  // Indented code: a line indented 4+ columns after a blank line, not inside a list item.
  if (/\n[ \t]*\n(?: {4}|\t)(?![ \t]*(?:[-*+]|\d+[.)])\s)\S/.test(`\n${prose}`)) return false;
  return true;
}
