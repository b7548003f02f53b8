/**
 * The one content reader (src/core/content) and its I/O loader (src/io/content.ts): paper files
 * and the taxonomy are valid or invalid the same way for every command and the site (issue 13 §2).
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPaper, readTaxonomy } from '../../src/core/content/index.ts';
import { DEFAULT_TAXONOMY_YAML } from '../../src/core/themes/default-taxonomy.ts';
import { loadPapers, loadTaxonomy } from '../../src/io/content.ts';
import { tempDirs } from '../helpers/temp-dirs.ts';

const FIXTURE = 'tests/fixtures/site-content';
const MAMBA = join(FIXTURE, 'papers/mamba-linear-time-sequence-modeling-with-selective-state-spaces.mdx');
const text = readFileSync(MAMBA, 'utf8');
const withAdded = (value: string) => text.replace(/^added: .*$/m, `added: ${value}`);
const addedLine = text.split('\n').findIndex((line) => line.startsWith('added:')) + 1;

const temp = tempDirs('lectern-reader-');

describe('readPaper', () => {
  it('returns the validated frontmatter, the data as written and the notes', () => {
    const read = readPaper(text, 'papers/mamba.mdx');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.paper.slug).toBe('mamba-linear-time-sequence-modeling-with-selective-state-spaces');
    expect(read.data.added).toBe(read.paper.added);
  });

  it.each([['"2026-02-30"'], ['2026-02-30'], ['"2025-02-29"'], ['2026-13-01']])('rejects the day %s that is not in the calendar, naming file, line and field', (day) => {
    const read = readPaper(withAdded(day), 'papers/mamba.mdx');
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.diagnostics).toEqual([
      expect.objectContaining({ file: 'papers/mamba.mdx', line: addedLine, message: expect.stringMatching(/^field "added": \d{4}-\d{2}-\d{2} is not a day of the calendar/) }),
    ]);
  });

  it('accepts a leap day, quoted or bare, as the same text', () => {
    for (const day of ['"2024-02-29"', '2024-02-29']) {
      const read = readPaper(withAdded(day), 'x.mdx');
      expect(read.ok && read.paper.added).toBe('2024-02-29');
    }
  });

  it('names a missing required field and a file without frontmatter', () => {
    const missing = readPaper(text.replace(/^title_raw: .*\n/m, ''), 'x.mdx');
    expect(!missing.ok && missing.diagnostics[0]!.message).toBe('the required field "title_raw" is missing.');
    const none = readPaper('just notes\n', 'x.mdx');
    expect(!none.ok && none.diagnostics[0]).toMatchObject({ line: 1, message: 'the file does not start with a "---" frontmatter line.' });
  });
});

describe('readTaxonomy', () => {
  it('uses the default taxonomy when there is no file, and says so', () => {
    const read = readTaxonomy(null, 'group/themes.yaml');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.source).toBe('default');
    expect(read.taxonomy.themes.map((theme) => theme.slug)).toEqual(['efficient-attention', 'quantization', 'moe', 'ssm']);
    expect(read.description).toBe("themes: lectern's default taxonomy (4 themes); group/themes.yaml does not exist (write it out to edit: npm run themes -- init)");
  });

  it('reads the file when there is one, and reports a broken one with its line', () => {
    const own = readTaxonomy(DEFAULT_TAXONOMY_YAML.replace('slug: moe', 'slug: mixture'), 'themes.yaml');
    expect(own.ok && own.taxonomy.themes.map((theme) => theme.slug)).toContain('mixture');
    expect(own.ok && own.description).toBe('themes: themes.yaml (4 themes)');
    const broken = readTaxonomy('themes:\n  - slug: Bad Slug\n', 'themes.yaml');
    expect(!broken.ok && broken.diagnostics[0]).toMatchObject({ file: 'themes.yaml', line: 2 });
  });
});

describe('the content loader', () => {
  it('loads every valid paper and names each invalid file with its folder', () => {
    const dir = temp();
    cpSync(FIXTURE, dir, { recursive: true });
    const broken = join(dir, 'papers', 'broken.mdx');
    writeFileSync(broken, withAdded('"2026-02-30"'));
    const { papers, diagnostics } = loadPapers(dir);
    expect(papers).toHaveLength(5);
    expect(diagnostics).toEqual([expect.objectContaining({ file: broken, line: addedLine })]);
  });

  it('falls back to the default taxonomy for a folder without themes.yaml', () => {
    const dir = temp();
    const read = loadTaxonomy(dir);
    expect(read.ok && read.source).toBe('default');
    expect(loadTaxonomy(FIXTURE).ok && (loadTaxonomy(FIXTURE) as { source: string }).source).toBe('file');
  });
});
