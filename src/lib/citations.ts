/**
 * Citations of the build: one citation per paper under a stable key, computed once from the
 * memoised paper load. Routes `/themes/<theme>.bib|.json` and `/digests/<week>.bib|.json` answer
 * from here; `/papers/<slug>.bib|.json` are written by src/integrations/citation-files.ts, which
 * reads the content itself (two routes per paper cost more than the files themselves).
 */
import { citationsBySlug, formatBibtex, formatCslJson, type Citation } from '../core/cite/index.ts';
import { getPapers } from './papers.ts';
import { siteUrl } from './site.ts';
import { sitePaths } from '../core/urls.ts';
import { citationFileKey } from './page-keys.ts';

let items: Promise<Map<string, Citation>> | undefined;

/** Citations by paper slug. */
export function getCitations(): Promise<Map<string, Citation>> {
  items ??= getPapers().then((papers) => citationsBySlug(papers.map((paper) => paper.data), (slug) => siteUrl(sitePaths.paper(slug))));
  return items;
}

/** The citations of some papers, in the order given. */
export async function citationsOf(slugs: readonly string[]): Promise<Citation[]> {
  const all = await getCitations();
  return slugs.map((slug) => all.get(slug)!);
}

/** The two citation formats a page offers, as static files. */
export const CITATION_FORMATS = {
  bib: { contentType: 'application/x-bibtex; charset=utf-8', format: formatBibtex },
  json: { contentType: 'application/vnd.citationstyles.csl+json; charset=utf-8', format: formatCslJson },
} as const;

export type CitationFormat = keyof typeof CITATION_FORMATS;

/**
 * Static paths `<name>.<format>` of citation files, one per group and format, each keyed by the
 * citations it lists (src/lib/page-keys.ts): a rebuild writes again only files whose papers changed.
 */
export async function citationPaths(groups: ReadonlyArray<{ name: string; slugs: readonly string[] }>) {
  const keyed = await Promise.all(groups.map(async (group) => ({ ...group, citations: await citationsOf(group.slugs) })));
  return keyed.flatMap(({ name, slugs, citations }) =>
    (Object.keys(CITATION_FORMATS) as CitationFormat[]).map((format) => ({ params: { name, format }, props: { slugs }, cacheKey: citationFileKey(format, citations) })),
  );
}

/** The GET handler of every citation file route: the props name the papers, the path the format. */
export async function citationFile({ params, props }: { params: Record<string, string | undefined>; props: Record<string, unknown> }): Promise<Response> {
  const { contentType, format } = CITATION_FORMATS[params.format as CitationFormat];
  return new Response(format(await citationsOf(props.slugs as string[])), { headers: { 'content-type': contentType } });
}
