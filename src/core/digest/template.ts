/**
 * The starting text of a week's intro, `content/digests/<YYYY>-w<WW>.mdx` (`npm run digest -- new`):
 * frontmatter, and an MDX comment listing the week's papers as ready-to-copy links. Titles are
 * written as MDX text (every character MDX or Markdown would read as syntax is escaped), so a line
 * copied out of the comment shows the title and never becomes markup or code.
 */
import { defaultDigestTitle, type DigestPaperInput } from './digest.ts';
import { cleanTextToMarkdown } from './export.ts';
import { sitePaths } from '../urls.ts';
import { isoWeekOf, weekDays, weekId, weekSlug, type IsoWeek } from './week.ts';

/** A clean title as MDX text: math kept as `$...$`, everything else escaped; never ends the comment. */
export function titleAsMdxText(title: string): string {
  return cleanTextToMarkdown(title).replace(/\*\//g, '*\\/');
}

export function introTemplate(week: IsoWeek, papers: readonly DigestPaperInput[]): string {
  const { start, end } = weekDays(week);
  const mine = papers.filter((paper) => weekSlug(isoWeekOf(paper.added)) === weekSlug(week));
  const list = mine.length
    ? mine.map((paper) => `    - [${titleAsMdxText(paper.title)}](../../${sitePaths.paper(paper.slug)})`).join('\n')
    : '    (none yet: import the week first, or link papers later)';
  return `---
title: ${JSON.stringify(defaultDigestTitle(week))}
# summary: "One or two sentences for the digest list, the feed and link previews."
---

{/*
  The intro of the ${weekId(week)} digest (${start} to ${end}): a few sentences on what the week
  brought. Markdown, math ($O(n^2)$) and code blocks work. The papers are listed below the intro
  automatically, grouped by theme; the papers you link to are featured at the top. Link to a
  paper relative to this page, e.g.:
${list}
  Delete this comment when you are done.
*/}

`;
}
