/**
 * The theme pages' lists: each theme's papers and the papers without one ("No theme"), in pages
 * of at most PAGE_SIZE (src/lib/paper-lists.ts). Used by /themes/<slug>/ and its later pages.
 */
import { getCatalog, type PaperView } from './catalog.ts';
import { listPages, type ListPage } from './paper-lists.ts';
import { UNTHEMED_NAME, UNTHEMED_SLUG } from './site.ts';
import { sitePaths } from '../core/urls.ts';

export interface ThemeListPage {
  slug: string;
  name: string;
  /** One line for readers: the page's lead and meta description. */
  summary: string;
  /** What belongs here ('' for "No theme" and themes without criteria). */
  criteria: string;
  papers: PaperView[];
  list: ListPage;
}

export async function themeListPages(): Promise<ThemeListPage[]> {
  const { themes, unthemed } = await getCatalog();
  const lists = [
    ...themes.map((theme) => ({ slug: theme.slug, name: theme.name, summary: theme.summary, criteria: theme.criteria, papers: theme.papers })),
    {
      slug: UNTHEMED_SLUG,
      name: UNTHEMED_NAME,
      summary: 'Papers on the reading list that are not under any theme yet, by the week they were added.',
      criteria: '',
      papers: unthemed,
    },
  ];
  return lists.flatMap((theme) => listPages(theme.papers, sitePaths.theme(theme.slug)).map((list) => ({ ...theme, list })));
}
