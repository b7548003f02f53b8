/** The one line `npm run build` ends with (scripts/build.ts): what was rendered, what was reused. */

export interface BuildSummary {
  /** Astro pages (src/integrations/build-report.ts); null when the build left no report. */
  pages: { rendered: number; reused: number } | null;
  /** Open Graph cards (src/integrations/og-images.ts). */
  cards: { generated: number; cached: number } | null;
  /** Citation files, counted by paper (src/integrations/citation-files.ts). */
  citations: { papers: number; formatted: number } | null;
  /** Pages in the search index; `reused` when no indexed page changed and the last index was kept. */
  search: { pages: number; reused: boolean };
  ms: number;
}

const count = (n: number) => n.toLocaleString('en-US');

export function formatBuildSummary({ pages, cards, citations, search, ms }: BuildSummary): string {
  const parts = [
    pages ? `pages ${count(pages.rendered)} rendered, ${count(pages.reused)} reused` : 'pages: no report',
    cards ? `cards ${count(cards.generated)} rendered, ${count(cards.cached)} reused` : 'cards: no report',
    citations
      ? `citations ${count(citations.formatted)} formatted, ${count(citations.papers - citations.formatted)} reused`
      : 'citations: no report',
    search.reused ? `search ${count(search.pages)} pages unchanged, index reused` : `search ${count(search.pages)} pages indexed`,
    `${(ms / 1000).toFixed(1)} s`,
  ];
  return `[lectern:build] ${parts.join(' · ')}`;
}

export interface ParsedBuildSummary {
  pages: { rendered: number; reused: number } | null;
  cards: { rendered: number; reused: number } | null;
  citations: { formatted: number; reused: number } | null;
  search: { pages: number; reused: boolean };
  ms: number;
}

/** The counts of a summary line in a build log (the bench reads them), or null without one. */
export function parseBuildSummary(log: string): ParsedBuildSummary | null {
  const line = /\[lectern:build\] (.*)/.exec(log)?.[1];
  if (!line) return null;
  const num = (text: string) => Number(text.replace(/,/g, ''));
  const pair = (pattern: RegExp) => {
    const m = pattern.exec(line);
    return m ? [num(m[1]!), num(m[2]!)] as const : null;
  };
  const pages = pair(/pages ([\d,]+) rendered, ([\d,]+) reused/);
  const cards = pair(/cards ([\d,]+) rendered, ([\d,]+) reused/);
  const citations = pair(/citations ([\d,]+) formatted, ([\d,]+) reused/);
  return {
    pages: pages && { rendered: pages[0], reused: pages[1] },
    cards: cards && { rendered: cards[0], reused: cards[1] },
    citations: citations && { formatted: citations[0], reused: citations[1] },
    search: {
      pages: num(/search ([\d,]+) pages (?:indexed|unchanged)/.exec(line)?.[1] ?? '0'),
      reused: /search [\d,]+ pages unchanged, index reused/.test(line),
    },
    ms: Number(/ · ([\d.]+) s$/.exec(line)?.[1] ?? NaN) * 1000,
  };
}
