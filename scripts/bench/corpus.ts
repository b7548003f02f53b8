/**
 * Write a synthetic content folder (papers, themes.yaml, a few digest intros) for the benchmark.
 * Never writes into the repo: the caller passes a temp folder.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  isoWeekOf,
  seedRecordsFromListings,
  syntheticPapers,
  type SeedRecord,
  type SyntheticOptions,
  type SyntheticPaper,
} from './synthetic.ts';
import { serializePaperFile } from '../../src/core/papers/frontmatter.ts';
import { lecternConfig } from '../../src/config.ts';

export const REPO = new URL('../../', import.meta.url).pathname;

/** The file the importer would write (its own serializer), with the notes as the body. */
export function paperFile(paper: SyntheticPaper): string {
  return serializePaperFile(paper.frontmatter, paper.notes ? `\n${paper.notes}` : '');
}

const THEMES_YAML = `# synthetic copy for benchmarks
- slug: efficient-attention
  name: Efficient attention
- slug: quantization
  name: Quantization
- slug: moe
  name: Mixture of experts
- slug: ssm
  name: State-space models
`;

export interface Corpus {
  dir: string;
  papers: SyntheticPaper[];
  weeks: number;
}

/** Title/abstract records from the seed listings ($LECTERN_SEEDS or the repo's content/listings). */
export function loadSeeds(): SeedRecord[] {
  const { seedsDir } = lecternConfig(process.env, REPO);
  const texts = readdirSync(seedsDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(seedsDir, f), 'utf8'));
  return seedRecordsFromListings(texts);
}

export function writeCorpus(dir: string, options: SyntheticOptions): Corpus {
  const papers = syntheticPapers(loadSeeds(), options);
  mkdirSync(join(dir, 'papers'), { recursive: true });
  mkdirSync(join(dir, 'digests'), { recursive: true });
  for (const paper of papers) writeFileSync(join(dir, 'papers', `${paper.frontmatter.slug}.mdx`), paperFile(paper));
  // The real themes file when the repo has one (its format is the themes code's business).
  const repoThemes = join(REPO, 'content', 'themes.yaml');
  writeFileSync(join(dir, 'themes.yaml'), existsSync(repoThemes) ? readFileSync(repoThemes, 'utf8') : THEMES_YAML);
  const weeks = [...new Set(papers.map((p) => isoWeekOf(p.frontmatter.added)))].sort();
  // Every fifth week gets a human intro, like a reading group that sometimes writes one.
  weeks.forEach((week, i) => {
    if (i % 5 === 0) {
      writeFileSync(
        join(dir, 'digests', `${week}.mdx`),
        `---\ntitle: Week ${week}\n---\n\nThis week we read about **attention** cost, $O(n^2)$ and friends.\n`,
      );
    }
  });
  return { dir, papers, weeks: weeks.length };
}
