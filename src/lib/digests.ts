/**
 * The weekly digests of the build, computed once from the memoised paper load, the theme
 * taxonomy and the optional intros (`content/digests/<YYYY>-w<WW>.mdx`). Routes and feeds go
 * through here; the digest logic itself lives in src/core/digest.
 */
import type { CollectionEntry } from 'astro:content';
import { buildDigests, type WeekDigest } from '../core/digest/digest.ts';
import { DIGEST_FILE_PATTERN } from '../core/digest/schema.ts';
import { getPapers } from './papers.ts';
import { optionalEntries } from './optional-entries.ts';
import { getThemes } from './themes.ts';
import { plural } from '../core/text.ts';

export type DigestEntry = CollectionEntry<'digests'>;

export interface Digests {
  /** Newest week first. */
  readonly list: readonly WeekDigest[];
  readonly bySlug: ReadonlyMap<string, WeekDigest>;
  /** The intro entries by week slug (`2026-w48`), for `render()` and the raw body. */
  readonly intros: ReadonlyMap<string, DigestEntry>;
}

let digests: Promise<Digests> | undefined;

async function load(): Promise<Digests> {
  const entries = await optionalEntries('digests');
  for (const entry of entries) {
    if (!DIGEST_FILE_PATTERN.test(entry.id)) {
      throw new Error(
        `${entry.filePath ?? entry.id}: a digest intro is named after its ISO week, <YYYY>-w<WW>.mdx (e.g. 2026-w48.mdx); rename the file`,
      );
    }
  }
  const intros = new Map(entries.map((entry) => [entry.id, entry]));
  const papers = (await getPapers()).map((paper) => paper.data);
  const list = buildDigests(
    papers,
    getThemes(),
    new Map(entries.map((entry) => [entry.id, { title: entry.data.title, summary: entry.data.summary, body: entry.body }])),
  );
  return { list, bySlug: new Map(list.map((digest) => [digest.slug, digest])), intros };
}

/** All digests, newest week first, with their intros. */
export function getDigests(): Promise<Digests> {
  digests ??= load();
  return digests;
}

/** Meta description of a digest page: its summary, or what it contains. */
export function digestDescription(digest: WeekDigest): string {
  if (digest.summary) return digest.summary;
  const count = plural(digest.papers.length, 'paper');
  const themes = digest.themes.map((theme) => theme.name);
  return `${count} added to the reading list from ${digest.start} to ${digest.end}${themes.length ? `: ${themes.join(', ')}` : ''}.`;
}

/** Whether a digest page shows math (titles, summaries or the intro), so it needs the KaTeX stylesheet. */
export function digestHasMath(digest: WeekDigest, intro: DigestEntry | undefined): boolean {
  const hasDollar = (text: string) => /(^|[^\\])\$/.test(text);
  return digest.papers.some((paper) => hasDollar(paper.title) || hasDollar(paper.summary)) || hasDollar(intro?.body ?? '');
}
