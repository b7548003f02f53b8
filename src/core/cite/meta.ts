/**
 * The Highwire Press `citation_*` meta tags that Google Scholar and Zotero's connector (its
 * "Embedded Metadata" translator) read from a paper page.
 *
 * Names go one per `citation_author` tag as "Family, Given": with more than one tag, Zotero splits
 * each at its first comma into last and first name, which keeps "van der Berg" and "Del Mundo"
 * whole (split at the last space, "Given Family" would not). With a single tag Zotero reads
 * "A B, C D" as two people, so a lone author whose family and given names both have spaces is
 * written "Given Family" (and a comma that would still split one is dropped). Semicolons
 * separate authors inside a tag, so none is written.
 */
import type { Citation, CitationName } from './index.ts';

export type MetaTag = readonly [name: string, content: string];

/** Zotero reads a lone tag "A B, C D" (a space on both sides of the first comma) as two authors. */
function readAsTwo(content: string): boolean {
  const [first, second] = content.split(/\s*,\s*/);
  return second !== undefined && first!.includes(' ') && second.includes(' ');
}

function authorContent(name: CitationName, alone: boolean): string {
  const clean = (part: string | undefined) => (part ?? '').replaceAll(';', ' ').replace(/\s+/g, ' ').trim();
  if ('literal' in name || !name.given) {
    const whole = clean('literal' in name ? name.literal : name.family);
    return alone && readAsTwo(whole) ? whole.replaceAll(',', ' ').replace(/\s+/g, ' ') : whole;
  }
  const [family, given, suffix] = [clean(name.family), clean(name.given), clean(name.suffix)];
  const inverted = [family, given, suffix].filter(Boolean).join(', ');
  if (!alone || !readAsTwo(inverted)) return inverted;
  const natural = [given, family, suffix].filter(Boolean).join(' ');
  return readAsTwo(natural) ? natural.replaceAll(',', ' ').replace(/\s+/g, ' ') : natural;
}

/** `2023/07/17`, `2023/07` or `2023`, the form Google Scholar asks for. */
function scholarDate(parts: readonly number[]): string {
  return parts.map((part, i) => String(part).padStart(i === 0 ? 4 : 2, '0')).join('/');
}

/** The tags in the order Google Scholar's guidelines list them; the PDF only with an arXiv id. */
export function citationMetaTags(citation: Citation, pdfUrl: string | null): MetaTag[] {
  const alone = citation.authors.length === 1;
  return [
    ['citation_title', citation.title],
    ...citation.authors.map((name): MetaTag => ['citation_author', authorContent(name, alone)]),
    ...(citation.issued ? [['citation_publication_date', scholarDate(citation.issued)] as const] : []),
    ...(citation.arxiv ? [['citation_arxiv_id', citation.arxiv] as const] : []),
    ...(pdfUrl ? [['citation_pdf_url', pdfUrl] as const] : []),
    ...(citation.doi ? [['citation_doi', citation.doi] as const] : []),
  ];
}
