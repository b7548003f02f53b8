/**
 * Redirect pages for retired paper slugs (`aliases` in a paper's frontmatter). The conflict
 * check itself runs in `getPapers()` on every build.
 */
import { redirectsOf, type Redirect } from '../core/permalinks/index.ts';
import { getPapers } from './papers.ts';

let redirects: Promise<Redirect[]> | undefined;

export function getRedirects(): Promise<Redirect[]> {
  redirects ??= getPapers().then((papers) => redirectsOf(papers.map(({ data, filePath, id }) => ({ ...data, file: filePath ?? id }))));
  return redirects;
}
