/**
 * A content folder's digests for the `digest` command: papers, themes and intros read through the
 * content loader (./content.ts), assembled by src/core/digest. Content a digest cannot be made
 * from throws a ContentError naming the file and line.
 */
import { join } from 'node:path';
import { chooseDigest, type WeekChoice } from '../core/digest/choose.ts';
import { buildDigests, type DigestPaperInput, type WeekDigest } from '../core/digest/digest.ts';
import { themeList } from '../core/themes/index.ts';
import { ContentError, loadDigestIntro, loadPapers, loadTaxonomy } from './content.ts';

/** Every paper, validated by the one content reader; any invalid file stops the command. */
export function loadDigestPapers(contentDir: string): DigestPaperInput[] {
  const { papers, diagnostics } = loadPapers(contentDir);
  if (diagnostics.length > 0) throw new ContentError(diagnostics);
  return papers.map(({ paper }) => paper);
}

/** The digest of the chosen week, with its intro (the papers the intro links to are featured); `log` says which taxonomy was used. */
export function loadWeekDigest(contentDir: string, choice: WeekChoice, log: (line: string) => void): { digest: WeekDigest; introBody: string | undefined } {
  const papers = loadDigestPapers(contentDir);
  const taxonomy = loadTaxonomy(contentDir);
  if (!taxonomy.ok) throw new ContentError(taxonomy.diagnostics);
  log(taxonomy.description);
  const themes = themeList(taxonomy.taxonomy);
  const chosen = chooseDigest(choice, buildDigests(papers, themes), join(contentDir, 'papers'));
  if (!chosen.ok) throw new ContentError([chosen.diagnostic]);
  const { slug } = chosen.digest;
  const intro = loadDigestIntro(contentDir, slug);
  if (intro === null) return { digest: chosen.digest, introBody: undefined };
  if (!intro.ok) throw new ContentError(intro.diagnostics);
  const digest = buildDigests(papers, themes, new Map([[slug, { ...intro.intro, body: intro.body }]])).find((d) => d.slug === slug)!;
  return { digest, introBody: intro.body };
}
