/** Page-level facts about a paper page that are not in the catalog: meta description, links. */
import type { PaperView } from './catalog.ts';
import { describe } from '../core/share/description.ts';
import { paperSummary } from '../core/digest/summary.ts';
import { toPlainText } from '../core/normalize/index.ts';
import { arxivAbsUrl, arxivPdfUrl, huggingFacePaperUrl, huggingFaceSearchUrl } from '../core/papers/identity.ts';

/** A link in the row under a paper's abstract. */
export interface PaperLink {
  label: string;
  href: string;
}

export interface PaperPageMeta {
  description: string;
  /** The one-line summary as plain text (search results show it). */
  summary: string;
  /** arXiv abstract, PDF, Hugging Face paper page (a title search without an arXiv id), code. */
  links: PaperLink[];
  /** The PDF, for `citation_pdf_url`; null without an arXiv id. */
  pdfUrl: string | null;
  /** The MDX body has content beyond whitespace. */
  hasNotes: boolean;
  /** The page renders math (title, abstract or notes) and needs the KaTeX stylesheet. */
  math: boolean;
}

function paperLinks(paper: PaperView): PaperLink[] {
  const { arxiv, code } = paper.data;
  const huggingFace = arxiv ? huggingFacePaperUrl(arxiv) : null;
  return [
    ...(arxiv ? [{ label: 'arXiv', href: arxivAbsUrl(arxiv) }, { label: 'PDF', href: arxivPdfUrl(arxiv) }] : []),
    huggingFace ? { label: 'Hugging Face', href: huggingFace } : { label: 'Search on Hugging Face', href: huggingFaceSearchUrl(paper.titleText) },
    ...(code ? [{ label: 'Code', href: code }] : []),
  ];
}

export function paperMeta(paper: PaperView): PaperPageMeta {
  const body = paper.entry.body ?? '';
  const sentence = paperSummary(paper.data.abstract, paper.data.tldr, Number.POSITIVE_INFINITY);
  return {
    summary: toPlainText(paperSummary(paper.data.abstract, paper.data.tldr)),
    // The same sentence as digests and feeds: what the paper contributes, not the field's background.
    description: describe(sentence) || paper.titleText,
    links: paperLinks(paper),
    pdfUrl: paper.data.arxiv ? arxivPdfUrl(paper.data.arxiv) : null,
    hasNotes: body.trim().length > 0,
    // Notes math is detected from the source: a `$` in a notes code block costs only the stylesheet.
    math: paper.title.hasMath || paper.abstract.hasMath || body.includes('$'),
  };
}
