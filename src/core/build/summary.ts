/** The one line `npm run build` ends with (scripts/build.ts): what was rendered, what was reused. */

export interface BuildSummary {
  /** Astro pages (src/integrations/build-report.ts); null when the build left no report. */
  pages: { rendered: number; reused: number } | null;
  /** Open Graph cards (src/integrations/og-images.ts). */
  cards: { generated: number; cached: number } | null;
  /** Citation files, counted by paper (src/integrations/citation-files.ts). */
  citations: { papers: number; formatted: number } | null;
  searchPages: number;
  ms: number;
}

const count = (n: number) => n.toLocaleString('en-US');

export function formatBuildSummary({ pages, cards, citations, searchPages, ms }: BuildSummary): string {
  const parts = [
    pages ? `pages ${count(pages.rendered)} rendered, ${count(pages.reused)} reused` : 'pages: no report',
    cards ? `cards ${count(cards.generated)} rendered, ${count(cards.cached)} reused` : 'cards: no report',
    citations
      ? `citations ${count(citations.formatted)} formatted, ${count(citations.papers - citations.formatted)} reused`
      : 'citations: no report',
    `search ${count(searchPages)} pages indexed`,
    `${(ms / 1000).toFixed(1)} s`,
  ];
  return `[lectern:build] ${parts.join(' · ')}`;
}
