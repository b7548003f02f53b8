/**
 * Issue 14 items 1 and 15 and the mistyped `--content` of its "Also" list: one writer at a time
 * on a content folder, no write over a file that changed since it was read, and the temp files
 * of interrupted runs cleaned up. The concurrency cases run real processes at once.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePaperFile } from '../src/core/papers/frontmatter.ts';
import { paperSchema } from '../src/core/papers/schema.ts';
import { ChangedSinceReadError, TEMP_SUFFIX, writeFileAtomic } from '../src/io/atomic.ts';
import { ContentLockedError, LOCK_FILE, lockContent } from '../src/io/lock.ts';
import { writeFilesAtomically } from '../src/io/content.ts';
import { runScript, type ScriptRun } from './helpers/cli.ts';
import { seedFiles } from './helpers/seeds.ts';
import { tempDirs } from './helpers/temp-dirs.ts';

const ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'LECTERN_CONTENT' && k !== 'LECTERN_LOCK_WAIT'));
const ABSTRACT = 'We study attention at scale. '.repeat(12).trim();
const SLOW = { timeout: 300_000 };

const lockDirs = tempDirs('lectern-lock-');
const temp = (name = 'content'): string => lockDirs(name);

/** A content folder with papers/ (a real one, so the folder check passes). */
function contentFolder(): string {
  const dir = temp();
  mkdirSync(join(dir, 'papers'));
  return dir;
}

/** The pid of a process that has exited (a stale lock's holder). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

const importer = (args: string[], env: NodeJS.ProcessEnv = ENV): Promise<ScriptRun> => runScript('scripts/import.ts', args, env);

function papersIn(content: string) {
  const dir = join(content, 'papers');
  return readdirSync(dir)
    .filter((n) => n.endsWith('.mdx'))
    .map((n) => {
      const parsed = parsePaperFile(readFileSync(join(dir, n), 'utf8'));
      if (!parsed.ok) throw new Error(`${n}: ${parsed.message}`);
      return paperSchema.parse(parsed.file.data);
    });
}

describe('the content folder lock (src/io/lock.ts)', () => {
  it('names its holder to a second command, and is released', () => {
    const dir = contentFolder();
    const lock = lockContent(dir, 'lectern-import', { waitMs: 0 });
    const holder = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'));
    expect(holder).toMatchObject({ pid: process.pid, host: hostname(), command: 'lectern-import' });
    let refused: unknown;
    try {
      lockContent(dir, 'lectern themes reclassify', { waitMs: 0 });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ContentLockedError);
    expect((refused as Error).message).toMatch(
      new RegExp(`^the content folder is in use by lectern-import \\(pid ${process.pid} on .*\\)\\. Wait for it to finish and run this again\\. If no lectern command is running, delete ${join(dir, LOCK_FILE).replace(/[.]/g, '\\.')}\\.$`),
    );
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    lockContent(dir, 'again', { waitMs: 0 }).release();
  });

  it('takes over a stale lock (its process is gone) and deletes the temp files interrupted runs left', () => {
    const dir = contentFolder();
    const stale = { pid: deadPid(), host: hostname(), command: 'lectern-import', started: '2026-11-02T10:00:00.000Z' };
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify(stale));
    const leftovers = [join(dir, 'papers', `.mamba.mdx.${stale.pid}.0${TEMP_SUFFIX}`), join(dir, `.themes.yaml.${stale.pid}.3${TEMP_SUFFIX}`)];
    for (const file of leftovers) writeFileSync(file, 'half a paper');
    writeFileSync(join(dir, 'papers', 'mamba.mdx'), 'kept');
    const lock = lockContent(dir, 'lectern-import', { waitMs: 0 });
    expect(lock.cleaned).toEqual([...leftovers].sort());
    expect(readdirSync(join(dir, 'papers'))).toEqual(['mamba.mdx']);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });
});

describe('writes never replace a file that changed since it was read', () => {
  it('a file a person saved meanwhile is kept; the others are written and the error names it', () => {
    const dir = contentFolder();
    const notes = join(dir, 'papers', 'mamba.mdx');
    writeFileSync(notes, 'as read');
    writeFileSync(notes, 'as read, plus the notes a person saved during the import');
    expect(() =>
      writeFilesAtomically(dir, [
        { path: 'papers/mamba.mdx', content: 'importer version', expected: 'as read' },
        { path: 'papers/rwkv.mdx', content: 'new paper', expected: null },
      ]),
    ).toThrow(/1 file changed while this command ran and was not replaced \(1 others written\): .*mamba\.mdx\. Run the command again/);
    expect(readFileSync(notes, 'utf8')).toBe('as read, plus the notes a person saved during the import');
    expect(readFileSync(join(dir, 'papers', 'rwkv.mdx'), 'utf8')).toBe('new paper');
  });

  it('a new file never replaces one created meanwhile, and leaves no temp file', () => {
    const dir = contentFolder();
    writeFileSync(join(dir, 'papers', 'net.mdx'), 'the other import\'s "Net"');
    expect(() => writeFileAtomic(join(dir, 'papers', 'net.mdx'), '"注意力 Net"', { expected: null })).toThrow(ChangedSinceReadError);
    expect(readdirSync(join(dir, 'papers'))).toEqual(['net.mdx']);
    expect(readFileSync(join(dir, 'papers', 'net.mdx'), 'utf8')).toBe('the other import\'s "Net"');
  });
});

describe('concurrent commands on one content folder (real processes)', SLOW, () => {
  const seeds = seedFiles();

  it('3 imports at once keep all 189 papers and all 239 sightings', async () => {
    const content = contentFolder();
    const runs = await Promise.all([
      importer(['--content', content, '--added', '2026-11-02', seeds[0]!, seeds[1]!]),
      importer(['--content', content, '--added', '2026-11-02', seeds[2]!, seeds[3]!]),
      importer(['--content', content, '--added', '2026-11-02', seeds[4]!, seeds[0]!]),
    ]);
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    const papers = papersIn(content);
    expect(papers).toHaveLength(189);
    // Seed 0 was imported twice: its sightings are recorded once.
    expect(papers.reduce((n, p) => n + p.sources.length, 0)).toBe(239);
    expect(existsSync(join(content, LOCK_FILE))).toBe(false);
  });

  it('without waiting, the losers exit 1 naming the holder, and nothing is lost', async () => {
    const content = contentFolder();
    const env = { ...ENV, LECTERN_LOCK_WAIT: '0' };
    const runs = await Promise.all(seeds.slice(0, 3).map((seed) => importer(['--content', content, '--added', '2026-11-02', seed], env)));
    const winners = runs.filter((r) => r.code === 0);
    expect(winners.length).toBeGreaterThanOrEqual(1);
    for (const loser of runs.filter((r) => r.code !== 0)) {
      expect(loser.code).toBe(1);
      expect(loser.stderr).toMatch(/lectern-import: the content folder is in use by lectern-import \(pid \d+ on /);
    }
    // What the winners reported as written is all there.
    const reported = winners.reduce((n, r) => n + Number(/: (\d+) added/.exec(r.stdout)?.[1] ?? NaN), 0);
    expect(papersIn(content)).toHaveLength(reported);
  });

  it('two titles that slug the same, imported at once, are two papers', async () => {
    const dir = temp('listings');
    writeFileSync(join(dir, 'a.txt'), `Net\n${ABSTRACT}\n`);
    writeFileSync(join(dir, 'b.txt'), `注意力 Net\n${ABSTRACT} Again.\n`);
    for (let trial = 0; trial < 3; trial++) {
      const content = contentFolder();
      const runs = await Promise.all([
        importer(['--content', content, '--added', '2026-11-02', join(dir, 'a.txt')]),
        importer(['--content', content, '--added', '2026-11-02', join(dir, 'b.txt')]),
      ]);
      expect(runs.map((r) => r.code)).toEqual([0, 0]);
      expect(papersIn(content).map((p) => p.title_raw).sort()).toEqual(['Net', '注意力 Net']);
    }
  });

  it('themes reclassify and digest new take the same lock', async () => {
    const content = contentFolder();
    writeFileSync(join(content, 'themes.yaml'), readFileSync(join(import.meta.dirname, '../content/themes.yaml')));
    await importer(['--content', content, '--added', '2026-11-02', seeds[3]!]);
    const lock = lockContent(content, 'a test holding the folder', { waitMs: 0 });
    try {
      const env = { ...ENV, LECTERN_LOCK_WAIT: '0' };
      const themes = await runScript('scripts/themes.ts', ['reclassify', '--content', content], env);
      expect(themes.code).toBe(1);
      expect(themes.stderr).toContain(`the content folder is in use by a test holding the folder (pid ${process.pid}`);
      const digest = await runScript('scripts/digest.ts', ['new', '--week', '2026-W45', '--content', content], env);
      expect(digest.code).toBe(1);
      expect(digest.stderr).toContain(`the content folder is in use by a test holding the folder (pid ${process.pid}`);
      expect(existsSync(join(content, 'digests'))).toBe(false);
    } finally {
      lock.release();
    }
    const digest = await runScript('scripts/digest.ts', ['new', '--week', '2026-W45', '--content', content], ENV);
    expect(digest.code).toBe(0);
  });
});

describe('the importer after an interrupted run and on a mistyped folder', SLOW, () => {
  it('deletes the temp files a killed import left and says so (item 15)', async () => {
    const content = contentFolder();
    const leftover = join(content, 'papers', `.mamba.mdx.${deadPid()}.0${TEMP_SUFFIX}`);
    writeFileSync(leftover, '---\nslug: "mam');
    const r = await importer(['--content', content, '--added', '2026-11-02', seedFiles()[3]!]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`lectern-import: deleted ${leftover}, left by an interrupted run`);
    expect(readdirSync(join(content, 'papers')).filter((n) => n.endsWith(TEMP_SUFFIX))).toEqual([]);
  });

  it('a --content that does not exist is not created unless --init', async () => {
    const missing = join(temp(), 'contnet');
    const r = await importer(['--content', missing, '--added', '2026-11-02', seedFiles()[3]!]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`lectern-import: there is no content folder at ${missing}. Check --content (or LECTERN_CONTENT); to start a new content folder there, add --init.`);
    expect(existsSync(missing)).toBe(false);
    const notContent = temp();
    writeFileSync(join(notContent, 'README.md'), 'a folder of something else');
    const other = await importer(['--content', notContent, '--added', '2026-11-02', seedFiles()[3]!]);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('is not a lectern content folder (it has no papers/ or themes.yaml)');
    const created = await importer(['--init', '--content', missing, '--added', '2026-11-02', seedFiles()[3]!]);
    expect(created.code).toBe(0);
    expect(papersIn(missing)).toHaveLength(67);
  });
});

// The CLI's lock must not outlive it, whatever happens.
describe('a killed importer', SLOW, () => {
  it('leaves a lock the next run takes over', async () => {
    const content = contentFolder();
    const stale = { pid: deadPid(), host: hostname(), command: 'lectern-import', started: new Date().toISOString() };
    writeFileSync(join(content, LOCK_FILE), JSON.stringify(stale));
    const r = await importer(['--content', content, '--added', '2026-11-02', seedFiles()[3]!], { ...ENV, LECTERN_LOCK_WAIT: '0' });
    expect(r.code).toBe(0);
    expect(existsSync(join(content, LOCK_FILE))).toBe(false);
    expect(execFileSync('ls', ['-A', content], { encoding: 'utf8' }).split('\n').filter(Boolean)).toEqual(['papers']);
  });
});
