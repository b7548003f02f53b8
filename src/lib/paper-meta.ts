/** Page-level facts about a paper page that are not in the catalog: meta description, links. */
import type { PaperView } from './catalog.ts';
import { describe } from '../core/share/description.ts';
import { paperSummary } from '../core/digest/summary.ts';
import { toPlainText } from '../core/normalize/index.ts';
import { huggingFaceSearchUrl } from '../core/cite/index.ts';

export interface PaperPageMeta {
  description: string;
  /** The one-line summary as plain text (search results show it). */
  summary: string;
  huggingFaceUrl: string;
  /** The MDX body has content beyond whitespace. */
  hasNotes: boolean;
  /** The page renders math (title, abstract or notes) and needs the KaTeX stylesheet. */
  math: boolean;
}

export function paperMeta(paper: PaperView): PaperPageMeta {
  const body = paper.entry.body ?? '';
  const sentence = paperSummary(paper.data.abstract, paper.data.tldr, Number.POSITIVE_INFINITY);
  return {
    summary: toPlainText(paperSummary(paper.data.abstract, paper.data.tldr)),
    // The same sentence as digests and feeds: what the paper contributes, not the field's background.
    description: describe(sentence) || paper.titleText,
    huggingFaceUrl: huggingFaceSearchUrl(paper.titleText),
    hasNotes: body.trim().length > 0,
    // Notes math is detected from the source: a `$` in a notes code block costs only the stylesheet.
    math: paper.title.hasMath || paper.abstract.hasMath || body.includes('$'),
  };
}
