/**
 * End to end: `scripts/import.ts` run as a user runs it, on the real seeds, into temp folders.
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePaperFile } from '../src/core/papers/frontmatter.ts';
import { paperSchema } from '../src/core/papers/schema.ts';
import { SEEDS_DIR } from './helpers/seeds.ts';
import { runScript, type ScriptRun } from './helpers/cli.ts';
import { tempDirs } from './helpers/temp-dirs.ts';

const ROOT = resolve(import.meta.dirname, '..');
/** The real listings, next to the repo (issue 3: `../shared/seeds/*.txt`). */
const SEEDS = SEEDS_DIR;
const seeds = readdirSync(SEEDS).filter((n) => n.endsWith('.txt')).sort().map((n) => join(SEEDS, n));
/** The group's reference export of the seed papers (content/listings/SOURCES.md). */
const SEED_BIB = join(SEEDS, 'seed-papers.bib');
const ABSTRACT = 'We make attention cheaper. '.repeat(12).trim();

/** The CLI's environment, without a LECTERN_CONTENT that would redirect the default folder. */
const ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'LECTERN_CONTENT'));

const temp = tempDirs('lectern-import-');

const run = (args: string[]): Promise<ScriptRun> => runScript('scripts/import.ts', args, ENV);

async function runJson(args: string[]) {
  const result = await run(['--json', ...args]);
  return { ...result, report: JSON.parse(result.stdout) };
}

/** Every file of a content folder's papers/ with its bytes. */
function snapshot(content: string): Map<string, string> {
  const dir = join(content, 'papers');
  return new Map(readdirSync(dir).sort().map((n) => [n, readFileSync(join(dir, n), 'utf8')]));
}

/** Each case spawns the CLI one or more times; on a loaded 2-core machine a spawn can take seconds. */
const SLOW = { timeout: 180_000 };

describe('importing the five seeds', SLOW, () => {
  it('gives 239 records and 189 papers; re-importing changes no byte', async () => {
    const content = temp();
    const first = await runJson(['--content', content, '--added', '2026-11-02', ...seeds]);
    expect(first.code).toBe(0);
    expect(first.report).toMatchObject({ records: 239, papers: 189, added: 189, updated: 0, unchanged: 0, skipped: 0, diagnostics: [] });
    const files = snapshot(content);
    expect(files.size).toBe(189);
    for (const [name, text] of files) {
      const parsed = parsePaperFile(text);
      expect(parsed.ok).toBe(true);
      const data = paperSchema.parse(parsed.ok && parsed.file.data);
      expect(`${data.slug}.mdx`).toBe(name);
    }
    // 239 records over 189 papers: every sighting is a source.
    const sources = [...files.values()].reduce((n, t) => n + paperSchema.parse((parsePaperFile(t) as { file: { data: unknown } }).file.data).sources.length, 0);
    expect(sources).toBe(239);

    const again = await runJson(['--content', content, '--added', '2026-11-25', ...seeds]);
    expect(again.code).toBe(0);
    expect(again.report).toMatchObject({ records: 239, papers: 189, added: 0, updated: 0, unchanged: 189, written: [] });
    expect(snapshot(content)).toEqual(files);
  });

  it('imports batches on different days: each paper keeps the day it was first added', async () => {
    const content = temp();
    const days = ['2026-11-02', '2026-11-04', '2026-11-10', '2026-11-17', '2026-11-24'];
    const added: number[] = [];
    for (const [i, seed] of seeds.entries()) {
      const r = await runJson(['--content', content, '--added', days[i]!, seed]);
      expect(r.code).toBe(0);
      added.push(r.report.added);
    }
    expect(added.reduce((a, b) => a + b)).toBe(189);
    const byDay = new Map<string, number>();
    for (const text of snapshot(content).values()) {
      const day = paperSchema.parse((parsePaperFile(text) as { file: { data: unknown } }).file.data).added;
      byDay.set(day, (byDay.get(day) ?? 0) + 1);
    }
    expect(Object.fromEntries(byDay)).toEqual(Object.fromEntries(days.map((d, i) => [d, added[i]])));
    const all = await runJson(['--content', content, '--added', '2026-11-25', ...seeds]);
    expect(all.report).toMatchObject({ added: 0, updated: 0, unchanged: 189 });
  });

  it("the repo's content is what importing the seeds gives: re-importing them into a copy changes nothing", async () => {
    const content = temp();
    cpSync(join(ROOT, 'content/papers'), join(content, 'papers'), { recursive: true });
    const r = await runJson(['--content', content, '--dry-run', ...seeds, SEED_BIB]);
    expect(r.code).toBe(0);
    // A failure here means the normalizer (or importer) changed since the seeds were imported:
    // run the README's "Importing papers" commands (the five listings, then the .bib) and commit.
    expect(r.report.changes.filter((c: { action: string }) => c.action !== 'unchanged')).toEqual([]);
    expect(r.report).toMatchObject({ records: 239 + 189, papers: 189, unchanged: 189, diagnostics: [] });
  });

  it('resolves yearless dates against the capture day in the year of --added', async () => {
    const content = temp();
    await run(['--content', content, '--added', '2026-11-02', seeds[1]!]);
    // 001 was captured "Dec 11": the most recent Dec 11 not after 2026-11-02 is 2025-12-11.
    const vpnext = [...snapshot(content)].find(([name]) => name.startsWith('vpnext-'))![1];
    expect(vpnext).toContain('published: "2025-02-23"');
  });
});

describe('the command line', SLOW, () => {
  it('--help explains the options and exits 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    for (const option of ['--content', '--added', '--dry-run', '--json', '--strict']) expect(r.stdout).toContain(option);
  });

  it('no files or an unknown option: usage and exit 2', async () => {
    expect((await run([])).code).toBe(2);
    const r = await run(['--frobnicate', seeds[0]!]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--frobnicate');
  });

  it('--dry-run reports what would change and writes nothing', async () => {
    const content = temp();
    const r = await run(['--content', content, '--added', '2026-11-02', '--dry-run', seeds[3]!]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('67 papers from 67 records: 67 added, 0 updated, 0 unchanged, 0 skipped; would write 67 files');
    expect(readdirSync(content)).toEqual([]);
  });

  it('prints progress, the changed files and a summary', async () => {
    const content = temp();
    const r = await run(['--content', content, '--added', '2026-11-02', seeds[0]!]);
    expect(r.stdout).toContain(`read ${seeds[0]}: 41 records`);
    expect(r.stdout).toContain('  added     papers/experts-weights-averaging-a-new-general-training-scheme-for.mdx');
    expect(r.stdout).toMatch(/41 papers from 41 records: 41 added, 0 updated, 0 unchanged, 0 skipped; wrote 41 files in .*papers\n$/);
  });
});

describe('bad input', SLOW, () => {
  const dir = temp();
  const empty = join(dir, 'empty.txt');
  const binary = join(dir, 'binary.txt');
  const broken = join(dir, 'broken.txt');
  const missing = join(dir, 'missing.txt');
  writeFileSync(empty, '\n\n');
  writeFileSync(binary, Buffer.from([0x6e, 0x65, 0x77, 0x0a, 0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00]));
  writeFileSync(broken, ['Daily Papers', 'Apr 29', 'Good Paper', ABSTRACT, '  • 3 authors', '·', 'Feb 31', 'Title Without Abstract', 'Another Good Paper', ABSTRACT].join('\n\n'));

  it('names file:line and what to do; valid records still import; exit 1', async () => {
    const content = temp();
    const r = await runJson(['--content', content, '--added', '2026-11-02', empty, binary, missing, broken, seeds[3]!]);
    expect(r.code).toBe(1);
    expect(r.report).toMatchObject({ records: 69, papers: 69, added: 69, skipped: 1 });
    const messages = r.report.diagnostics.map((d: { file: string; line: number; severity: string; code: string }) => [d.file, d.line, d.severity, d.code]);
    expect(messages).toEqual([
      [binary, 2, 'error', 'binary-file'],
      [missing, 0, 'error', 'unreadable-file'],
      [empty, 1, 'error', 'empty-file'],
      [broken, 13, 'warning', 'bad-metadata'],
      [broken, 15, 'error', 'title-without-abstract'],
    ]);
    expect(snapshot(content).size).toBe(69);
    const human = await run(['--content', temp(), '--added', '2026-11-02', empty, broken]);
    expect(human.code).toBe(1);
    expect(human.stderr).toContain(`${empty}:1: error: the file is empty.`);
    expect(human.stderr).toContain(`${broken}:15: error: the title "Title Without Abstract" has no abstract. Add the abstract`);
    expect(human.stdout).toContain(`${broken}:13: warning: could not read the date "Feb 31"`);
  });

  it('--strict writes nothing when any record has an error', async () => {
    const content = temp();
    const r = await run(['--content', content, '--added', '2026-11-02', '--strict', broken, seeds[3]!]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('nothing written: --strict');
    expect(readdirSync(content)).toEqual([]);
  });

  it('warnings alone exit 0 (the paper is imported without the bad metadata); with --strict they write nothing', async () => {
    const warnOnly = join(dir, 'warn.txt');
    writeFileSync(warnOnly, ['Good Paper', ABSTRACT, '  • 3 authors', '·', 'Feb 31'].join('\n'));
    const content = temp();
    const strict = await run(['--content', content, '--added', '2026-11-02', '--strict', warnOnly]);
    expect(strict.code).toBe(1);
    expect(readdirSync(content)).toEqual([]);
    const r = await run(['--content', content, '--added', '2026-11-02', warnOnly]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${warnOnly}:5: warning: could not read the date "Feb 31" of "Good Paper".`);
    expect(snapshot(content).size).toBe(1);
  });

  it('a content path that is a file is reported', async () => {
    const r = await run(['--content', empty, '--added', '2026-11-02', seeds[3]!]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot read');
  });
});
