/**
 * End to end: the importer fills themes for new papers from <content>/themes.yaml (lectern's
 * default taxonomy when the folder has none; `themes init` writes it out), and
 * `scripts/themes.ts` (report, reclassify, eval) run as a user runs them, on the real seeds, in
 * temp content folders. A person's themes (`themes_source: manual`) survive everything.
 */
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePaperFile } from '../src/core/papers/frontmatter.ts';
import { DEFAULT_TAXONOMY_YAML } from '../src/core/themes/default-taxonomy.ts';
import { SEEDS_DIR } from './helpers/seeds.ts';
import { runScript } from './helpers/cli.ts';
import { tempDirs } from './helpers/temp-dirs.ts';

const ROOT = resolve(import.meta.dirname, '..');
const SEEDS = SEEDS_DIR;
const seeds = readdirSync(SEEDS).filter((n) => n.endsWith('.txt')).sort().map((n) => join(SEEDS, n));
const TAXONOMY = join(ROOT, 'content/themes.yaml');
const ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'LECTERN_CONTENT'));

const temp = tempDirs('lectern-themes-');

const run = (script: string, args: string[]) => runScript(script, args, ENV);

const QUAMBA = 'papers/quamba-a-post-training-quantization-recipe-for-selective.mdx';
const MAMBA = 'papers/mamba-linear-time-sequence-modeling-with-selective-state.mdx';
const themesOf = (dir: string, path: string): unknown => {
  const parsed = parsePaperFile(readFileSync(join(dir, path), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.file.data.themes;
};

describe('import with the taxonomy', () => {
  it('classifies new papers with <content>/themes.yaml, or with the default taxonomy when there is none, saying which', async () => {
    const withTaxonomy = temp();
    copyFileSync(TAXONOMY, join(withTaxonomy, 'themes.yaml'));
    const own = await run('scripts/import.ts', ['--content', withTaxonomy, '--added', '2026-11-25', ...seeds]);
    expect(own.code).toBe(0);
    expect(own.stdout).toContain(`themes: ${join(withTaxonomy, 'themes.yaml')} (4 themes)`);
    expect(themesOf(withTaxonomy, QUAMBA)).toEqual(['quantization', 'ssm']);
    expect(themesOf(withTaxonomy, MAMBA)).toEqual(['ssm']);

    // Before: a folder without themes.yaml imported every paper with `themes: []`.
    const without = temp();
    const fallback = await run('scripts/import.ts', ['--content', without, '--added', '2026-11-25', ...seeds]);
    expect(fallback.code).toBe(0);
    expect(fallback.stdout).toContain(`themes: lectern's default taxonomy (4 themes); ${join(without, 'themes.yaml')} does not exist`);
    expect(themesOf(without, QUAMBA)).toEqual(['quantization', 'ssm']);
  });

  it('reports a broken taxonomy with file:line and imports the papers without themes', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'themes.yaml'), 'themes:\n  - slug: Bad Slug\n    name: x\n');
    const result = await run('scripts/import.ts', ['--content', dir, '--added', '2026-11-25', seeds[0]!]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${join(dir, 'themes.yaml')}:2: error: themes.0.slug`);
    expect(readdirSync(join(dir, 'papers')).length).toBeGreaterThan(0);
  });
});

describe('npm run themes', () => {
  let dir: string;
  beforeAll(async () => {
    dir = temp();
    copyFileSync(TAXONOMY, join(dir, 'themes.yaml'));
    await run('scripts/import.ts', ['--content', dir, '--added', '2026-11-25', ...seeds]);
  });

  it('report: counts per theme, papers with no theme, borderline papers with evidence', async () => {
    const text = await run('scripts/themes.ts', ['report', '--content', dir, '--limit', '0']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Themes of 189 papers/);
    expect(text.stdout).toMatch(/^ {2}ssm +23 papers {2}\(0 manual\)/m);
    expect(text.stdout).toMatch(/No theme: \d+ papers/);
    expect(text.stdout).toMatch(/margin [+-][\d.]+, (?:not )?assigned\)\n +(?:title|abstract) "/);

    const json = JSON.parse((await run('scripts/themes.ts', ['report', '--content', dir, '--json'])).stdout);
    expect(json.papers).toBe(189);
    expect(json.counts.map((c: { slug: string }) => c.slug)).toEqual(['efficient-attention', 'quantization', 'moe', 'ssm']);
    expect(json.none.length).toBe(Number(text.stdout.match(/No theme: (\d+)/)![1]));
    expect(json.borderline.length).toBeGreaterThan(0);
    expect(json.borderline[0].scores[0].evidence.length).toBeGreaterThan(0);
    expect(json.stale).toBe(0);
  });

  it('reclassify: shows the diff, writes only non-manual papers, keeps notes, and import never undoes a manual edit', async () => {
    // A person corrects one paper and writes notes under another.
    const quambaPath = join(dir, QUAMBA);
    const quamba = readFileSync(quambaPath, 'utf8').replace(
      'themes:\n  - "quantization"\n  - "ssm"\n',
      'themes:\n  - "ssm"\nthemes_source: manual\n',
    );
    writeFileSync(quambaPath, quamba);
    const mambaPath = join(dir, MAMBA);
    writeFileSync(mambaPath, readFileSync(mambaPath, 'utf8') + '\nOur notes: read section 3 first.\n');
    // The taxonomy changes: quantization now needs far more evidence.
    const taxonomyPath = join(dir, 'themes.yaml');
    const original = readFileSync(taxonomyPath, 'utf8');
    writeFileSync(taxonomyPath, original.replace(/(slug: quantization[\s\S]*?threshold: )4/, '$1100'));

    const before = readFileSync(mambaPath, 'utf8');
    const dry = await run('scripts/themes.ts', ['reclassify', '--dry-run', '--content', dir]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(': [quantization] -> []');
    expect(dry.stdout).not.toContain('quamba');
    expect(dry.stdout).toMatch(/(\d+) changed, \d+ unchanged, 1 manual \(never touched\); would write \1 files \(dry run\)/);
    expect(themesOf(dir, 'papers/llm-int8-8-bit-matrix-multiplication-for-transformers-at.mdx')).toEqual(['quantization']);

    const int8Path = join(dir, 'papers/llm-int8-8-bit-matrix-multiplication-for-transformers-at.mdx');
    const int8 = readFileSync(int8Path, 'utf8');
    const real = await run('scripts/themes.ts', ['reclassify', '--content', dir]);
    expect(real.code).toBe(0);
    expect(real.stdout).toMatch(/wrote \d+ files/);
    expect(readFileSync(int8Path, 'utf8')).toBe(int8.replace('themes:\n  - "quantization"\n', 'themes: []\n'));
    expect(readFileSync(quambaPath, 'utf8')).toBe(quamba);
    expect(readFileSync(mambaPath, 'utf8')).toBe(before);
    expect(readdirSync(join(dir, 'papers')).filter((n) => n.endsWith('.tmp'))).toEqual([]);

    // Nothing left to do; re-importing the seeds leaves the manual themes alone.
    expect((await run('scripts/themes.ts', ['reclassify', '--content', dir])).stdout).toMatch(/^0 changed/m);
    writeFileSync(taxonomyPath, original);
    await run('scripts/import.ts', ['--content', dir, '--added', '2026-12-02', ...seeds]);
    expect(readFileSync(quambaPath, 'utf8')).toContain('themes:\n  - "ssm"\nthemes_source: manual\n');
  });

  it('eval: precision, recall and F1 per theme against the labels', async () => {
    const result = await run('scripts/themes.ts', [
      'eval',
      '--labels',
      'tests/fixtures/theme-labels.json',
      '--content',
      'content',
      ...seeds,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^themes: content\/themes\.yaml \(4 themes\)$/m);
    expect(result.stdout).toMatch(/^189 labeled papers \(0 without a label, 0 labels matching no paper\)/m);
    expect(result.stdout).toMatch(/^moe +20 +20 +0 +0 +1\.000 +1\.000 +1\.000$/m);
  });

  it('init writes the default taxonomy out once, and every command then reads that file', async () => {
    const dir = temp();
    const init = await run('scripts/themes.ts', ['init', '--content', dir]);
    expect(init.code).toBe(0);
    expect(readFileSync(join(dir, 'themes.yaml'), 'utf8')).toBe(DEFAULT_TAXONOMY_YAML);
    const again = await run('scripts/themes.ts', ['init', '--content', dir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`${join(dir, 'themes.yaml')}: error: a taxonomy already exists here.`);
    expect(readFileSync(join(dir, 'themes.yaml'), 'utf8')).toBe(DEFAULT_TAXONOMY_YAML);
    const report = await run('scripts/themes.ts', ['report', '--content', dir]);
    expect(report.stdout).toContain(`themes: ${join(dir, 'themes.yaml')} (4 themes)`);
  });

  it('help, usage errors and a missing or broken taxonomy', async () => {
    const help = await run('scripts/themes.ts', ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/reclassify/);
    expect((await run('scripts/themes.ts', ['frobnicate'])).code).toBe(2);
    expect((await run('scripts/themes.ts', [])).code).toBe(2);
    expect((await run('scripts/themes.ts', ['eval', 'x.txt'])).code).toBe(2);

    const empty = temp();
    const missing = await run('scripts/themes.ts', ['report', '--content', empty]);
    expect(missing.code).toBe(0);
    expect(missing.stdout).toContain(`themes: lectern's default taxonomy (4 themes); ${join(empty, 'themes.yaml')} does not exist`);

    writeFileSync(join(empty, 'themes.yaml'), 'themes:\n  - slug: x\n    name: X\n    description: d\n    threshold: 1\n    evidence:\n      - weight: 1\n        phrases: ["(unclosed"]\n');
    const broken = await run('scripts/themes.ts', ['reclassify', '--content', empty]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(new RegExp(`themes\\.yaml:8: error: themes\\.0\\.evidence\\.0\\.phrases\\.0: not a valid regular expression`));
  });
});
