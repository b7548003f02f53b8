/**
 * The Highwire Press `citation_*` meta tags that Google Scholar and Zotero's connector (its
 * "Embedded Metadata" translator) read from a paper page.
 *
 * Names go one per `citation_author` tag as "Family, Given": with more than one tag, Zotero splits
 * each at its first comma into last and first name, which keeps "van der Berg" and "Del Mundo"
 * whole (split at the last space, "Given Family" would not). With a single tag Zotero reads
 * "A B, C D" as two people, so a lone author whose family and given names both have spaces is
 * written "Given Family". Semicolons separate authors inside a tag, so none is written.
 */
import type { Citation, CitationName } from './index.ts';

export type MetaTag = readonly [name: string, content: string];

function authorContent(name: CitationName, alone: boolean): string {
  if ('literal' in name) return name.literal;
  if (!name.given) return name.family;
  if (alone && name.family.includes(' ') && name.given.includes(' ')) return [name.given, name.family, name.suffix].filter(Boolean).join(' ');
  return [name.family, name.given, name.suffix].filter(Boolean).join(', ');
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
    ...citation.authors.map((name): MetaTag => ['citation_author', authorContent(name, alone).replaceAll(';', ' ').trim()]),
    ...(citation.issued ? [['citation_publication_date', scholarDate(citation.issued)] as const] : []),
    ...(citation.arxiv ? [['citation_arxiv_id', citation.arxiv] as const] : []),
    ...(pdfUrl ? [['citation_pdf_url', pdfUrl] as const] : []),
    ...(citation.doi ? [['citation_doi', citation.doi] as const] : []),
  ];
}
