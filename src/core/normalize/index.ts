/**
 * LaTeX residue in pasted titles and abstracts -> clean text (DESIGN.md §1).
 *
 * Contract of "clean text" (what `title` and `abstract` hold in frontmatter):
 * plain Unicode text in which `$...$` delimits inline TeX math that KaTeX accepts, and a literal
 * dollar sign is written `\$`. Nothing else is markup: renderers escape everything that is not
 * math. `normalizeText` never throws.
 *
 * PLACEHOLDER: replaced by the normalizer work (issue 3); keep the exported signatures.
 */
export function normalizeText(raw: string): string {
  return raw.trim();
}
